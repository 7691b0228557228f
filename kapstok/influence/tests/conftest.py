"""Influence fixtures: files go to a temporary MEDIA_ROOT; Utrecht has a sport council."""

import pytest

from kapstok.influence.models import Position, PositionStatus
from kapstok.network.models import Body, BodyKind


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def council(world):
    body = Body.objects.create(name="Sportraad Utrecht", kind=BodyKind.SPORT_COUNCIL)
    body.municipalities.set([world.utrecht])
    return body


def make_position(world, status=PositionStatus.CONCEPT, **fields):
    fields.setdefault("municipality", world.utrecht)
    return Position.objects.create(
        office=fields.pop("office", world.office),
        title=fields.pop("title", "Subsidie ook voor ondernemers"),
        body="De regeling sport en bewegen staat nu alleen open voor verenigingen.",
        status=status,
        created_by=world.users["lead"],
        **fields,
    )


def url(position, tail=""):
    return f"/netwerk/kantoren/{position.office.slug}/invloed/standpunten/{position.pk}/{tail}"
