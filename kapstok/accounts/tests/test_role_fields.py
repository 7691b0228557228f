"""A person's role fields are read only inside the access rules.

The `Viewer`'s fields (`is_national`, `lead_office_ids`, …) say what a person *is*; what they
may *do* is decided by the rules: `kapstok/accounts/access.py` and each app's `rules.py`. A
view, selector, service or template that reads the fields itself decides on its own, and the
next change to a rule misses it (issue #16: 53 such reads in 16 modules and 13 in templates).
So everything else asks a rule, and this test reads the source to keep it that way.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # kapstok/
ROLE_FIELDS = (
    "is_national",
    "is_pos",
    "is_site_admin",
    "is_researcher",
    "office_ids",
    "lead_office_ids",
    "member_office_ids",
    "municipality_office_ids",
    "partner_office_ids",
    "entrepreneur_ids",
    "municipality_ids",
    "partner_ids",
    "branch_organisation_ids",
)
# An attribute read of a role field; a call (`registry.is_site_admin(user)`) is a function.
READ = re.compile(r"\.(" + "|".join(ROLE_FIELDS) + r")\b(?!\s*\()")


def _is_rules_file(path: Path) -> bool:
    return path.name == "rules.py" or path == ROOT / "accounts" / "access.py"


def _is_outside_the_product(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return (
        "tests" in parts
        or "migrations" in parts
        or "browser_tests" in parts
        or path.name in {"factories.py", "conftest.py"}
    )


def role_field_reads() -> list[str]:
    """`file:line: code` for every read of a role field outside the access rules."""
    found = []
    for path in sorted([*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]):
        if _is_rules_file(path) or _is_outside_the_product(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READ.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()[:100]}")
    return found


def test_role_fields_are_read_only_inside_the_access_rules():
    reads = role_field_reads()
    assert not reads, (
        "Ask a rule (kapstok/accounts/access.py or the app's rules.py) instead of reading "
        "the viewer's role fields:\n" + "\n".join(reads)
    )


def test_the_check_sees_reads_in_code_and_templates_but_not_calls():
    assert READ.search("if viewer.is_national:")
    assert READ.search("{% if office.pk in viewer.lead_office_ids %}")
    assert READ.search("ids = v.entrepreneur_ids | other")
    assert not READ.search("registry.is_site_admin(user)")
    assert not READ.search("viewer.is_authenticated")
    assert not READ.search("office.pk in allowed_ids")
