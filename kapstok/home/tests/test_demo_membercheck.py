"""The member check's demo data on the test network: two closed rounds and an open one, the
dropping office's signal, no answers in the name of a demo login, and the same data each time."""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.home.demo_membercheck import member_check_seed
from kapstok.membercheck import selectors
from kapstok.monitor.models import Invitation, WaveStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import Office
from kapstok.progress.models import Signal
from kapstok.progress.services import signals_compute

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def network(world):
    """The world's two offices as demo offices, each with twelve more members."""
    Office.objects.update(is_demo=True)
    for office in (world.office, world.other_office):
        for _ in range(12):
            MembershipFactory(
                office=office,
                entrepreneur=EntrepreneurFactory(),
                joined_on=datetime.date(2024, 1, 1),
            )
    return world


def seed(world):
    return member_check_seed(offices={"D": world.other_office}, today=TODAY)


def test_two_closed_half_years_and_the_current_one_open(network):
    waves = seed(network)
    assert [(w.name, w.status) for w in waves] == [
        ("Ledencheck najaar 2025", WaveStatus.CLOSED),
        ("Ledencheck voorjaar 2026", WaveStatus.CLOSED),
        ("Ledencheck najaar 2026", WaveStatus.OPEN),
    ]
    assert waves[2].opens_on <= TODAY <= waves[2].closes_on


def test_the_dropping_office_gets_the_signal_and_the_other_does_not(network):
    seed(network)
    signals_compute(today=TODAY)
    rules = set(
        Signal.objects.open().filter(rule__startswith="member_").values_list("office", "rule")
    )
    assert rules == {(network.other_office.pk, "member_value")}
    [latest, previous] = [r for r in selectors.office_rounds(network.other_office) if not r.is_open]
    assert latest.value < 3 < previous.value
    assert latest.wishes  # in the members' words


def test_a_demo_login_has_not_answered_so_the_check_waits_on_the_start_page(network):
    seed(network)
    assert not Invitation.objects.filter(email=network.users["member"].email).exists()
    [item] = selectors.checks_to_answer(viewer_for(network.users["member"]), today=TODAY)
    assert "Kantoor Utrecht" in item.title


def test_seeding_twice_gives_the_same_rounds_and_answers(network):
    def fingerprint():
        return sorted(
            (r.name, r.responses, r.value, r.relevance, tuple(r.wishes))
            for office in (network.office, network.other_office)
            for r in selectors.office_rounds(office)
        )

    seed(network)
    first = fingerprint()
    seed(network)
    assert fingerprint() == first
    assert Invitation.objects.filter(wave__name__startswith="Ledencheck").count() == sum(
        row[1] for row in first
    )
