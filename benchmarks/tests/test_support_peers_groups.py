"""The support and peers groups and their data, at a tiny scale (four offices, a few hundred
requests and practices). No wall-clock thresholds: structure, realism and query counts."""

import datetime

import pytest

from django.db import connection

from benchmarks import report, scale, scale_peers, scale_support
from benchmarks.scenarios import GROUPS, group_run, world_find
from kapstok.accounts.models import User
from kapstok.peers.models import Practice, PracticeStatus
from kapstok.support.models import Message, Pause, Status, SupportRequest

from .test_scale import TINY, TODAY

SUPPORT = scale_support.SupportScale(requests=300, history_days=300)
PEERS = scale_peers.PeersScale(practices=200, rare_share=0.05)


@pytest.fixture
def tiny_world(db, time_machine, monkeypatch):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    scale.generate(TINY, today=TODAY)
    monkeypatch.setattr(scale_support, "NATIONAL", SUPPORT)
    monkeypatch.setattr(scale_peers, "NATIONAL", PEERS)
    return world_find(User.objects.get(email=scale.POS_EMAIL))


def test_support_data_looks_like_a_desk_that_has_run_for_a_while(tiny_world):
    scale_support.support_generate(SUPPORT)

    requests = SupportRequest.objects.all()
    assert requests.count() == 300
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    assert requests.filter(status=Status.WAITING, pauses__ended_at__isnull=True).exists()
    assert Pause.objects.exists() and Message.objects.filter(internal=True).exists()
    assert requests.filter(no_offer=True).exists() and requests.filter(offer__isnull=False).exists()
    assert requests.filter(assignee__isnull=False).exists()
    assert requests.filter(rating__isnull=False, resolved_at__isnull=False).exists()
    assert not requests.filter(status=Status.NEW, first_response_at__isnull=False).exists()
    assert requests.values("office").distinct().count() > 1
    assert scale_support.is_generated(SUPPORT)
    assert scale_support.support_ensure(SUPPORT).endswith("reused")


def test_practice_library_is_searchable_on_both_databases(tiny_world):
    scale_peers.practices_generate(PEERS)

    assert Practice.objects.count() == 200
    assert Practice.objects.filter(status=PracticeStatus.PUBLISHED).exists()
    assert not Practice.objects.filter(search_terms="").exists()
    assert scale_peers.practices_ensure(PEERS).endswith("reused")


def test_support_group_measures_queue_and_report_with_bounded_queries(tiny_world):
    result = group_run(GROUPS["support"], tiny_world, repeat=1, warmup=0)

    assert all(result.measurements[s.key].available for s in GROUPS["support"].scenarios)
    assert "300 support requests" in result.data_note
    labels = {target.name: target.label for target in result.targets}
    assert labels["Report queries independent of requests"] == "PASS"
    assert labels["Queue queries bounded (≤ 15) with 300 requests"] == "PASS"
    assert "Support queue, open requests p95 ≤ 15× login page p95" in labels
    assert "Support report, this quarter p95 ≤ 30× login page p95" in labels
    assert "Support report, two years (all requests) p95 ≤ 30× login page p95" in labels
    run = report.RunInfo("d", 2, "cpu", 1.0, 0.0, "3", "5", "SQLite", "set", "gen", 1, 0)
    section = report.render_section(result, run, "SQLite")
    assert "This group's own data: 300 support requests" in section


def test_peers_group_times_peers_for_all_offices_and_the_search(tiny_world):
    result = group_run(GROUPS["peers"], tiny_world, repeat=1, warmup=0)

    assert all(result.measurements[s.key].available for s in GROUPS["peers"].scenarios)
    assert result.measurements["peers_all"].queries > 0
    names = [target.name for target in result.targets]
    assert "Peers for all offices ≤ 1 s" in names
    searches = [name for name in names if name.startswith("Practice search")]
    assert len(searches) == 3 and all("≤ 15× login page p95" in name for name in searches)


def test_only_leaves_the_extra_sections_alone(db, tmp_path, monkeypatch):
    """`bench --only support` must not spend minutes redoing the clustering and import
    sections (and rewrite their figures); a full run still does."""
    from benchmarks.management.commands.bench import Command

    calls = []
    monkeypatch.setattr(Command, "extra_sections", lambda self, doc: calls.append(1) or doc)
    run = report.RunInfo("d", 2, "cpu", 1.0, 0.0, "3", "5", "SQLite", "set", "gen", 1, 0)
    output = tmp_path / "BENCHMARKS.md"
    Command().report_write([], run, output, extras=False)
    assert calls == [] and output.exists()
    Command().report_write([], run, output)
    assert calls == ([1] if connection.vendor == "sqlite" else [])
