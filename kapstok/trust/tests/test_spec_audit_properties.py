"""The audit trail and its CSV export, for any values and any text (Hypothesis).

The example tests (test_audit.py, test_spec_records.py) pin single entries. These hold for
everything a person or an imported file can put in a personal field or a summary:

- an update records exactly the fields that changed, with their old and new values, and an
  update that changed nothing records nothing;
- the CSV export reads back to the same entries, and no cell of it can start a formula when a
  spreadsheet opens it (a cell that would is prefixed with an apostrophe, and only then).
"""

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.db import transaction

from kapstok.core.spreadsheets import CONTROL_CHARACTERS, FORMULA_STARTS, safe_cell
from kapstok.core.tests.hypothesis_db import db_settings
from kapstok.trust.audit import CSV_COLUMNS, audit_csv, audit_record, changed_fields, storable
from kapstok.trust.models import AuditAction, AuditEntry

SETTINGS = settings(max_examples=100, deadline=None)
DB_SETTINGS = db_settings(30)
FIELDS = st.sampled_from(["email", "phone", "business_name", "website", "full_name"])
VALUES = st.none() | st.text(max_size=12) | st.integers(-5, 5)
snapshots = st.dictionaries(FIELDS, VALUES, max_size=5)
hostile_text = st.text(max_size=30) | st.sampled_from(
    ["=HYPERLINK(1)", "+31 6 1234", "-1", "@SUM(A1)", "\tX", "\rX", "a\x00b", "\x01=1", "'="]
)


@SETTINGS
@given(snapshots, snapshots)
def test_only_what_differs_is_kept_and_it_leads_from_before_to_after(before, after):
    old, new = changed_fields(before, after)
    assert set(old) == set(new)
    assert list(new) == sorted(new)
    for key in before.keys() | after.keys():
        differs = before.get(key) != after.get(key)
        assert (key in new) == differs
        if differs:
            assert (old[key], new[key]) == (before.get(key), after.get(key))
    replayed = {**before, **new}  # the old state with the recorded changes applied
    assert all(replayed.get(key) == after.get(key) for key in before.keys() | after.keys())
    assert changed_fields(after, before) == (new, old)


@SETTINGS
@given(hostile_text)
def test_a_cell_never_starts_a_formula_and_loses_nothing_but_control_characters(text):
    cell = safe_cell(text)
    cleaned = CONTROL_CHARACTERS.sub("", text)
    assert not CONTROL_CHARACTERS.search(cell)
    if cleaned.startswith(FORMULA_STARTS):
        assert cell == "'" + cleaned
    else:
        assert cell == cleaned
    assert safe_cell(cell) == cell


@pytest.mark.django_db
@DB_SETTINGS
@given(snapshots, snapshots, hostile_text)
def test_an_update_records_exactly_its_changes_and_nothing_when_nothing_changed(
    world, before, after, summary
):
    def example():
        entry = audit_record(
            action=AuditAction.UPDATE,
            instance=world.member_entrepreneur,
            before=before,
            after=after,
            actor=world.users["lead"],
            summary=summary,
        )
        old, new = changed_fields(before, after)
        if not new:
            assert entry is None
            return
        entry.refresh_from_db()
        # Exactly the changes, less NUL characters (which PostgreSQL cannot store).
        assert (entry.before, entry.after) == (storable(old), storable(new))
        assert entry.actor_label == world.users["lead"].email
        assert entry.summary == storable(summary)[:250]

    with transaction.atomic():
        example()
        transaction.set_rollback(True)


@SETTINGS
@given(st.lists(st.tuples(hostile_text, snapshots, snapshots), max_size=5))
def test_the_export_reads_back_to_the_entries_and_no_cell_starts_a_formula(rows):
    entries = [
        AuditEntry(
            actor_label="kees@example.invalid",
            action=AuditAction.UPDATE,
            model="network.entrepreneur",
            object_id="7",
            summary=summary,
            before=before,
            after=after,
        )
        for summary, before, after in rows
    ]
    for entry in entries:
        entry.occurred_at = entry._meta.get_field("occurred_at").get_default()
    read = list(csv.reader(io.StringIO(audit_csv(entries), newline="")))
    assert read[0] == CSV_COLUMNS
    assert len(read) == len(entries) + 1
    for entry, cells in zip(entries, read[1:], strict=True):
        assert cells[5] == safe_cell(entry.summary)
        assert json.loads(cells[6]) == entry.before
        assert json.loads(cells[7]) == entry.after
        assert cells[0] == entry.occurred_at.isoformat()
        for cell in cells:
            assert not cell.startswith(FORMULA_STARTS)
