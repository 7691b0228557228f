"""The representation group and its landscape, at a tiny scale (four offices, a few hundred
landscape businesses). No wall-clock thresholds: structure, realism and query counts."""

import datetime
import doctest

import pytest

from benchmarks import report, scale, scale_representation
from benchmarks.scenarios import GROUPS, group_run, world_find
from kapstok.accounts.models import User
from kapstok.network.models import Membership, Office
from kapstok.representation import selectors
from kapstok.representation.models import (
    ImportJob,
    LandscapeBusiness,
    MatchKind,
    Prospect,
    ProspectStage,
)

from .test_scale import TINY, TODAY

LANDSCAPE = scale_representation.LandscapeScale(rows=600, minimum=25)


@pytest.fixture
def tiny_world(db, time_machine, monkeypatch):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    scale.generate(TINY, today=TODAY)
    monkeypatch.setattr(scale_representation, "NATIONAL", LANDSCAPE)
    return world_find(User.objects.get(email=scale.POS_EMAIL))


def test_doctests_pass():
    assert doctest.testmod(scale_representation).failed == 0


def test_landscape_follows_population_and_looks_like_a_matched_import(tiny_world):
    counts = scale_representation.landscape_generate(LANDSCAPE)

    rows = LandscapeBusiness.objects.all()
    assert counts["rows"] == rows.count() >= LANDSCAPE.rows
    per_office = {o.pk: o.landscape.count() for o in Office.objects.all()}
    assert min(per_office.values()) >= LANDSCAPE.minimum
    assert rows.filter(match_kind=MatchKind.KVK, entrepreneur__isnull=False).exists()
    assert rows.filter(is_chain=True).values("kvk_number").distinct().count() >= 1
    assert rows.filter(branch__isnull=True).exists()
    # Every office: one finished import, and something in the pipeline that is still open.
    assert ImportJob.objects.count() == Office.objects.count()
    open_stages = Prospect.objects.filter(stage=ProspectStage.INTERESTED)
    assert set(open_stages.values_list("business__office", flat=True)) == set(per_office)
    # Members are covered, linked or not; the coverage page shows an index everywhere.
    for office in Office.objects.all():
        coverage = selectors.office_coverage(office)
        members = Membership.objects.current().filter(office=office).count()
        covered = sum(row["covered"] for row in coverage.rows)
        assert coverage.has_landscape and 0 < covered <= members
    assert scale_representation.is_generated(LANDSCAPE)
    assert scale_representation.landscape_ensure(LANDSCAPE).endswith("reused")


def test_representation_group_measures_coverage_with_flat_queries(tiny_world):
    result = group_run(GROUPS["representation"], tiny_world, repeat=1, warmup=0)

    assert all(result.measurements[s.key].available for s in GROUPS["representation"].scenarios)
    assert "landscape businesses over 4 offices" in result.data_note
    large, small = result.measurements["coverage_large"], result.measurements["coverage_small"]
    assert large.path != small.path
    labels = {target.name: target.label for target in result.targets}
    assert labels["Coverage page queries independent of the landscape"] == "PASS"
    assert "Coverage, largest landscape p95 ≤ 15× login page p95" in labels
    assert "National coverage (all offices) p95 ≤ 30× login page p95" in labels
    run = report.RunInfo("d", 2, "cpu", 1.0, 0.0, "3", "5", "SQLite", "set", "gen", 1, 0)
    section = report.render_section(result, run, "SQLite")
    assert "This group's own data: " in section and "National coverage" in section
