"""Reading the influence register: who reads which positions, POS's rows, the start-page items.

Specifications of `influence.selectors`: the office register shows each viewer only the
positions `influence_rules.positions_visible_to` allows; the national rows list offices with any
influence recorded; members are asked to endorse, the municipality to answer.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.influence import selectors
from kapstok.influence.factories import (
    AchievementFactory,
    EndorsementFactory,
    PositionFactory,
    SeatFactory,
)
from kapstok.influence.models import PositionStatus
from kapstok.network.factories import MunicipalityFactory, OfficeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


def position(office, status, title=None, **fields):
    now = timezone.now()
    if status != PositionStatus.CONCEPT:
        fields.setdefault("opened_at", now)
    if status in (PositionStatus.SENT, PositionStatus.ANSWERED):
        fields.setdefault("sent_at", now)
    return PositionFactory(office=office, status=status, title=title or status, **fields)


def titles(viewer, office):
    register = selectors.office_register(viewer, office)
    return sorted(p.title for p in register["positions"])


@pytest.fixture
def positions(world):
    return {status: position(world.office, status) for status in PositionStatus.values}


# --- the office register --------------------------------------------------------------------


def test_the_lead_and_pos_read_every_position_concepts_included(world, positions):
    for persona in ("lead", "pos"):
        assert titles(viewer_for(world.users[persona]), world.office) == sorted(positions)


def test_members_read_positions_once_they_are_opened(world, positions):
    assert titles(viewer_for(world.users["member"]), world.office) == [
        "answered",
        "open",
        "sent",
    ]


def test_the_municipality_reads_only_sent_positions_addressed_to_it(world, positions):
    elsewhere = MunicipalityFactory(name="Nieuwegein")
    world.office.municipalities.add(elsewhere)
    position(world.office, PositionStatus.SENT, "aan Nieuwegein", municipality=elsewhere)
    assert titles(viewer_for(world.users["civil_servant"]), world.office) == ["answered", "sent"]


@pytest.mark.parametrize("persona", ["other_lead", "other_member", "outsider", "researcher"])
def test_others_read_no_positions_of_the_office(world, positions, persona):
    assert titles(viewer_for(world.users[persona]), world.office) == []


def test_the_register_counts_the_endorsements_of_each_position(world):
    backed = position(world.office, PositionStatus.OPEN, "gesteund")
    EndorsementFactory(position=backed, entrepreneur=world.member_entrepreneur)
    EndorsementFactory(position=backed)
    register = selectors.office_register(viewer_for(world.users["lead"]), world.office)
    (row,) = register["positions"]
    assert row.endorsement_count == 2


def test_the_register_shows_the_offices_own_seats_and_outcomes(world):
    seat = SeatFactory(office=world.office)
    SeatFactory(office=world.other_office)
    won = AchievementFactory(office=world.office)
    register = selectors.office_register(viewer_for(world.users["lead"]), world.office)
    assert register["seats"] == [seat] and register["achievements"] == [won]


# --- POS's rows -----------------------------------------------------------------------------


def test_the_national_rows_list_only_offices_with_influence_recorded(world):
    quiet = OfficeFactory(name="Kantoor Stil")
    position(quiet, PositionStatus.OPEN)  # not sent: not influence yet
    SeatFactory(office=world.office, started_on=datetime.date(2024, 1, 1))
    position(world.other_office, PositionStatus.ANSWERED)
    position(world.other_office, PositionStatus.SENT)
    rows = selectors.office_rows(today=TODAY)
    assert [row["office"].name for row in rows] == ["Kantoor Utrecht", "Kantoor Zwolle"]
    zwolle = rows[1]
    assert (zwolle["sent"], zwolle["answered"], zwolle["seats"]) == (2, 1, [])


def test_an_ended_seat_no_longer_counts_but_an_achievement_does(world):
    SeatFactory(office=world.office, ended_on=datetime.date(2025, 1, 1))
    AchievementFactory(office=world.office)
    (row,) = selectors.office_rows(today=TODAY)
    assert row["seats"] == [] and row["achievements"] == 1


def test_a_seat_ending_today_still_counts(world):
    seat = SeatFactory(office=world.office, ended_on=TODAY)
    (row,) = selectors.office_rows(today=TODAY)
    assert row["seats"] == [seat]


# --- the start pages ------------------------------------------------------------------------


def test_a_member_is_asked_to_endorse_an_open_position_of_their_office(world):
    open_one = position(world.office, PositionStatus.OPEN, "Gymzalen overdag open")
    position(world.office, PositionStatus.CONCEPT)
    position(world.office, PositionStatus.SENT)
    position(world.other_office, PositionStatus.OPEN)
    (item,) = selectors.positions_to_endorse(viewer_for(world.users["member"]))
    assert item.title == "Steun het standpunt ‘Gymzalen overdag open’"
    assert item.url == open_one.get_absolute_url()


def test_a_member_who_endorsed_is_not_asked_again(world):
    backed = position(world.office, PositionStatus.OPEN)
    EndorsementFactory(position=backed, entrepreneur=world.member_entrepreneur)
    assert selectors.positions_to_endorse(viewer_for(world.users["member"])) == []


def test_only_members_are_asked_to_endorse(world):
    position(world.office, PositionStatus.OPEN)
    for persona in ("lead", "pos", "civil_servant"):
        assert selectors.positions_to_endorse(viewer_for(world.users[persona])) == []


def test_the_municipality_is_asked_to_answer_with_the_backing_at_sending(world):
    position(world.office, PositionStatus.SENT, "Subsidie", endorsements_at_sending=12)
    position(world.office, PositionStatus.ANSWERED)
    (item,) = selectors.positions_received(viewer_for(world.users["civil_servant"]))
    assert item.title == "Standpunt van Kantoor Utrecht wacht op uw antwoord: ‘Subsidie’"
    assert "gesteund door 12 ondernemers" in item.detail


def test_a_position_backed_by_one_business_reads_in_the_singular(world):
    position(world.office, PositionStatus.SENT, endorsements_at_sending=1)
    (item,) = selectors.positions_received(viewer_for(world.users["civil_servant"]))
    assert "gesteund door 1 ondernemer." in item.detail


def test_another_municipalitys_position_is_not_asked_of_this_one(world):
    elsewhere = MunicipalityFactory()
    world.office.municipalities.add(elsewhere)
    position(world.office, PositionStatus.SENT, municipality=elsewhere)
    assert selectors.positions_received(viewer_for(world.users["civil_servant"])) == []
    assert selectors.positions_received(viewer_for(world.users["lead"])) == []
