"""A pytest plugin (loaded by the root conftest.py's `pytest_plugins`): browser
tests that were skipped are counted and said in the run's last line, with the one command that
installs what is missing; with `CI` set, such a skip is a failure instead.

A laptop without Chromium can still run `make test` (the browser tests skip), but nobody should
think they passed; CI must not pass by quietly testing nothing. Browser tests left out on
purpose (`-m "not browser"`) are not run, so they are not counted.
"""

import os

import pytest

MARKER = "browser"
SKIPS = pytest.StashKey[list]()
SKIP_PROPERTY = "browser_test_skipped"
# What the skip reason names → the command that fixes it.
REMEDIES = (
    ("axe-core", "make install"),
    ("", "sudo bash scripts/system-packages.sh"),  # Chromium, or anything else
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _reason(report) -> str:
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return text.removeprefix("Skipped: ")


def pytest_configure(config):
    config.stash[SKIPS] = []
    config.pluginmanager.register(SkipCollector(config.stash[SKIPS]), "browser-skip-collector")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Where the test ran (a pytest-xdist worker, or the one process): a skipped browser test
    fails in CI, and otherwise carries its reason in `user_properties`, which travel with the
    report to the process that prints the summary."""
    report = yield
    if report.skipped and item.get_closest_marker(MARKER) and not hasattr(report, "wasxfail"):
        reason = _reason(report)
        if in_ci():
            report.outcome = "failed"
            report.longrepr = f"A browser test was skipped, which CI does not allow: {reason}"
        else:
            report.user_properties.append((SKIP_PROPERTY, reason))
    return report


class SkipCollector:
    """Where the summary is printed (the xdist controller, or the one process): counts the
    skipped browser tests from the reports, wherever they ran."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons

    def pytest_runtest_logreport(self, report):
        if report.skipped:
            self.reasons.extend(
                value for name, value in report.user_properties if name == SKIP_PROPERTY
            )


def summary(reasons: list[str]) -> str:
    """The last line of a run that skipped browser tests.

    >>> print(summary(["no Chromium at /usr/bin/chromium"] * 2))
    2 browser tests were skipped (no Chromium at /usr/bin/chromium); install what is missing with: sudo bash scripts/system-packages.sh
    """  # noqa: E501
    first = reasons[0]
    command = next(command for word, command in REMEDIES if word in first)
    count = len(reasons)
    tests = "browser test was" if count == 1 else "browser tests were"
    return f"{count} {tests} skipped ({first}); install what is missing with: {command}"


def pytest_unconfigure(config):
    """After pytest's own summary line, so it is the last thing the run prints."""
    reasons = config.stash.get(SKIPS, [])
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reasons and reporter is not None:
        reporter.write_line(summary(reasons), yellow=True, bold=True)
