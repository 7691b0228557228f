"""Changes to an office's landscape and recruitment pipeline.

- `landscape_parse` reads and checks a file and matches its rows to the office's members,
  without writing; `landscape_import` does the same and, with `save=True`, stores the valid
  rows in one transaction (`landscape_store`): all of them or, on any error, none.
- `business_classify` sets a business's branch and remembers it for later imports;
  `suggestion_confirm` / `suggestion_reject` settle a fuzzy match the importer proposed.
- `prospect_update` keeps the pipeline; `prospect_mark_joined` moves an entrepreneur who just
  joined to "aangesloten" everywhere they were a prospect (the public join flow calls it).
- `coverage_refresh` recomputes the precomputed coverage figures (`OfficeCoverage`) of some
  offices from scratch; every write here that changes a landscape calls it, and so does every
  membership change in `kapstok.network.services` (through `network.changes`).

User errors are `ValidationError`s or `LandscapeFileError`s with a Dutch message.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.network.models import Entrepreneur, Membership, Office, SportBranch

from . import matching, selectors
from .importer import (
    ImportContext,
    ParsedRow,
    ParseResult,
    guess_mapping,
    missing_required,
    parse_table,
)
from .models import (
    BranchClassification,
    BranchCoverageFigure,
    BranchSource,
    LandscapeBusiness,
    MatchKind,
    OfficeCoverage,
    Prospect,
    ProspectStage,
)
from .reading import LandscapeFileError, read_table

BATCH = 1000
# Fields an import may overwrite; the pipeline, reviewed links and rejections stay.
IMPORTED_FIELDS = (
    "trade_name",
    "address",
    "postcode",
    "place",
    "municipality_id",
    "website",
    "sbi_codes",
    "branch_id",
    "branch_source",
    "is_chain",
)


@dataclass
class ImportOutcome:
    result: ParseResult
    suggestions: int
    header: list[str]
    encoding: str
    created: int = 0
    updated: int = 0
    removed: int = 0


def landscape_parse(
    *,
    office: Office,
    path: Path,
    mapping: dict[str, int] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ImportOutcome:
    """Read, check and match a landscape file; nothing is written."""
    table = read_table(path)
    mapping = {key: int(index) for key, index in (mapping or guess_mapping(table.header)).items()}
    missing = missing_required(mapping)
    if missing:
        raise LandscapeFileError(
            _("Kies een kolom voor: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    ctx = ImportContext.for_office(office)
    result = parse_table(table, mapping, ctx, progress)
    suggestions = _match(office, result.rows, ctx)
    return ImportOutcome(result, suggestions, table.header, table.encoding)


def _match(office: Office, rows: list[ParsedRow], ctx: ImportContext) -> int:
    known = matching.known_members(office.pk)
    taken = matching.match_exact(rows, known)
    rejected = {
        (kvk, est): pk
        for kvk, est, pk in LandscapeBusiness.objects.filter(
            office=office, rejected_entrepreneur__isnull=False
        ).values_list("kvk_number", "establishment_number", "rejected_entrepreneur_id")
    }
    return matching.suggest(
        rows, known, taken=taken, place_names=ctx.office_municipalities, rejected=rejected
    )


def landscape_import(
    *,
    office: Office,
    path: Path,
    mapping: dict[str, int] | None = None,
    save: bool = False,
    remove_missing: bool = False,
    progress: Callable[[float], None] | None = None,
    now: datetime.datetime | None = None,
) -> ImportOutcome:
    """Check a file and, with `save`, store its valid rows (one transaction)."""
    outcome = landscape_parse(office=office, path=path, mapping=mapping, progress=progress)
    if save:
        outcome.created, outcome.updated, outcome.removed = landscape_store(
            office=office,
            rows=outcome.result.rows,
            remove_missing=remove_missing,
            now=now or timezone.now(),
        )
    return outcome


# What a row stores besides its key; the pipeline, reviewed links and rejections are not here.
STORED = (
    *IMPORTED_FIELDS,
    "entrepreneur_id",
    "match_kind",
    "suggested_entrepreneur_id",
    "suggestion_score",
)


@transaction.atomic
def landscape_store(
    *, office: Office, rows: list[ParsedRow], remove_missing: bool, now: datetime.datetime
) -> tuple[int, int, int]:
    """Create new businesses, update changed ones (by KvK + establishment number).

    Returns (created, updated, removed). Rows absent from the file stay unless
    `remove_missing`: a KvK export of one month may miss a business that still exists.

    Written with `executemany` rather than `bulk_create`: the ORM prepares every value in
    Python and SQLite's parameter limit cuts the inserts into batches of 49 rows, which made
    100,000 rows take a minute; plain statements take seconds, in the same transaction.
    """
    branch_ids = dict(SportBranch.objects.values_list("slug", "pk"))
    existing = {
        (kvk, est): (pk, dict(zip(STORED, values, strict=True)))
        for pk, kvk, est, *values in LandscapeBusiness.objects.filter(office=office).values_list(
            "pk", "kvk_number", "establishment_number", *STORED
        )
    }
    new, changed, seen = [], [], []
    for row in rows:
        wanted = _stored_values(row, branch_ids)
        if row.key not in existing:
            new.append((office.pk, row.kvk_number, row.establishment_number, *wanted.values()))
            continue
        pk, stored = existing[row.key]
        seen.append(pk)
        _keep_review(stored, wanted)
        if wanted != stored:
            changed.append((*wanted.values(), pk))
    stamp = connection.ops.adapt_datetimefield_value(now)
    _insert(new, stamp)
    _update(changed)
    for start in range(0, len(seen), 900):  # within SQLite's parameter limit
        LandscapeBusiness.objects.filter(pk__in=seen[start : start + 900]).update(
            last_imported_at=now
        )
    removed = 0
    if remove_missing:
        stale = LandscapeBusiness.objects.filter(office=office, last_imported_at__lt=now)
        _total, per_model = stale.delete()
        removed = per_model.get(LandscapeBusiness._meta.label, 0)
    coverage_refresh([office.pk])
    return len(new), len(changed), removed


def _stored_values(row: ParsedRow, branch_ids) -> dict:
    """The row's values for the `STORED` fields, in that order."""
    return {
        "trade_name": row.trade_name,
        "address": row.address,
        "postcode": row.postcode,
        "place": row.place,
        "municipality_id": row.municipality_id,
        "website": row.website,
        "sbi_codes": row.sbi_codes,
        "branch_id": branch_ids.get(row.branch),
        "branch_source": row.branch_source,
        "is_chain": row.is_chain,
        "entrepreneur_id": row.entrepreneur_id,
        "match_kind": row.match_kind,
        "suggested_entrepreneur_id": row.suggested_id,
        "suggestion_score": row.suggestion_score,
    }


def _keep_review(stored: dict, wanted: dict) -> None:
    """A link the lead confirmed stays, unless the file now links the row by KvK number."""
    if stored["match_kind"] == MatchKind.REVIEWED and not wanted["entrepreneur_id"]:
        for name in ("entrepreneur_id", "match_kind"):
            wanted[name] = stored[name]
        wanted["suggested_entrepreneur_id"] = wanted["suggestion_score"] = None


def _columns(names) -> list[str]:
    meta = LandscapeBusiness._meta
    return [connection.ops.quote_name(meta.get_field(name).column) for name in names]


def _insert(rows: list[tuple], stamp) -> None:
    names = ("office_id", "kvk_number", "establishment_number", *STORED)
    columns = _columns([*names, "first_imported_at", "last_imported_at"])
    table = connection.ops.quote_name(LandscapeBusiness._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    _execute_many(sql, [(*row, stamp, stamp) for row in rows])


def _update(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(LandscapeBusiness._meta.db_table)
    assignments = ", ".join(f"{column} = %s" for column in _columns(STORED))
    _execute_many(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)


def _execute_many(sql: str, params: list[tuple]) -> None:
    for start in range(0, len(params), BATCH * 10):
        with connection.cursor() as cursor:
            cursor.executemany(sql, params[start : start + BATCH * 10])


# --- classification and matches --------------------------------------------------------------


@transaction.atomic
def business_classify(*, business: LandscapeBusiness, branch: SportBranch, actor) -> None:
    """Set the branch of a business, and remember it for the office's later imports.

    Only for the office whose landscape holds the row: another office with the same business
    in its file classifies it for itself, so no office changes another's figures.
    """
    business.branch = branch
    business.branch_source = BranchSource.LEAD
    business.save(update_fields=["branch", "branch_source"])
    BranchClassification.objects.update_or_create(
        office_id=business.office_id,
        kvk_number=business.kvk_number,
        establishment_number=business.establishment_number,
        defaults={"branch": branch, "classified_by": actor},
    )
    coverage_refresh([business.office_id])


def suggestion_confirm(*, business: LandscapeBusiness) -> None:
    """The lead agrees: this business is that entrepreneur."""
    if business.suggested_entrepreneur_id is None:
        raise ValidationError(_("Er is geen voorgestelde koppeling meer."))
    business.entrepreneur_id = business.suggested_entrepreneur_id
    business.match_kind = MatchKind.REVIEWED
    business.suggested_entrepreneur = None
    business.suggestion_score = None
    with transaction.atomic():
        business.save(
            update_fields=[
                "entrepreneur",
                "match_kind",
                "suggested_entrepreneur",
                "suggestion_score",
            ]
        )
        coverage_refresh([business.office_id])


def suggestion_reject(*, business: LandscapeBusiness) -> None:
    """The lead disagrees; the same suggestion is not made again by a later import."""
    business.rejected_entrepreneur_id = business.suggested_entrepreneur_id
    business.suggested_entrepreneur = None
    business.suggestion_score = None
    business.save(
        update_fields=["rejected_entrepreneur", "suggested_entrepreneur", "suggestion_score"]
    )


# --- the pipeline ----------------------------------------------------------------------------


NOTES_MAX = 4000


@transaction.atomic
def prospect_update(
    *,
    business: LandscapeBusiness,
    stage: str,
    owner=None,
    notes: str = "",
    next_step: str = "",
    next_step_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Prospect:
    """Move a business through the pipeline (creating its prospect row the first time)."""
    today = today or timezone.localdate()
    if stage not in ProspectStage.values:
        raise ValidationError({"stage": _("Kies een fase.")})
    if len(notes.strip()) > NOTES_MAX:
        # full_clean does not check a TextField's max_length; the form does, but not every caller
        # comes through the form.
        raise ValidationError(
            {"notes": _("Dit veld mag hoogstens %(limit)s tekens bevatten.") % {"limit": NOTES_MAX}}
        )
    prospect = Prospect.objects.filter(business=business).first()
    if prospect is None:
        prospect = Prospect(business=business, stage_changed_on=today)
    if prospect.stage != stage:
        prospect.stage_changed_on = today
    prospect.stage = stage
    prospect.owner = owner
    prospect.notes = notes.strip()
    prospect.next_step = next_step.strip()
    prospect.next_step_on = next_step_on
    prospect.full_clean(exclude=["business"])
    prospect.save()
    return prospect


@transaction.atomic
def prospect_mark_joined(*, entrepreneur: Entrepreneur, today: datetime.date | None = None) -> int:
    """An entrepreneur became a member: their landscape rows move to "aangesloten".

    Looks in the landscapes of the offices they are a member of now, by link or by KvK number
    (the public join form may have created the entrepreneur just now), links the rows, and
    returns how many moved.
    """
    today = today or timezone.localdate()
    office_ids = Membership.objects.active_on(today).filter(entrepreneur=entrepreneur)
    rows = LandscapeBusiness.objects.filter(
        office_id__in=office_ids.values("office_id"), kvk_number=entrepreneur.kvk_number
    )
    if entrepreneur.establishment_number:
        rows = rows.filter(establishment_number__in=["", entrepreneur.establishment_number])
    rows = list(rows.select_related("prospect"))
    if len(rows) > 1:
        # One KvK number, several establishments (a chain): only the linked ones joined.
        rows = [row for row in rows if row.entrepreneur_id == entrepreneur.pk]
    moved = 0
    for business in rows:
        if business.entrepreneur_id is None:
            business.entrepreneur = entrepreneur
            business.match_kind = MatchKind.KVK
            business.save(update_fields=["entrepreneur", "match_kind"])
        prospect = getattr(business, "prospect", None)
        if prospect is None:
            prospect = Prospect(business=business)
        prospect.stage = ProspectStage.JOINED
        prospect.stage_changed_on = today
        prospect.save()
        moved += 1
    coverage_refresh({business.office_id for business in rows})
    return moved


# --- precomputed coverage figures ----------------------------------------------------------


def coverage_refresh(office_ids, today: datetime.date | None = None) -> None:
    """Recompute the `OfficeCoverage` figures of these offices from scratch, as of `today`.

    Uses the same counting as the office's own coverage page (`selectors.member_profiles`,
    `selectors.landscape_counts`, `selectors.build_coverage`), so stored and live figures
    cannot drift apart in their definition; a fixed number of queries for any number of
    offices. The offices' rows are locked first, so two writers refresh one after the other.
    """
    office_ids = sorted(set(office_ids))
    if not office_ids:
        return
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Office.objects.select_for_update().filter(pk__in=office_ids).order_by("pk")
        office_ids = list(locked.values_list("pk", flat=True))
        profiles = selectors.member_profiles(office_ids, today)
        landscape, covered = selectors.landscape_counts(office_ids, today)
        branch_ids = dict(SportBranch.objects.values_list("slug", "pk"))
        now = timezone.now()
        summaries, figures = [], []
        for office_id in office_ids:
            summary, branches = _figures_of(
                profiles[office_id], landscape[office_id], covered[office_id], branch_ids
            )
            summaries.append(
                OfficeCoverage(office_id=office_id, computed_on=today, computed_at=now, **summary)
            )
            figures += [
                BranchCoverageFigure(office_id=office_id, branch_id=branch_ids.get(slug), **row)
                for slug, row in branches.items()
                if slug is None or slug in branch_ids
            ]
        OfficeCoverage.objects.filter(office_id__in=office_ids).delete()
        BranchCoverageFigure.objects.filter(office_id__in=office_ids).delete()
        OfficeCoverage.objects.bulk_create(summaries, batch_size=BATCH)
        BranchCoverageFigure.objects.bulk_create(figures, batch_size=BATCH)


def _figures_of(profile, landscape, covered, branch_ids) -> tuple[dict, dict]:
    """One office's summary and its figures per branch (by slug; None: not classified)."""
    coverage = selectors.build_coverage(profile, landscape, covered, {}, ranking=False)
    gap = selectors.biggest_gap(coverage)
    summary = {
        "index": coverage.index,
        "members": coverage.members,
        "landscape": coverage.landscape,
        "gap_branch_id": branch_ids.get(gap["branch"]) if gap else None,
        "gap_covered": gap["covered"] if gap else 0,
        "gap_landscape": gap["landscape"] if gap else 0,
    }
    known = {slug: n for slug, n in landscape.items() if slug is not None}
    total_l, total_m = sum(known.values()), sum(profile.weights.values())
    branches = {}
    for slug in set(profile.counts) | set(profile.weights) | set(landscape):
        count = landscape.get(slug, 0)
        share = profile.weights.get(slug, 0) / total_m if total_m else 0.0
        branches[slug] = {
            "members": profile.counts.get(slug, 0),
            "weight": profile.weights.get(slug, 0.0),
            "landscape": count,
            "covered": covered.get(slug, 0),
            "shortfall": max(0.0, count / total_l - share) if slug and total_l else 0.0,
        }
    return summary, branches


def coverage_ensure_current(figures: list[dict], today: datetime.date | None = None) -> int:
    """Refresh the offices among `selectors.national_figures()` whose figures are missing or
    of an earlier day; how many. Memberships start and end on dates, so yesterday's figures
    may be wrong today without any write: the scheduler refreshes every office at night
    (`coverage_refresh_all`) and the pages call this, so a missed night costs one slow page,
    never a wrong figure."""
    today = today or timezone.localdate()
    stale = [row["pk"] for row in figures if row["computed_on"] != today]
    coverage_refresh(stale, today)
    return len(stale)


def office_coverage_current(office: Office, *, details: bool = True) -> selectors.Coverage:
    """The office's coverage from its stored figures of today, computed first when there are
    none (`selectors.stored_coverage`): the coverage page reads two small tables rather than
    counting its whole landscape against the members."""
    today = timezone.localdate()
    coverage = selectors.stored_coverage(office, today, details=details)
    if coverage is None:
        coverage_refresh([office.pk], today)
        coverage = selectors.stored_coverage(office, today, details=details)
    return coverage


def coverage_refresh_all() -> str:
    """The scheduler's nightly job: every working office's figures, as of today."""
    ids = list(Office.objects.working().values_list("pk", flat=True))
    coverage_refresh(ids)
    return f"{len(ids)} kantoren"
