"""Representativeness across the network: the map's bands, the monitor's figures, POS's to-do.

Specifications of `representation.selectors`: an index falls in one of five bands (or none),
the monitor stores members and the index per office (None without a landscape), the office
page counts suggestions and names its last finished import, and POS is told which offices
have no landscape yet.
"""

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.network.factories import OfficeFactory
from kapstok.network.models import OfficeStatus
from kapstok.representation import selectors
from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory
from kapstok.representation.models import ImportStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (None, "none"),
        (0.0, "0"),
        (0.399, "0"),
        (0.4, "1"),
        (0.55, "2"),
        (0.7, "3"),
        (0.849, "3"),
        (0.85, "4"),
        (1.0, "4"),
    ],
)
def test_an_index_falls_in_one_of_five_bands_with_the_floor_included(index, band):
    assert selectors.index_band(index) == band


# --- the monitor's figures -------------------------------------------------------------------


def test_an_office_without_a_landscape_has_members_but_no_index(world):
    figures = selectors.coverage_figures([world.office.pk], timezone.localdate())
    assert figures == {world.office.pk: {"members": 1, "representativeness": None}}


def test_an_office_with_a_landscape_gets_an_index_rounded_to_three_decimals(world, taxonomy):
    from kapstok.network.models import SportBranch

    fitness = SportBranch.objects.get(slug="fitness")
    padel = SportBranch.objects.get(slug="padel")
    world.member_entrepreneur.branches.set([fitness])
    for branch in (fitness, padel, padel):
        LandscapeBusinessFactory(office=world.office, branch=branch)
    (figures,) = selectors.coverage_figures([world.office.pk], timezone.localdate()).values()
    index = figures["representativeness"]
    assert index is not None and 0 <= index <= 1
    assert index == round(index, 3)


# --- the office page ---------------------------------------------------------------------


def test_suggested_matches_are_counted_for_review(world):
    LandscapeBusinessFactory(office=world.office, suggested_entrepreneur=world.member_entrepreneur)
    LandscapeBusinessFactory(office=world.office)
    LandscapeBusinessFactory(
        office=world.other_office, suggested_entrepreneur=world.other_entrepreneur
    )
    assert selectors.suggestions_to_review(world.office) == 1


def test_the_last_finished_import_is_named_not_a_failed_or_running_one(world):
    done = ImportJobFactory(office=world.office, status=ImportStatus.DONE, filename="oud.csv")
    ImportJobFactory(office=world.office, status=ImportStatus.FAILED, filename="kapot.csv")
    ImportJobFactory(office=world.office, status=ImportStatus.UPLOADED, filename="bezig.csv")
    assert selectors.latest_import(world.office) == done
    assert selectors.latest_import(world.other_office) is None


# --- POS's start page --------------------------------------------------------------------


def pos_items(world):
    return selectors.offices_without_landscape(viewer_for(world.users["pos"]))


def test_pos_is_told_which_offices_have_no_landscape_yet(world):
    LandscapeBusinessFactory(office=world.office)
    (item,) = pos_items(world)
    assert item.title == "1 kantoor heeft nog geen landschap"
    assert item.detail.endswith(": Kantoor Zwolle.")


def test_a_dissolved_office_needs_no_landscape(world):
    LandscapeBusinessFactory(office=world.office)
    world.other_office.status = OfficeStatus.DISSOLVED
    world.other_office.save()
    assert pos_items(world) == []


def test_beyond_five_offices_the_rest_is_counted(world):
    for n in range(5):
        OfficeFactory(name=f"Kantoor {n}")
    (item,) = pos_items(world)
    assert item.title == "7 kantoren hebben nog geen landschap"
    assert item.detail.endswith("en 2 andere.")


@pytest.mark.parametrize("persona", ["lead", "researcher", "civil_servant"])
def test_the_landscape_reminder_is_for_pos_only(world, persona):
    assert selectors.offices_without_landscape(viewer_for(world.users[persona])) == []
