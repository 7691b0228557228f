"""Skipped browser tests are said at the end of `make test`, and fail in CI (.ci/run)."""

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kapstok.browser_tests import skip_report

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = """
import pytest

@pytest.mark.browser
def test_in_a_browser():
    pytest.skip("no Chromium at /nowhere/chromium: install Debian's chromium package")

@pytest.mark.browser
def test_in_another_browser():
    pytest.skip("no Chromium at /nowhere/chromium: install Debian's chromium package")

def test_without_a_browser():
    pytest.skip("not a browser test")
"""


def run_sample(tmp_path, ci: bool, workers: int = 0) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser: a browser test\n")
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PYTEST_ADDOPTS"}}
    env["PYTHONPATH"] = str(ROOT)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider",
         "-p", "kapstok.browser_tests.skip_report", "-c", str(tmp_path / "pytest.ini"),
         "-n", str(workers), str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip


def test_the_last_line_says_how_many_browser_tests_were_skipped_and_what_to_run(tmp_path):
    result = run_sample(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("2 browser tests were skipped (no Chromium at /nowhere/chromium")
    assert last.endswith("install what is missing with: sudo bash scripts/system-packages.sh")


def test_the_last_line_counts_the_skips_of_every_xdist_worker(tmp_path):
    result = run_sample(tmp_path, ci=False, workers=2)
    assert result.returncode == 0, result.stdout
    assert "created: 2/2 workers" in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("2 browser tests were skipped (no Chromium at /nowhere/chromium")


@pytest.mark.parametrize("workers", [0, 2])
def test_in_ci_a_skipped_browser_test_fails_the_run(tmp_path, workers):
    result = run_sample(tmp_path, ci=True, workers=workers)
    assert result.returncode == 1, result.stdout
    assert "2 failed, 1 skipped" in result.stdout
    assert "which CI does not allow" in result.stdout


@pytest.mark.parametrize(
    ("reason", "command"),
    [("no axe-core at node_modules/axe-core/axe.min.js: run `make install`", "make install"),
     ("no Chromium at /usr/bin/chromium", "sudo bash scripts/system-packages.sh")],
)  # fmt: skip
def test_the_command_fits_what_is_missing(reason, command):
    assert skip_report.summary([reason]).endswith(command)


def test_docstring_examples_hold():
    assert doctest.testmod(skip_report).failed == 0


def test_ci_and_make_test_share_the_system_packages_script():
    ci = (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "bash scripts/system-packages.sh --require" in ci
    assert "apt-get install" not in ci  # only the shared script installs
    assert "bash scripts/system-packages.sh" in makefile
    assert "test: system-packages" in makefile


def test_make_test_keeps_all_browser_tests_on_one_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert "--dist loadgroup" in makefile


class CollectedItem:
    """Just enough of a pytest item for the collection hook: its markers."""

    def __init__(self, *markers):
        self.markers = list(markers)

    def get_closest_marker(self, name):
        return next((m for m in self.markers if m.name == name), None)

    def add_marker(self, marker):
        self.markers.append(marker.mark)


def test_every_browser_test_goes_to_the_same_xdist_group_and_no_other_test_does():
    import conftest as root_conftest

    browser = [CollectedItem(pytest.mark.browser.mark) for _ in range(3)]
    other = CollectedItem(pytest.mark.django_db.mark)

    root_conftest.pytest_collection_modifyitems([*browser, other])

    groups = {item.get_closest_marker("xdist_group").args for item in browser}
    assert groups == {("browser",)}
    assert other.get_closest_marker("xdist_group") is None
