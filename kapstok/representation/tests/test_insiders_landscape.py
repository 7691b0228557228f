"""Insiders: one office's landscape never changes another's, and an import reveals no other data.

Replays the finding: Kees (lead of Kantoor Utrecht) imported a file holding the KvK number of a
Zwolle business and set its branch; the classification was stored for everyone, so Zwolle's
coverage figures changed at its next import. The import also linked rows to any office's
entrepreneurs and showed Kapstok's stored business names.
"""

import datetime

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import (
    EntrepreneurFactory,
    MunicipalityFactory,
    OfficeFactory,
    SportBranchFactory,
)
from kapstok.representation import selectors, services
from kapstok.representation.factories import LandscapeBusinessFactory
from kapstok.representation.models import BranchClassification, LandscapeBusiness

from .conftest import business, csv_bytes

NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
UTRECHT = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"
ZWOLLE = "/netwerk/kantoren/kantoor-zwolle/afspiegeling/"


def store(office, path):
    return services.landscape_import(office=office, path=path, save=True, now=NOW)


@pytest.fixture
def lead(world, login, taxonomy):
    return login(world.users["lead"])


@pytest.fixture
def golf(taxonomy):
    return SportBranchFactory(slug="golf-insiders", name="Golf (test)")


def _zwolle_business(world):
    return business(
        world.other_entrepreneur.kvk_number,
        "Boks Zwolle",
        "93.14.3",
        place="Zwolle",
        municipality="Zwolle",
    )


def test_a_branch_set_by_one_office_stays_out_of_another_offices_landscape(
    world, lead, golf, write_file
):
    kvk = world.other_entrepreneur.kvk_number
    store(world.office, write_file(csv_bytes([business(kvk, "Boks Zwolle", "93.14.3")])))
    mine = LandscapeBusiness.objects.get(office=world.office)
    response = lead.post(f"{UTRECHT}bedrijven/{mine.pk}/tak/", {"branch": golf.pk})
    assert response.status_code == 302

    store(world.other_office, write_file(csv_bytes([_zwolle_business(world)]), "zwolle.csv"))

    theirs = LandscapeBusiness.objects.get(office=world.other_office)
    assert theirs.branch != golf and theirs.branch_source != "lead"
    assert golf.slug not in selectors.office_coverage(world.other_office).landscape_counts
    assert list(BranchClassification.objects.values_list("office", "branch")) == [
        (world.office.pk, golf.pk)
    ]
    mine.refresh_from_db()
    assert mine.branch == golf  # Kees's own landscape keeps his choice


def test_each_office_remembers_its_own_choice_for_the_same_business(world, golf, write_file):
    kvk = world.other_entrepreneur.kvk_number
    store(world.office, write_file(csv_bytes([business(kvk, "Boks Zwolle", "93.14.3")])))
    store(world.other_office, write_file(csv_bytes([_zwolle_business(world)]), "zwolle.csv"))
    other_branch = SportBranchFactory(slug="boksen-insiders")
    for office, branch, user in (
        (world.office, golf, world.users["lead"]),
        (world.other_office, other_branch, world.users["other_lead"]),
    ):
        row = LandscapeBusiness.objects.get(office=office)
        services.business_classify(business=row, branch=branch, actor=user)
    store(world.other_office, write_file(csv_bytes([_zwolle_business(world)]), "zwolle.csv"))
    assert LandscapeBusiness.objects.get(office=world.other_office).branch == other_branch
    assert LandscapeBusiness.objects.get(office=world.office).branch == golf


def test_a_lead_cannot_classify_a_business_of_another_office(world, lead, golf):
    theirs = LandscapeBusinessFactory(office=world.other_office)
    for url in (f"{ZWOLLE}bedrijven/{theirs.pk}/tak/", f"{UTRECHT}bedrijven/{theirs.pk}/tak/"):
        assert lead.post(url, {"branch": golf.pk}).status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.branch is None and theirs.branch_source == "unknown"
    assert not BranchClassification.objects.exists()


def test_the_import_links_and_suggests_only_the_offices_own_members(world, lead, write_file):
    EntrepreneurFactory(business_name="Padelcentrum Domstad", municipality=world.utrecht)
    rows = [
        business(world.other_entrepreneur.kvk_number, "Naam uit het bestand"),  # Zwolle's member
        business("12345678", "Padel Centrum Domstad Utrecht"),  # close to a non-member's name
        business(world.member_entrepreneur.kvk_number, "Yoga Marieke BV", "93.14.9"),  # own member
    ]
    outcome = store(world.office, write_file(csv_bytes(rows)))

    assert outcome.suggestions == 0
    linked = dict(
        LandscapeBusiness.objects.filter(office=world.office).values_list(
            "kvk_number", "entrepreneur"
        )
    )
    assert linked == {
        world.other_entrepreneur.kvk_number: None,
        "12345678": None,
        world.member_entrepreneur.kvk_number: world.member_entrepreneur.pk,
    }
    html = lead.get(f"{UTRECHT}bedrijven/").content.decode()
    assert "Boks Zwolle" not in html and "Padelcentrum Domstad" not in html
    assert "Yoga Marieke" in html


def test_an_older_link_shows_the_rows_own_name_unless_the_lead_may_see_the_business(
    world, lead, login
):
    stranger = EntrepreneurFactory(business_name="Stille Padelclub", municipality=world.utrecht)
    LandscapeBusinessFactory(
        office=world.office,
        kvk_number=world.other_entrepreneur.kvk_number,
        trade_name="Zoals in het bestand",
        entrepreneur=world.other_entrepreneur,
        match_kind="kvk",
    )
    LandscapeBusinessFactory(
        office=world.office,
        trade_name="Padelclub Stil",
        suggested_entrepreneur=stranger,
        suggestion_score=95,
    )
    html = lead.get(f"{UTRECHT}bedrijven/").content.decode()
    assert "Zoals in het bestand" in html
    assert "Boks Zwolle" not in html
    assert world.other_entrepreneur.get_absolute_url() not in html
    assert "Stille Padelclub" not in html

    html = login(world.users["pos"]).get(f"{UTRECHT}bedrijven/").content.decode()
    assert "Boks Zwolle" in html and "Is dit Stille Padelclub?" in html


def test_the_htmx_row_after_classifying_hides_a_name_just_the_same(world, lead, golf):
    row = LandscapeBusinessFactory(
        office=world.office,
        kvk_number=world.other_entrepreneur.kvk_number,
        trade_name="Zoals in het bestand",
        entrepreneur=world.other_entrepreneur,
        match_kind="kvk",
    )
    response = lead.post(
        f"{UTRECHT}bedrijven/{row.pk}/tak/", {"branch": golf.pk}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "Zoals in het bestand" in html and "Boks Zwolle" not in html


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_a_shared_choice_only_to_the_offices_of_the_lead_who_made_it():
    """Zwolle's row says "lead" too (it got Kees's choice at its import); it keeps nothing."""
    before = [("representation", "0002_branchclassification_office")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("representation")
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        utrecht, zwolle = (
            OfficeFactory(municipalities=[MunicipalityFactory(code=code)])
            for code in ("GM0344", "GM0193")
        )
        kees = UserFactory()
        grant_role(user=kees, role=Role.LEAD, scope=utrecht)
        golf = SportBranchFactory(slug="golf-insiders")
        for office in (utrecht, zwolle):
            LandscapeBusinessFactory(
                office=office, kvk_number="12345678", branch=golf, branch_source="lead"
            )
        old = old_apps.get_model("representation", "BranchClassification")
        old.objects.create(kvk_number="12345678", branch_id=golf.pk, classified_by_id=kees.pk)
        old.objects.create(kvk_number="99999999", branch_id=golf.pk)  # no landscape shows it
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert list(BranchClassification.objects.values_list("office", "kvk_number")) == [
        (utrecht.pk, "12345678")
    ]
