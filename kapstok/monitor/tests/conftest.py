"""Monitor fixtures: the seeded templates, and an open wave asking Kantoor Utrecht's people.

In the `world`, Kantoor Utrecht has lead Kees Kartrekker, civil servant Gerrit Gemeente (of
Utrecht) and Paula Partner of "Sportservice Midden" (a partner assigned to the office).
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.monitor import services
from kapstok.monitor.models import Audience, Wave


@pytest.fixture
def templates(db):
    return {t.template_key: t for t in services.templates_ensure()}


@pytest.fixture
def wave(world, templates):
    """An open wave of this year for both offices of the world, all three audiences."""
    today = timezone.localdate()
    return services.wave_start(
        wave=Wave(
            name="Monitor 2026",
            year=today.year,
            opens_on=today,
            closes_on=today + datetime.timedelta(days=30),
        ),
        office_ids=[world.office.pk, world.other_office.pk],
        questionnaires={
            Audience.LEAD: templates["lead"],
            Audience.MUNICIPALITY: templates["municipality"],
            Audience.FACILITATOR: templates["facilitator"],
        },
        actor=world.users["pos"],
    )


@pytest.fixture
def lead_invitation(world, wave):
    return wave.invitations.get(office=world.office, audience=Audience.LEAD)
