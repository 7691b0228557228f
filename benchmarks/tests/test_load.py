"""The load test's report (locust CSV → BENCHMARKS.md section) and its scenario's URLs."""

import ast
import pathlib

from django.urls import resolve

from benchmarks import load, report

STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,\
Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,\
90%,95%,98%,99%,99.9%,99.99%,100%
GET,/ (map),170,0,2900,3039,104,6639,51234,2.85,0.0,2900,3300,4400,4600,5300,6000,6300,6500,\
6600,6600,6600
GET,/privacy/,60,2,28,30,6,66,9000,1.0,0.03,28,30,33,35,40,45,50,60,66,66,66
,Aggregated,230,2,2000,2200,6,6639,40000,3.85,0.03,2000,3000,4000,4500,5000,5900,6300,6500,\
6600,6600,6600
"""
FAILURES = """Method,Name,Error,Occurrences
GET,/privacy/,HTTP 503,2
"""


def write_run(tmp_path) -> pathlib.Path:
    (tmp_path / "run_stats.csv").write_text(STATS)
    (tmp_path / "run_failures.csv").write_text(FAILURES)
    return tmp_path / "run"


def test_the_section_gives_percentiles_and_errors_per_request_type(tmp_path):
    prefix = write_run(tmp_path)
    rows = load.read_stats(pathlib.Path(f"{prefix}_stats.csv"))
    failures = load.read_failures(pathlib.Path(f"{prefix}_failures.csv"))
    section = load.load_section(rows, failures, {"users": 100})
    assert "| / (map) | 170 | 0 (0.00%) | 2900 | 6000 | 6500 |" in section
    assert "| /privacy/ | 60 | 2 (3.33%) | 28 | 45 | 60 |" in section
    assert "| **Aggregated** | 230 | 2 (0.87%) |" in section
    assert "- /privacy/: HTTP 503 (2×)" in section
    assert "**FAIL**: error rate 0 — 2 of 230 requests failed" in section


def test_a_run_without_errors_passes(tmp_path):
    rows = [load.LoadRow("Aggregated", 900, 0, 100, 200, 300, 15.0)]
    assert "**PASS**: error rate 0" in load.load_section(rows, [], {})


def test_the_command_replaces_only_its_own_section(tmp_path, settings):
    from django.core.management import call_command

    prefix = write_run(tmp_path)
    output = tmp_path / "BENCHMARKS.md"
    kept = "<!-- bench:clustering -->\nclustering\n<!-- /bench:clustering -->"
    output.write_text(f"# Benchmarks\n\n{kept}\n")
    for _run in range(2):
        call_command("load_report", str(prefix), "--fact", "users=100", "--output", str(output))
    document = output.read_text()
    assert kept in document
    assert document.count(report.markers("load:postgresql")[0]) == 1
    assert "users: 100" in document


def test_every_url_in_the_scenario_is_a_kapstok_page():
    """A renamed URL would turn the whole load test into 404s."""
    source = (pathlib.Path(load.__file__).parent / "locustfile.py").read_text()
    urls = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in {"page", "get", "post"} or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Name):  # url = f"..."; self.page(url, ...)
            continue
        urls.add(_literal(first))
    urls |= {_literal(n.value) for n in ast.walk(ast.parse(source)) if _is_url_assignment(n)}
    urls = {url for url in urls if url.startswith("/")}
    assert "/netwerk/dashboard/" in urls and "/account/inloggen/" in urls
    for url in urls:
        resolve(url)


def _literal(node) -> str:
    """A string or f-string with every placeholder filled by a slug-like 'x'."""
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)


def _is_url_assignment(node) -> bool:
    return (
        isinstance(node, ast.Assign)
        and getattr(node.targets[0], "id", "") == "url"
        and isinstance(node.value, ast.JoinedStr | ast.Constant)
    )
