"""The figures of the checklist, the overview and the to-do lines: what counts as done, for
which office and from when, and query counts that stay flat as offices are added."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_end, grant_role
from kapstok.core.todo import Urgency
from kapstok.founding import selectors
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.network.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from kapstok.network.models import Office, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SINCE = datetime.date(2026, 1, 5)


def founding_in(municipality, **kwargs):
    return FoundingChecklistFactory(office__municipalities=[municipality], **kwargs).office


def grant(role, scope, name="Gerda Gemeente", starts_on=SINCE, **user):
    return grant_role(
        user=UserFactory(full_name=name, **user), role=role, scope=scope, starts_on=starts_on
    )


def complete(office):
    """All four items done on `office`, with one member needed."""
    record = office.founding
    record.members_needed = 1
    record.first_meeting_on = SINCE
    record.municipality_contact_on, record.municipality_contact_with = SINCE, "Wethouder"
    record.save()
    grant(Role.LEAD, office, "Anna Aanjager")
    MembershipFactory(office=office, joined_on=SINCE)


def test_an_alderman_of_the_office_s_municipality_ticks_the_contact_with_their_role():
    ede = MunicipalityFactory(name="Ede")
    office = founding_in(ede)
    grant(Role.ALDERMAN, ede, "Walter Wethouder")

    item = selectors.checklist_of(office).item("municipality_contact")

    assert item.done and item.derived
    assert item.detail.startswith("Walter Wethouder (")
    assert item.detail.endswith(") is contactpersoon van de gemeente in Kapstok.")


def test_a_civil_servant_of_another_municipality_does_not_tick_the_contact():
    office = founding_in(MunicipalityFactory(name="Ede"))
    grant(Role.CIVIL_SERVANT, MunicipalityFactory(name="Wageningen"))

    item = selectors.checklist_of(office).item("municipality_contact")

    assert not item.done
    assert item.detail.startswith("Nog geen contactpersoon bij de gemeente")


def test_a_civil_servant_whose_role_ended_or_whose_account_is_closed_does_not_count():
    ede = MunicipalityFactory(name="Ede")
    office = founding_in(ede)
    ended = grant(Role.CIVIL_SERVANT, ede, starts_on=TODAY - datetime.timedelta(days=20))
    grant_end(grant=ended, ends_on=TODAY - datetime.timedelta(days=1))
    grant(Role.CIVIL_SERVANT, ede, "Sam Slapend", is_active=False)

    assert not selectors.checklist_of(office).item("municipality_contact").done


def test_a_contact_ticked_by_hand_wins_over_a_contact_person_in_kapstok():
    ede = MunicipalityFactory(name="Ede")
    office = founding_in(ede)
    grant(Role.CIVIL_SERVANT, ede)
    record = office.founding
    record.municipality_contact_on = datetime.date(2026, 2, 3)
    record.municipality_contact_with = "Mevrouw Jansen"
    record.municipality_contact_note = "Enthousiast."
    record.save()

    item = selectors.checklist_of(office).item("municipality_contact")

    assert (item.done, item.derived, item.done_on) == (True, False, datetime.date(2026, 2, 3))
    assert item.detail == "Met Mevrouw Jansen op 3 februari 2026. Enthousiast."


def test_the_first_meeting_says_its_day_and_note():
    record = FoundingChecklistFactory(first_meeting_on=SINCE, first_meeting_note="Tien mensen.")

    item = selectors.checklist_of(record.office).item("first_meeting")

    assert item.detail == "Gehouden op 5 januari 2026. Tien mensen."
    assert item.done_on == SINCE


def test_one_kartrekker_is_named_in_the_singular():
    office = FoundingChecklistFactory().office
    grant(Role.LEAD, office, "Anna Aanjager")

    assert selectors.checklist_of(office).item("initiators").detail == "Kartrekker: Anna Aanjager."


def test_a_kartrekker_of_another_office_or_with_a_closed_account_is_no_initiator():
    office = FoundingChecklistFactory().office
    grant(Role.LEAD, OfficeFactory(), "Olga Ander")
    grant(Role.LEAD, office, "Sam Slapend", is_active=False)

    assert not selectors.checklist_of(office).item("initiators").done


def test_members_of_another_office_do_not_count_as_first_members():
    office = FoundingChecklistFactory(members_needed=1).office
    MembershipFactory(office=OfficeFactory(), joined_on=SINCE)

    item = selectors.checklist_of(office).item("first_members")

    assert not item.done and item.done_on is None
    assert item.detail == "0 van de 1 aangesloten ondernemers die nodig zijn."


def test_percent_and_missing_follow_the_items():
    office = FoundingChecklistFactory(first_meeting_on=SINCE).office
    grant(Role.LEAD, office)

    checklist = selectors.checklist_of(office)

    assert (checklist.done_count, checklist.percent) == (2, 50)
    assert [item.key for item in checklist.missing] == ["municipality_contact", "first_members"]


def test_days_in_founding_of_a_founded_office_stop_at_its_founding_date():
    office = FoundingChecklistFactory(started_on=datetime.date(2025, 1, 1)).office
    Office.objects.filter(pk=office.pk).update(
        status=OfficeStatus.ACTIVE, founded_on=datetime.date(2025, 3, 2)
    )

    assert selectors.checklist_of(Office.objects.get(pk=office.pk)).days_in_founding == 60


def test_the_checklist_on_a_given_day_counts_who_was_kartrekker_that_day():
    office = FoundingChecklistFactory().office
    grant(Role.LEAD, office, starts_on=datetime.date(2026, 3, 1))

    assert (
        not selectors.checklist_of(office, today=datetime.date(2026, 2, 1)).item("initiators").done
    )
    assert selectors.checklist_of(office, today=datetime.date(2026, 3, 1)).item("initiators").done


def test_offices_of_the_same_start_are_listed_by_name():
    for name in ("Kantoor Zeist", "Kantoor Amersfoort"):
        FoundingChecklistFactory(office__name=name, started_on=SINCE)

    assert [c.office.name for c in selectors.offices_in_founding()] == [
        "Kantoor Amersfoort",
        "Kantoor Zeist",
    ]


def test_the_overview_leaves_out_an_office_in_founding_without_checklist():
    OfficeFactory(status=OfficeStatus.FOUNDING, founded_on=None)

    assert selectors.offices_in_founding() == []


def test_founded_recently_lists_the_last_year_newest_first_and_only_through_the_checklist():
    def founded(name, days_ago):
        office = FoundingChecklistFactory(
            office__name=name, started_on=TODAY - datetime.timedelta(days=800)
        ).office
        Office.objects.filter(pk=office.pk).update(
            status=OfficeStatus.ACTIVE, founded_on=TODAY - datetime.timedelta(days=days_ago)
        )

    founded("Kantoor Oud", 366)
    founded("Kantoor Vorig", 200)
    founded("Kantoor Nieuw", 3)
    OfficeFactory(name="Kantoor Zonder Checklist", founded_on=TODAY)

    assert [c.office.name for c in selectors.founded_recently()] == [
        "Kantoor Nieuw",
        "Kantoor Vorig",
    ]


def test_the_overview_s_queries_do_not_grow_with_the_number_of_offices():
    def add_office():
        ede = MunicipalityFactory()
        office = founding_in(ede)
        grant(Role.LEAD, office)
        grant(Role.CIVIL_SERVANT, ede)
        MembershipFactory(office=office)

    add_office()
    with CaptureQueriesContext(connection) as one:
        [item.detail for c in selectors.offices_in_founding() for item in c.items]
    for _ in range(4):
        add_office()
    with CaptureQueriesContext(connection) as five:
        listed = selectors.offices_in_founding()
        [item.detail for c in listed for item in c.items]

    assert len(listed) == 5
    assert len(five) == len(one)


def test_a_lead_with_a_complete_checklist_is_asked_to_finish_the_founding():
    office = FoundingChecklistFactory(office__name="Kantoor Ede").office
    complete(office)
    lead = grant(Role.LEAD, office, "Kees Kartrekker").user

    (item,) = selectors.founding_to_finish(viewer_for(lead))

    assert item.title == "Rond de oprichting van Kantoor Ede af"
    assert item.detail == "Alle punten zijn gedaan: zet het kantoor op opgericht."
    assert item.urgency == Urgency.SOON


def test_a_lead_of_two_offices_in_founding_gets_one_line_each_by_name():
    first = FoundingChecklistFactory(office__name="Kantoor Zeist").office
    second = FoundingChecklistFactory(office__name="Kantoor Amersfoort").office
    lead = grant(Role.LEAD, first, "Kees Kartrekker").user
    grant_role(user=lead, role=Role.LEAD, scope=second, starts_on=SINCE)

    titles = [item.title for item in selectors.founding_to_finish(viewer_for(lead))]

    assert titles == [
        "Oprichting Kantoor Amersfoort: 1 van 4 punten gedaan",
        "Oprichting Kantoor Zeist: 1 van 4 punten gedaan",
    ]


def test_pos_hears_how_many_founding_offices_are_ready_to_be_founded(world):
    for _ in range(2):
        complete(FoundingChecklistFactory().office)
    FoundingChecklistFactory()

    (item,) = selectors.offices_being_founded(viewer_for(world.users["pos"]))

    assert item.title == "3 kantoren in oprichting"
    assert item.detail == "2 ervan hebben alle punten gedaan."
    assert (item.count, item.urgency) == (3, Urgency.NORMAL)
    assert item.url == "/netwerk/oprichting/"


def test_pos_hears_when_none_is_ready_and_nothing_when_no_office_is_founding(world):
    viewer = viewer_for(world.users["pos"])
    assert selectors.offices_being_founded(viewer) == []

    FoundingChecklistFactory()
    (item,) = selectors.offices_being_founded(viewer)
    assert item.detail == "Nog geen ervan heeft alle punten gedaan."


def test_first_members_are_done_since_the_day_the_last_needed_member_joined():
    office = FoundingChecklistFactory(members_needed=2).office
    for joined in (datetime.date(2026, 1, 10), datetime.date(2026, 3, 1), SINCE):
        MembershipFactory(office=office, joined_on=joined)

    item = selectors.checklist_of(office).item("first_members")

    # Two were needed: the second of the current members joined on 10 January.
    assert (item.done, item.done_on) == (True, datetime.date(2026, 1, 10))


def test_the_municipality_contact_is_done_since_the_earliest_contact_of_any_municipality():
    amersfoort, zeist = MunicipalityFactory(name="Amersfoort"), MunicipalityFactory(name="Zeist")
    office = FoundingChecklistFactory(office__municipalities=[amersfoort, zeist]).office
    grant(Role.CIVIL_SERVANT, amersfoort, "Anna Amersfoort", starts_on=datetime.date(2026, 3, 1))
    grant(Role.ALDERMAN, zeist, "Zeger Zeist", starts_on=datetime.date(2026, 1, 10))

    item = selectors.checklist_of(office).item("municipality_contact")

    assert item.done_on == datetime.date(2026, 1, 10)
    assert item.detail.startswith("Zeger Zeist (")
