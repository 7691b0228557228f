"""What the municipality portal reads: which portals a viewer has, which members it sees, and
which positions reached it.

Specifications of `municipality.selectors.portal_municipalities`, `visible_members` and
`positions_addressed_to`, read directly rather than through the page.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.influence.factories import PositionFactory
from kapstok.influence.models import PositionStatus
from kapstok.municipality import selectors
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
)
from kapstok.trust.consent import municipality_contact_set

pytestmark = pytest.mark.django_db


def member(office, name, *, listed=False, email="", phone=""):
    entrepreneur = EntrepreneurFactory(business_name=name, email=email, phone=phone)
    MembershipFactory(
        office=office,
        entrepreneur=entrepreneur,
        joined_on=datetime.date(2024, 1, 1),
        listed_publicly=listed,
    )
    return entrepreneur


# --- whose portal --------------------------------------------------------------------------


def test_pos_has_a_portal_for_every_municipality_with_an_office(world):
    MunicipalityFactory(name="Zonder kantoor")
    names = [m.name for m in selectors.portal_municipalities(viewer_for(world.users["pos"]))]
    assert names == ["Utrecht", "Zwolle"]


def test_a_civil_servant_has_their_own_portal_even_before_there_is_an_office(world):
    empty = MunicipalityFactory(name="Aalten")
    grant_role(user=world.users["civil_servant"], role=Role.CIVIL_SERVANT, scope=empty)
    rows = selectors.portal_municipalities(viewer_for(world.users["civil_servant"]))
    assert [(m.name, m.office_count) for m in rows] == [("Aalten", 0), ("Utrecht", 1)]


@pytest.mark.parametrize("persona", ["lead", "member", "researcher", "outsider"])
def test_others_have_no_portal(world, persona):
    assert not selectors.portal_municipalities(viewer_for(world.users[persona])).exists()


# --- which members ---------------------------------------------------------------------------


def test_the_municipality_sees_listed_members_without_their_contact_details(world):
    member(world.office, "Dansschool Demi", listed=True, email="demi@example.invalid")
    member(world.office, "Stille Studio", listed=False, email="stil@example.invalid")
    (row,) = selectors.visible_members([world.office.pk], world.utrecht.pk)[world.office.pk]
    assert row["name"] == "Dansschool Demi"
    assert (row["email"], row["phone"], row["shares"]) == ("", "", False)


def test_consent_for_this_municipality_shows_contact_details_even_unlisted(world):
    silent = member(world.office, "Stille Studio", email="stil@example.invalid", phone="0612")
    municipality_contact_set(
        entrepreneur=silent, municipality=world.utrecht, given=True, source="test"
    )
    (row,) = selectors.visible_members([world.office.pk], world.utrecht.pk)[world.office.pk]
    assert (row["name"], row["email"], row["phone"], row["shares"]) == (
        "Stille Studio",
        "stil@example.invalid",
        "0612",
        True,
    )


def test_consent_for_another_municipality_shows_nothing_here(world):
    silent = member(world.office, "Stille Studio", email="stil@example.invalid")
    elsewhere = MunicipalityFactory()
    world.office.municipalities.add(elsewhere)
    municipality_contact_set(entrepreneur=silent, municipality=elsewhere, given=True, source="t")
    assert selectors.visible_members([world.office.pk], world.utrecht.pk) == {}
    assert len(selectors.visible_members([world.office.pk], elsewhere.pk)[world.office.pk]) == 1


def test_members_are_listed_by_name_per_office(world):
    member(world.office, "Zumba Zoë", listed=True)
    member(world.office, "Aerobics Anna", listed=True)
    member(world.other_office, "Boksen Bart", listed=True)
    rows = selectors.visible_members([world.office.pk, world.other_office.pk], world.utrecht.pk)
    assert [r["name"] for r in rows[world.office.pk]] == ["Aerobics Anna", "Zumba Zoë"]
    assert [r["name"] for r in rows[world.other_office.pk]] == ["Boksen Bart"]


# --- which positions -----------------------------------------------------------------------


def test_only_sent_positions_addressed_to_this_municipality_reach_its_portal(world):
    now = timezone.now()
    elsewhere = MunicipalityFactory()
    world.office.municipalities.add(elsewhere)

    def position(title, status, municipality=world.utrecht, days=0):
        return PositionFactory(
            office=world.office,
            title=title,
            status=status,
            municipality=municipality,
            sent_at=now - datetime.timedelta(days=days) if status != "concept" else None,
        )

    older = position("Ouder", PositionStatus.ANSWERED, days=30)
    newer = position("Nieuwer", PositionStatus.SENT, days=1)
    position("Concept", PositionStatus.CONCEPT)
    position("Open", PositionStatus.OPEN)
    position("Elders", PositionStatus.SENT, municipality=elsewhere)
    received = selectors.positions_addressed_to(world.utrecht, [world.office.pk])
    assert received == [newer, older]
