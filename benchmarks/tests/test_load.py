"""The load test's report (locust CSV → BENCHMARKS.md section) and its scenario's URLs."""

import ast
import json
import pathlib

from django.urls import resolve

from benchmarks import load, report

STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,\
Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,\
90%,95%,98%,99%,99.9%,99.99%,100%
GET,/ (map),170,0,2900,3039,104,6639,51234,2.85,0.0,2900,3300,4400,4600,5300,6000,6300,6500,\
6600,6600,6600
GET,/privacy/,60,2,28,30,6,66,9000,1.0,0.03,28,30,33,35,40,45,50,60,66,66,66
POST,login (post),0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
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
    assert "login (post)" not in section  # reset at the start of the measured phase: no requests
    assert "- /privacy/: HTTP 503 (2×)" in section
    assert "- **FAIL** 0 errors: 2 of 230 page requests and 0 of 0 logins failed" in section
    assert "- **FAIL** p95 of page requests ≤ 300 ms: 5900 ms over 230 requests" in section


MEASURED = {"users": 100, "ready": 100, "all_logged_in_after_s": 12.5, "measured_s": 60.1}
LOGINS = [
    load.LoadRow("login (form)", 40, 0, 30, 80, 90),
    load.LoadRow("login (post)", 40, 0, 1500, 4200, 4800),
]


def test_a_run_without_errors_and_a_fast_p95_passes_both_targets():
    rows = [
        load.LoadRow("/", 600, 0, 40, 120, 200),
        load.LoadRow("Aggregated", 900, 0, 50, 300, 400),
    ]

    section = load.load_section(rows, [], {"users": 100, "duration": "60 s"}, LOGINS, MEASURED)

    assert "- **PASS** 0 errors: 0 of 900 page requests and 0 of 40 logins failed" in section
    assert (
        "- **PASS** p95 of page requests ≤ 300 ms: 300 ms over 900 requests in 60.1 s after all "
        "100 people had logged in (12.5 s after the start)"
    ) in section


def test_the_logins_are_reported_apart_and_do_not_count_in_the_page_p95():
    rows = [load.LoadRow("Aggregated", 900, 0, 50, 250, 400)]

    section = load.load_section(rows, [], {}, LOGINS, MEASURED)

    pages, logins = section.split("Logins, during the ramp-up")
    assert "| **Aggregated** | 900 | 0 (0.00%) | 50 | 250 | 400 |" in pages
    assert "login" not in pages.split("Page requests")[1]
    assert "| login (post) | 40 | 0 (0.00%) | 1500 | 4200 | 4800 |" in logins
    assert "**PASS** p95 of page requests ≤ 300 ms: 250 ms" in section


def test_request_types_without_requests_are_left_out_of_the_page_table():
    """After the reset the login rows stay in locust's CSV with no requests."""
    rows = [
        load.LoadRow("/", 900, 0, 40, 120, 200),
        load.LoadRow("login (post)", 0, 0, 0, 0, 0),
        load.LoadRow("Aggregated", 900, 0, 40, 120, 200),
    ]

    section = load.load_section(rows, [], {}, LOGINS, MEASURED)

    pages = section.split("Logins, during the ramp-up")[0]
    assert "| / | 900 |" in pages and "login (post)" not in pages


def test_a_failed_login_fails_the_error_target():
    rows = [load.LoadRow("Aggregated", 900, 0, 50, 250, 400)]
    logins = [load.LoadRow("login (post)", 40, 3, 1500, 4200, 4800)]

    targets = load.load_targets(rows, logins, MEASURED)

    assert targets[0] == "- **FAIL** 0 errors: 0 of 900 page requests and 3 of 40 logins failed"


def test_p95_fails_when_the_measured_phase_never_began():
    rows = [load.LoadRow("Aggregated", 300, 0, 50, 120, 400)]
    phase = {"users": 100, "ready": 97, "all_logged_in_after_s": None, "measured_s": None}

    targets = load.load_targets(rows, [], phase)

    assert targets[1] == (
        "- **FAIL** p95 of page requests ≤ 300 ms: the measured phase never began (97 of 100 ready)"
    )


def test_p95_fails_without_page_requests():
    assert load.load_targets([], [], MEASURED)[1].startswith("- **FAIL** p95 of page requests")
    assert load.load_targets([], [], MEASURED)[0].startswith("- **FAIL** 0 errors")


def test_without_a_phase_file_the_section_says_the_ramp_up_is_in_the_figures():
    rows = [load.LoadRow("Aggregated", 900, 0, 50, 250, 400)]
    assert (
        "no phase file: logins and ramp-up are in these figures"
        in load.load_targets(rows, [], {})[1]
    )


def test_the_command_reads_the_logins_and_the_phase_beside_the_stats(tmp_path):
    from django.core.management import call_command

    prefix = write_run(tmp_path)
    (tmp_path / "run_logins.csv").write_text(
        "Name,Request Count,Failure Count,50%,95%,99%\nlogin (post),40,0,1500,4200,4800\n"
    )
    (tmp_path / "run_phase.json").write_text(json.dumps(MEASURED))
    output = tmp_path / "BENCHMARKS.md"

    call_command("load_report", str(prefix), "--fact", "users=100", "--output", str(output))

    document = output.read_text()
    assert "| login (post) | 40 | 0 (0.00%) | 1500 | 4200 | 4800 |" in document
    assert "in 60.1 s after all 100 people had logged in" in document


def test_the_scenario_thinks_5_to_15_seconds_between_pages():
    """The think time the report states is the one the scenario uses."""
    source = (pathlib.Path(load.__file__).parent / "locustfile.py").read_text()
    assert "THINK_SECONDS = (5, 15)" in source
    assert "wait_time = between(*THINK_SECONDS)" in source
    script = (pathlib.Path(load.__file__).parents[1] / "scripts" / "loadtest.sh").read_text()
    assert "think time=5-15 s between pages" in script


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
