"""POS-wide positions (report 5.1, the VAT example in 2.3): from concept to sent, endorsed
once by the members of every office, counted nationally, per office and per municipality."""

import datetime
import random
from collections import Counter

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.influence import selectors, services
from kapstok.influence.factories import NationalEndorsementFactory, NationalPositionFactory
from kapstok.influence.models import NationalEndorsement, NationalPosition, NationalStatus
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.models import Membership

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def member_of(office, municipality, name=None):
    """A business established in `municipality`, a current member of `office`."""
    kwargs = {"business_name": name} if name else {}
    entrepreneur = EntrepreneurFactory(municipality=municipality, **kwargs)
    MembershipFactory(office=office, entrepreneur=entrepreneur)
    return entrepreneur


def endorse(position, entrepreneur, show_name=False):
    return services.national_endorse(
        position=position, entrepreneur_id=entrepreneur.pk, actor=None, show_name=show_name
    )


# --- the life of a position -------------------------------------------------------------------


def test_pos_saves_a_concept_and_opens_it(world):
    position = services.national_position_save(
        position=NationalPosition(title="Btw", body="Tekst", ask="Vraag"),
        actor=world.users["pos"],
    )
    assert (position.status, position.created_by) == (NationalStatus.CONCEPT, world.users["pos"])

    services.national_position_open(position=position)

    position.refresh_from_db()
    assert position.status == NationalStatus.OPEN and position.opened_at is not None


def test_a_closing_day_in_the_past_is_refused_and_nothing_saved(world):
    position = NationalPosition(
        title="Btw", body="Tekst", ask="Vraag", closes_on=TODAY() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refused:
        services.national_position_save(position=position, actor=world.users["pos"])

    assert "De sluitdatum ligt in het verleden" in str(refused.value)
    assert not NationalPosition.objects.exists()


def test_an_opened_position_keeps_its_text(world):
    position = NationalPositionFactory(status=NationalStatus.OPEN)
    position.title = "Iets anders"
    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        services.national_position_save(position=position, actor=world.users["pos"])

    position.refresh_from_db()
    assert position.title != "Iets anders"


@pytest.mark.parametrize(
    ("status", "change", "allowed"),
    [
        (NationalStatus.CONCEPT, services.national_position_open, True),
        (NationalStatus.OPEN, services.national_position_open, False),
        (NationalStatus.OPEN, services.national_position_close, True),
        (NationalStatus.CONCEPT, services.national_position_close, False),
        (NationalStatus.OPEN, services.national_position_mark_sent, True),
        (NationalStatus.CLOSED, services.national_position_mark_sent, True),
        (NationalStatus.CONCEPT, services.national_position_mark_sent, False),
        (NationalStatus.SENT, services.national_position_close, False),
    ],
)
def test_the_status_only_moves_forward(status, change, allowed):
    position = NationalPositionFactory(status=status)
    if allowed:
        change(position=position)
        assert NationalPosition.objects.get().status != status
    else:
        with pytest.raises(ValidationError):
            change(position=position)
        assert NationalPosition.objects.get().status == status


def test_sending_closes_the_round_and_stamps_both_moments():
    position = NationalPositionFactory(status=NationalStatus.OPEN)

    services.national_position_mark_sent(position=position)

    position.refresh_from_db()
    assert position.status == NationalStatus.SENT
    assert position.closed_at == position.sent_at is not None


# --- endorsing --------------------------------------------------------------------------------


def test_a_member_of_any_office_endorses_counted_for_their_office(world):
    position = NationalPositionFactory()

    mine = endorse(position, world.member_entrepreneur, show_name=True)
    other = endorse(position, world.other_entrepreneur)

    assert (mine.office, mine.show_name) == (world.office, True)
    assert (other.office, other.show_name) == (world.other_office, False)


def test_endorsing_twice_is_refused_in_dutch_and_counts_once(world):
    position = NationalPositionFactory()
    endorse(position, world.member_entrepreneur, show_name=False)

    with pytest.raises(ValidationError) as refused:
        endorse(position, world.member_entrepreneur, show_name=True)

    assert "steunt dit standpunt al" in refused.value.messages[0]
    [endorsement] = NationalEndorsement.objects.all()
    assert endorsement.show_name is False  # the second attempt changed nothing


def test_a_business_without_a_current_membership_cannot_endorse(world):
    position = NationalPositionFactory()
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(left_on=TODAY())
    outsider = EntrepreneurFactory(municipality=world.utrecht)

    for entrepreneur in (world.member_entrepreneur, outsider):
        with pytest.raises(ValidationError, match="lid zijn van een POS-kantoor"):
            endorse(position, entrepreneur)
    assert not NationalEndorsement.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": NationalStatus.CONCEPT},
        {"status": NationalStatus.CLOSED},
        {"status": NationalStatus.SENT},
        {"closes_on": datetime.date(2020, 1, 1)},
    ],
)
def test_only_an_open_position_before_its_closing_day_takes_endorsements(world, fields):
    position = NationalPositionFactory(**fields)

    with pytest.raises(ValidationError, match="niet open"):
        endorse(position, world.member_entrepreneur)
    assert not NationalEndorsement.objects.exists()


def test_the_closing_day_itself_still_counts(world):
    position = NationalPositionFactory(closes_on=TODAY())

    assert endorse(position, world.member_entrepreneur).pk


def test_a_member_withdraws_while_open_but_not_after(world):
    position = NationalPositionFactory()
    endorse(position, world.member_entrepreneur)

    services.national_withdraw(position=position, entrepreneur_id=world.member_entrepreneur.pk)
    assert not NationalEndorsement.objects.exists()

    endorse(position, world.member_entrepreneur)
    services.national_position_close(position=position)
    with pytest.raises(ValidationError, match="niet open"):
        services.national_withdraw(position=position, entrepreneur_id=world.member_entrepreneur.pk)
    assert NationalEndorsement.objects.count() == 1


def test_withdrawing_without_an_endorsement_says_so(world):
    position = NationalPositionFactory()

    with pytest.raises(ValidationError, match="steunt dit standpunt niet"):
        services.national_withdraw(position=position, entrepreneur_id=world.member_entrepreneur.pk)


def test_a_business_in_two_offices_counts_once_for_its_first_membership(world):
    MembershipFactory(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2024, 1, 1),
    )
    position = NationalPositionFactory()

    endorsement = endorse(position, world.member_entrepreneur)

    assert endorsement.office == world.office  # joined Utrecht in 2023, Zwolle in 2024
    assert selectors.national_totals(position).total == 1


# --- totals -----------------------------------------------------------------------------------


def test_totals_per_office_and_per_municipality_of_the_business(world):
    position = NationalPositionFactory()
    amersfoort = MunicipalityFactory(name="Amersfoort")
    # Kantoor Utrecht has members established in Utrecht and in Amersfoort.
    for entrepreneur in (
        member_of(world.office, world.utrecht),
        member_of(world.office, amersfoort),
        member_of(world.office, amersfoort),
        member_of(world.other_office, world.zwolle),
    ):
        endorse(position, entrepreneur, show_name=entrepreneur.municipality == amersfoort)

    totals = selectors.national_totals(position)

    assert totals.total == 4
    assert [(r.place.name, r.count) for r in totals.per_office] == [
        ("Kantoor Utrecht", 3),
        ("Kantoor Zwolle", 1),
    ]
    assert [(r.place.name, r.count, r.named) for r in totals.per_municipality] == [
        ("Amersfoort", 2, 2),
        ("Utrecht", 1, 0),
        ("Zwolle", 1, 0),
    ]


def test_small_counts_are_a_band_for_anyone_but_pos(world):
    position = NationalPositionFactory()
    for _i in range(5):
        endorse(position, member_of(world.office, world.utrecht))
    endorse(position, world.other_entrepreneur)

    totals = selectors.national_totals(position, exact=False)

    assert totals.total_label == "6"
    assert [r.label for r in totals.per_office] == ["5", "< 5"]
    assert [r.label for r in totals.per_municipality] == ["5", "< 5"]


def test_totals_equal_a_count_from_scratch(world):
    """A network of random size: the totals equal counting the endorsements one by one."""
    rng = random.Random(18)
    offices = [OfficeFactory() for _i in range(4)]
    places = [MunicipalityFactory() for _i in range(5)]
    position = NationalPositionFactory()
    NationalPositionFactory()  # another position's endorsements must not count
    for _i in range(40):
        entrepreneur = member_of(rng.choice(offices), rng.choice(places))
        if rng.random() < 0.7:
            endorse(position, entrepreneur)

    totals = selectors.national_totals(position)

    rows = list(NationalEndorsement.objects.filter(position=position))
    per_office = Counter(e.office.name for e in rows)
    per_place = Counter(e.entrepreneur.municipality.name for e in rows)
    assert totals.total == len(rows) == sum(per_office.values())
    assert {r.place.name: r.count for r in totals.per_office} == per_office
    assert {r.place.name: r.count for r in totals.per_municipality} == per_place


@pytest.mark.parametrize("size", [1, 12])
def test_totals_take_four_queries_however_many_places(world, size, django_assert_num_queries):
    position = NationalPositionFactory()
    for _i in range(size):
        office, place = OfficeFactory(), MunicipalityFactory()
        for _j in range(size):
            NationalEndorsementFactory(
                position=position,
                office=office,
                entrepreneur=EntrepreneurFactory(municipality=place),
            )

    with django_assert_num_queries(4):
        totals = selectors.national_totals(position)

    assert totals.total == size * size and len(totals.per_municipality) == size


def test_the_municipalitys_summary_names_only_who_consented(world):
    position = NationalPositionFactory()
    endorse(position, member_of(world.office, world.utrecht, "Padel Utrecht"), show_name=True)
    endorse(position, member_of(world.office, world.utrecht, "Stil Gym"), show_name=False)
    endorse(position, world.other_entrepreneur, show_name=True)  # Zwolle

    summary = selectors.municipality_endorsements(position, world.utrecht)

    assert (summary.count, summary.names, summary.unnamed) == (2, ["Padel Utrecht"], 1)
