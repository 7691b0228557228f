#!/usr/bin/env python3
"""Test lines ÷ app lines, overall and per app: `python3 scripts/test_ratio.py [--check]`.

Counts non-blank lines of Python under `kapstok/<app>/`, migrations left out. Test code is
what sits in a `tests/` folder, `browser_tests/`, a `test_*.py` or a `conftest.py`; factories
count as app code (they are shared by tests and the demo). With `--check` it exits 1 when the
overall ratio is below 1.0 or an app's below 0.6 (the architecture issue's targets), so the
figure can be watched in CI once it holds.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kapstok"
OVERALL_TARGET, PER_APP_TARGET = 1.0, 0.6


def is_test(path: Path) -> bool:
    parts = set(path.parts)
    return (
        "tests" in parts
        or "browser_tests" in parts
        or path.name.startswith("test_")
        or path.name == "conftest.py"
    )


def count_lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def app_lines() -> dict[str, list[int]]:
    """{app: [app lines, test lines]} for every package directly under kapstok/."""
    totals = {}
    for app in sorted(p for p in ROOT.iterdir() if (p / "__init__.py").is_file()):
        code = tests = 0
        for path in app.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if is_test(path.relative_to(ROOT)):
                tests += count_lines(path)
            else:
                code += count_lines(path)
        totals[app.name] = [code, tests]
    return totals


def main(check: bool) -> int:
    totals = app_lines()
    code = sum(c for c, _ in totals.values())
    tests = sum(t for _, t in totals.values())
    print(f"{'app':<16} {'code':>7} {'tests':>7} {'ratio':>6}")
    failing = []
    for app, (app_code, app_tests) in totals.items():
        ratio = app_tests / app_code if app_code else float("inf")
        flag = "" if ratio >= PER_APP_TARGET else "  < 0.6"
        if flag and app_code:
            failing.append(app)
        print(f"{app:<16} {app_code:>7} {app_tests:>7} {ratio:>6.2f}{flag}")
    overall = tests / code
    print(f"{'overall':<16} {code:>7} {tests:>7} {overall:>6.2f}")
    if check and (overall < OVERALL_TARGET or failing):
        print(f"below target: overall {overall:.2f} (≥ {OVERALL_TARGET}), apps {failing}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
