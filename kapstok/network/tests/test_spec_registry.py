"""Reference data, the map, membership dates, and what each persona sees on an office page."""

import datetime
import json

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kapstok.network import maps, reference_data, services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import (
    Membership,
    MembershipClaim,
    Municipality,
    MunicipalityBoundary,
    Office,
    SbiCode,
    SportBranch,
)
from kapstok.network.validators import cbs_code_validator

pytestmark = pytest.mark.django_db
OFFICE = "/netwerk/kantoren/kantoor-utrecht/"


# --- reference data ----------------------------------------------------------------------------


def first_lines(tmp_path, count, change=None, name="gemeenten.csv"):
    lines = reference_data.MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    rows = lines[1 : count + 1]
    if change:
        rows = [change(row) for row in rows]
    path = tmp_path / name
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    return path


def load(path, today=datetime.date(2025, 1, 1), geojson=None):
    return reference_data.municipalities_load(csv_path=path, geojson_path=geojson, today=today)


def test_changed_facts_are_updated_and_counted(tmp_path):
    assert load(first_lines(tmp_path, 2)) == reference_data.LoadResult(2, 0, 0)
    grown = first_lines(tmp_path, 2, lambda row: row.replace(",243768,", ",250000,"))
    assert load(grown) == reference_data.LoadResult(0, 1, 0)
    assert Municipality.objects.get(code="GM0014").population == 250000


def test_a_municipality_back_in_the_file_is_current_again(tmp_path):
    load(first_lines(tmp_path, 2))
    load(first_lines(tmp_path, 1), today=datetime.date(2026, 1, 1))
    assert Municipality.objects.get(code="GM0034").ended_on == datetime.date(2026, 1, 1)
    assert load(first_lines(tmp_path, 2), today=datetime.date(2027, 1, 1)).updated == 1
    assert Municipality.objects.get(code="GM0034").ended_on is None


def test_a_population_that_is_no_number_stops_the_load_before_anything_is_stored(tmp_path):
    bad = first_lines(tmp_path, 3, lambda row: row.replace(",226500,", ",veel,"))
    with pytest.raises(reference_data.ReferenceDataError, match="Regel 3: ongeldige gemeente"):
        load(bad)
    assert not Municipality.objects.exists()


def test_a_boundary_file_that_is_no_geojson_is_refused_in_dutch(tmp_path):
    broken = tmp_path / "grenzen.geojson"
    broken.write_text('{"type": "FeatureCollection"}')
    with pytest.raises(reference_data.ReferenceDataError, match="geen GeoJSON met gemeentegrenzen"):
        load(first_lines(tmp_path, 1), geojson=broken)
    assert not Municipality.objects.exists()


def test_boundaries_are_replaced_and_those_of_unknown_codes_skipped(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[6, 53], [7, 53], [7, 54], [6, 53]]]}
    features = [
        {"properties": {"code": "GM0014"}, "geometry": square},
        {"properties": {"code": "GM9999"}, "geometry": square},
    ]
    geojson = tmp_path / "grenzen.geojson"
    geojson.write_text(json.dumps({"features": features}))
    load(first_lines(tmp_path, 1), geojson=geojson)
    load(first_lines(tmp_path, 1), geojson=geojson)
    [boundary] = MunicipalityBoundary.objects.all()
    assert (boundary.municipality.code, boundary.geometry) == ("GM0014", square)


def test_loading_the_taxonomy_twice_creates_nothing_new():
    first = reference_data.taxonomy_load()
    counts = (SportBranch.objects.count(), SbiCode.objects.count())
    again = reference_data.taxonomy_load()
    assert (again.created, again.updated) == (0, first.created)
    assert (SportBranch.objects.count(), SbiCode.objects.count()) == counts


@pytest.mark.parametrize("code", ["GM0363", "GM1234"])
def test_a_cbs_code_is_gm_and_four_digits(code):
    cbs_code_validator(code)


@pytest.mark.parametrize("code", ["gm0363", "GM363", "PV0363", "GM03630"])
def test_other_codes_are_refused_with_an_example(code):
    with pytest.raises(ValidationError, match="bijvoorbeeld GM0363"):
        cbs_code_validator(code)


def test_the_map_has_a_closed_outline_for_every_municipality():
    drawn = maps.municipality_map()
    assert drawn["width"] == maps.VIEW_WIDTH and drawn["height"] > 0
    assert len(drawn["paths"]) == 342
    name, path = drawn["paths"]["GM0344"]
    assert name == "Utrecht"
    assert path.startswith("M") and path.endswith("Z")


# --- membership dates --------------------------------------------------------------------------


def test_a_membership_counts_from_its_first_day_until_the_day_before_it_ends(world):
    membership = MembershipFactory(
        office=world.other_office,
        joined_on=datetime.date(2024, 3, 1),
        left_on=datetime.date(2024, 9, 1),
    )
    active = Membership.objects.filter(pk=membership.pk).active_on
    assert not active(datetime.date(2024, 2, 29)).exists()
    assert active(datetime.date(2024, 3, 1)).exists()
    assert active(datetime.date(2024, 8, 31)).exists()
    assert not active(datetime.date(2024, 9, 1)).exists()


def test_a_member_count_comes_from_the_annotation_or_the_history(world):
    MembershipFactory(office=world.office, joined_on=datetime.date(2025, 1, 1))
    annotated = Office.objects.with_member_count(datetime.date(2024, 1, 1)).get(pk=world.office.pk)
    assert annotated.member_count_on() == 1
    assert world.office.member_count_on(datetime.date(2024, 1, 1)) == 1
    assert world.office.member_count_on() == 2
    assert world.office.get_size_class_display() == "klein"


def test_the_database_refuses_a_membership_that_ends_before_it_starts(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            office=world.other_office,
            entrepreneur=world.member_entrepreneur,
            joined_on=datetime.date(2025, 1, 2),
            left_on=datetime.date(2025, 1, 1),
        )


# --- the office page per persona ---------------------------------------------------------------


@pytest.fixture
def busy_office(world):
    office = world.office
    office.contact_email, office.contact_phone = "kantoor@utrecht.invalid", "030 999 88 77"
    office.save()
    former = EntrepreneurFactory(business_name="Vertrokken Studio")
    MembershipFactory(office=office, entrepreneur=former, left_on=datetime.date(2024, 1, 1))
    services.membership_claim_create(
        office=office,
        entrepreneur=world.other_entrepreneur,
        joined_on=datetime.date(2025, 1, 1),
    )
    return office


@pytest.mark.parametrize(
    ("persona", "contact", "former", "claims"),
    [
        ("lead", True, True, True),
        ("pos", True, True, True),
        ("member", True, False, False),
        ("civil_servant", False, False, False),
        ("partner", False, False, False),
    ],
)
def test_each_persona_sees_what_their_role_allows_on_the_office_page(
    world, login, busy_office, persona, contact, former, claims
):
    html = login(world.users[persona]).get(OFFICE).content.decode()
    assert ("kantoor@utrecht.invalid" in html) is contact
    assert ("Vertrokken Studio" in html) is former
    assert ("Wacht op bevestiging door de ondernemer" in html) is claims


def test_the_members_own_lead_cannot_answer_another_offices_request_for_it(world, login):
    claim = services.membership_claim_create(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2025, 1, 1),
    )
    url = f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/"
    lead = login(world.users["lead"])
    assert lead.get(url).status_code == 403
    assert lead.post(url, {"action": "confirm"}).status_code == 403
    claim.refresh_from_db()
    assert claim.is_pending


def test_a_claim_of_another_office_cannot_be_withdrawn_through_this_one(world, login):
    claim = services.membership_claim_create(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2025, 1, 1),
    )
    url = f"/netwerk/kantoren/kantoor-utrecht/lidmaatschapsverzoeken/{claim.pk}/intrekken/"
    assert login(world.users["pos"]).post(url).status_code == 404
    assert MembershipClaim.objects.get().is_pending


def test_an_office_list_page_link_keeps_the_filters(world, login):
    for number in range(51):
        OfficeFactory(name=f"Kantoor {number:02d}")
    page = login(world.users["pos"]).get("/netwerk/", {"status": "active", "pagina": "2"})
    assert page.context["page_query"] == "status=active"
    assert len(page.context["offices"].object_list) == 3  # 53 active offices, 50 per page
