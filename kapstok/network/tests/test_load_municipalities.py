"""load_municipalities: every real municipality, idempotent, ended not deleted."""

import datetime
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from kapstok.network import reference_data
from kapstok.network.factories import OfficeFactory
from kapstok.network.models import Municipality, SbiCode, SportBranch

pytestmark = pytest.mark.django_db


def load(**kwargs):
    out = StringIO()
    call_command("load_municipalities", stdout=out, **kwargs)
    return out.getvalue()


def test_loads_all_342_municipalities_with_their_facts():
    output = load()
    assert "342 nieuw" in output
    assert Municipality.objects.count() == 342
    amsterdam = Municipality.objects.get(code="GM0363")
    assert amsterdam.name == "Amsterdam"
    assert amsterdam.province == "Noord-Holland"
    assert amsterdam.urbanisation == 1
    assert amsterdam.boundary.geometry["type"] in {"Polygon", "MultiPolygon"}
    assert Municipality.objects.get(code="GM0518").name == "'s-Gravenhage"


def test_second_run_changes_nothing():
    load()
    assert "0 nieuw, 0 bijgewerkt, 0 beëindigd" in load()
    assert Municipality.objects.count() == 342


def test_loads_the_branch_taxonomy_with_sbi_codes():
    load(no_boundaries=True)
    assert SportBranch.objects.count() >= 22
    assert SportBranch.objects.get(slug="fitness").sbi_codes.filter(code="93.13").exists()
    assert SbiCode.objects.filter(version="SBI2008", code="93.12.5").get().branches.get().slug == (
        "paardensport"
    )


def test_a_municipality_missing_from_a_newer_file_is_ended_not_deleted(tmp_path):
    load(no_boundaries=True)
    office = OfficeFactory(municipalities=[Municipality.objects.get(code="GM0014")])
    lines = reference_data.MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    newer = tmp_path / "gemeenten-2026.csv"
    newer.write_text("\n".join(line for line in lines if not line.startswith("GM0014,")) + "\n")
    reference_data.municipalities_load(
        csv_path=newer, geojson_path=None, today=datetime.date(2026, 1, 1)
    )
    groningen = Municipality.objects.get(code="GM0014")
    assert groningen.ended_on == datetime.date(2026, 1, 1)
    assert office.municipalities.get() == groningen
    assert Municipality.objects.current(datetime.date(2026, 1, 2)).count() == 341


def test_a_wrong_file_is_refused_in_dutch_and_nothing_is_stored(tmp_path):
    wrong = tmp_path / "leden.csv"
    wrong.write_text("naam;email\nJan;jan@example.invalid\n")
    with pytest.raises(CommandError, match="mist de kolommen"):
        load(csv=wrong)
    assert Municipality.objects.count() == 0


def test_a_bad_cbs_code_is_refused(tmp_path):
    lines = reference_data.MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], lines[1].replace("GM0014", "GM14")]) + "\n")
    with pytest.raises(CommandError, match="ongeldige gemeente"):
        load(csv=bad, no_boundaries=True)
