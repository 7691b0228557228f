"""The public office page shows what the office shares with everyone: practices and meetings."""

import datetime

import pytest

from django.utils import timezone

from kapstok.peers.models import Meeting, Practice

pytestmark = pytest.mark.django_db

URL = "/kantoren/kantoor-utrecht/"


def practice(world, **extra):
    return Practice.objects.create(
        office=world.office,
        title=extra.pop("title", "Bord langs de invalsweg"),
        what="Alle aanbieders samen op één bord langs de weg",
        result="Veertig nieuwe proeflessen",
        **extra,
    )


def test_published_public_practices_are_shown(world, client):
    practice(world, status="published", visibility="public")
    practice(world, title="Interne evaluatie", status="published", visibility="internal")
    practice(world, title="Concept", status="draft", visibility="public")
    html = client.get(URL).content.decode()
    assert "Bord langs de invalsweg" in html
    assert "Interne evaluatie" not in html
    assert "Concept" not in html


def test_upcoming_public_meetings_are_shown(world, client):
    soon = timezone.now() + datetime.timedelta(days=10)
    common = {
        "scope": "office",
        "office": world.office,
        "ends_at": soon + datetime.timedelta(hours=2),
    }
    Meeting.objects.create(title="Open sportavond", starts_at=soon, is_public=True, **common)
    Meeting.objects.create(title="Kernteamoverleg", starts_at=soon, is_public=False, **common)
    html = client.get(URL).content.decode()
    assert "Open sportavond" in html
    assert "Kernteamoverleg" not in html
