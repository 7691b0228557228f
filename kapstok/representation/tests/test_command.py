"""`manage.py representativeness`: the JSON shape of the issue, dry run unless --save."""

import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from kapstok.network.factories import SportBranchFactory
from kapstok.representation.models import LandscapeBusiness

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db


def run(*args) -> dict:
    out = StringIO()
    call_command("representativeness", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def export(world, taxonomy, write_file):
    world.member_entrepreneur.branches.set([SportBranchFactory(slug="yoga-pilates")])
    rows = [
        business(world.member_entrepreneur.kvk_number, "Yoga Marieke", "93.14.9"),
        business("12345678", "Padelcentrum Domstad"),
        business("23456789", "Tennispark Kort"),
        business("1234", "Golfbaan Fout", "93.12.9"),
    ]
    return write_file(csv_bytes(rows))


def test_without_a_landscape_the_index_is_null(world, taxonomy):
    result = run("--office", "kantoor-utrecht")
    assert result == {"index": None, "members": 1, "landscape": 0, "rejected": [], "branches": [
        {"branch": "fitness", "members": 1, "landscape": 0, "coverage": 0.0}
    ]}  # fmt: skip


def test_a_dry_run_reports_the_file_and_stores_nothing(world, export):
    result = run("--office", "kantoor-utrecht", "--landscape", str(export))
    assert set(result) == {"index", "members", "landscape", "rejected", "branches"}
    assert result["members"] == 1 and result["landscape"] == 3
    assert result["rejected"] == [
        {"line": 5, "reason": "KvK-nummer '1234' bestaat niet uit 8 cijfers."}
    ]
    # members: yoga 1; landscape: yoga, padel, tennis → D = ½(2/3 + 1/3 + 1/3) = 2/3
    assert result["index"] == pytest.approx(0.3333, abs=1e-4)
    branches = {row["branch"]: row for row in result["branches"]}
    assert branches["yoga-pilates"] == {
        "branch": "yoga-pilates",
        "members": 1,
        "landscape": 1,
        "coverage": 1.0,
    }
    assert branches["padel"]["coverage"] == 0.0
    assert all(isinstance(row["coverage"], float) for row in result["branches"])
    assert not LandscapeBusiness.objects.exists()


def test_save_stores_the_file_then_reports_from_the_database(world, export):
    saved = run("--office", "kantoor-utrecht", "--landscape", str(export), "--save")
    assert LandscapeBusiness.objects.count() == 3
    assert run("--office", "kantoor-utrecht") == saved | {"rejected": []}


def test_an_unknown_office_is_an_error(world):
    with pytest.raises(CommandError, match="Geen kantoor"):
        run("--office", "bestaat-niet")
