"""The checklist reads what the data already knows; the overview and the to-do lines."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_end, grant_role
from kapstok.core.todo import Urgency
from kapstok.founding import selectors
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def lead_of(office, name="Anna Aanjager", starts_on=datetime.date(2026, 1, 5)):
    user = UserFactory(full_name=name)
    return grant_role(user=user, role=Role.LEAD, scope=office, starts_on=starts_on)


def test_a_new_office_has_nothing_done():
    checklist = selectors.checklist_of(FoundingChecklistFactory().office)

    assert [item.key for item in checklist.items] == list(selectors.ITEM_KEYS)
    assert (checklist.done_count, checklist.total, checklist.complete) == (0, 4, False)
    assert [item.derived for item in checklist.items] == [True, False, False, True]


def test_initiators_are_the_current_kartrekkers_longest_serving_first():
    office = FoundingChecklistFactory().office
    lead_of(office, "Bart Bouwer", starts_on=datetime.date(2026, 2, 1))
    lead_of(office, "Anna Aanjager", starts_on=datetime.date(2026, 1, 5))

    item = selectors.checklist_of(office).item("initiators")

    assert item.done
    assert item.detail == "Kartrekkers: Anna Aanjager, Bart Bouwer."
    assert item.done_on == datetime.date(2026, 1, 5)


def test_an_ended_kartrekker_no_longer_counts_as_initiator():
    office = FoundingChecklistFactory().office
    grant = lead_of(office, starts_on=TODAY - datetime.timedelta(days=30))
    grant_end(grant=grant, ends_on=TODAY - datetime.timedelta(days=1))

    assert not selectors.checklist_of(office).item("initiators").done


def test_first_members_count_current_memberships_against_the_number_needed():
    office = FoundingChecklistFactory(members_needed=3).office
    MembershipFactory.create_batch(2, office=office, joined_on=datetime.date(2026, 2, 1))
    MembershipFactory(
        office=office,
        joined_on=datetime.date(2026, 1, 10),
        left_on=datetime.date(2026, 1, 20),
    )

    item = selectors.checklist_of(office).item("first_members")
    assert not item.done
    assert item.detail == "2 van de 3 aangesloten ondernemers die nodig zijn."

    MembershipFactory(office=office, joined_on=datetime.date(2026, 1, 15))
    item = selectors.checklist_of(office).item("first_members")
    # Done since the third current member joined (1 February), not since the first did.
    assert item.done and item.done_on == datetime.date(2026, 2, 1)


def test_an_office_never_in_founding_has_no_checklist():
    assert selectors.checklist_of(OfficeFactory()) is None


def test_days_in_founding_count_to_today_while_it_lasts():
    started = TODAY - datetime.timedelta(days=100)
    checklist = selectors.checklist_of(FoundingChecklistFactory(started_on=started).office)

    assert checklist.days_in_founding == 100


def test_the_overview_lists_only_offices_in_founding_longest_first_in_fixed_queries(
    django_assert_max_num_queries,
):
    newer = FoundingChecklistFactory(started_on=datetime.date(2026, 3, 1))
    older = FoundingChecklistFactory(started_on=datetime.date(2025, 11, 1))
    OfficeFactory()  # founded long ago: not in the overview
    for checklist in (newer, older):
        lead_of(checklist.office)
        MembershipFactory(office=checklist.office)

    with django_assert_max_num_queries(5):
        listed = selectors.offices_in_founding()
        [item.done for checklist in listed for item in checklist.items]

    assert [c.office for c in listed] == [older.office, newer.office]


def test_a_lead_of_an_office_in_founding_gets_its_open_items_as_to_do():
    office = FoundingChecklistFactory(office__name="Kantoor Ede").office
    grant = lead_of(office)
    viewer = viewer_for(grant.user)

    (item,) = selectors.founding_to_finish(viewer)

    assert item.title == "Oprichting Kantoor Ede: 1 van 4 punten gedaan"
    assert item.detail == "Nog te doen: eerste bijeenkomst, contact met de gemeente, eerste leden."
    assert item.url == f"/netwerk/kantoren/{office.slug}/oprichting/"
    assert item.count == 3


def test_a_lead_of_a_founded_office_gets_no_founding_to_do():
    grant = lead_of(OfficeFactory())

    assert selectors.founding_to_finish(viewer_for(grant.user)) == []


def test_pos_hears_how_many_offices_are_founding_and_how_many_are_ready(world):
    FoundingChecklistFactory()
    viewer = viewer_for(world.users["pos"])

    (item,) = selectors.offices_being_founded(viewer)
    assert item.title == "1 kantoor in oprichting"
    assert item.urgency == Urgency.INFO

    assert selectors.offices_being_founded(viewer_for(world.users["lead"])) == []
