"""Demo landscapes for every office, so the representativeness index and the recruitment list
exist everywhere and the report's gaps show up.

An office's landscape is every sport business in its municipality. In the demo those are the
demo entrepreneurs located there, members and non-members alike: the planner in `demo` made
racket sports, equestrian, golf, swimming and the chains unlikely to join (report ch. 3.2), so
the coverage page shows exactly those gaps; local establishments of the big chains are added
as the KvK export would list them. Each row gets an SBI code of its branch and its
branch inferred from the trade name, as a real import would; a few generic names stay
"onbekend" for the lead to classify, and a few prospects are already in the pipeline.

Rows are written through `representation.services.landscape_store`, the import's own writer,
and an `ImportJob` records the (fictitious) file, so the page says when it was read. The imports
are of varying age (`import_age`): A–E read theirs in the last months, the other offices over
the past year and a half, so POS's list of landscapes shows a few that are over a year old and
due for a fresh KvK export. Only A–E get the unclassified names and a started pipeline.
"""

import datetime

from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.network.models import Entrepreneur, Office
from kapstok.network.taxonomy import BRANCHES
from kapstok.representation.importer import ImportContext, ParsedRow
from kapstok.representation.models import ImportJob, ImportStatus, ProspectStage
from kapstok.representation.selectors import businesses, office_coverage, pipeline
from kapstok.representation.services import landscape_store, prospect_update

LETTERS = ("A", "B", "C", "D", "E")
SBI_OF = {spec.slug: spec.sbi_codes[0] for spec in BRANCHES}
# Generic names whose SBI code (fitness or martial arts) leaves the branch open.
UNKNOWN_NAMES = ("Sportcentrum De Brink", "Sportplaza Oost", "Sportcentrum Het Anker")
UNKNOWN_SBI = "93.14.6"
PIPELINE = (
    (ProspectStage.INTERESTED, "Rondleiding bij de padelhal afspreken", 7),
    (ProspectStage.APPROACHED, "Nabellen na de mail over de sportraad", 14),
    (ProspectStage.APPROACHED, "Uitnodigen voor de volgende netwerkborrel", 21),
    (ProspectStage.DROPPED, "", None),
)


def _primary_branch(ctx: ImportContext, entrepreneur, slugs: list[str]) -> str:
    """The branch the trade name names (the planner named businesses after it), else the first."""
    hints = [hint for hint in ctx.inferrer.name_hints(entrepreneur.business_name) if hint in slugs]
    return hints[0] if hints else slugs[0]


def local_businesses(offices: list[Office]) -> dict[int, list]:
    """The demo entrepreneurs of each office's municipalities, in KvK order, read in one go:
    one query per office took seconds on a busy SQLite."""
    places = {m.pk: office.pk for office in offices for m in office.municipalities.all()}
    entrepreneurs = (
        Entrepreneur.objects.filter(municipality__in=places, is_demo=True)
        .select_related("municipality")
        .prefetch_related("branches")
        .order_by("kvk_number", "establishment_number")
    )
    local = {office.pk: [] for office in offices}
    for entrepreneur in entrepreneurs:
        local[places[entrepreneur.municipality_id]].append(entrepreneur)
    return local


def _rows(entrepreneurs: list, ctx: ImportContext) -> list[ParsedRow]:
    rows = []
    for line, entrepreneur in enumerate(entrepreneurs, start=2):
        slugs = [b.slug for b in sorted(entrepreneur.branches.all(), key=lambda b: b.sort_order)]
        branch = _primary_branch(ctx, entrepreneur, slugs)
        rows.append(_row(line, entrepreneur, branch))
    return rows


def _row(line: int, entrepreneur, branch: str) -> ParsedRow:
    return ParsedRow(
        line=line,
        kvk_number=entrepreneur.kvk_number,
        establishment_number=entrepreneur.establishment_number,
        trade_name=entrepreneur.business_name,
        address="",
        postcode="",
        place=entrepreneur.municipality.name,
        municipality_id=entrepreneur.municipality_id,
        website=entrepreneur.website,
        sbi_codes=SBI_OF[branch],
        branch=branch,
        branch_source="name",
        is_chain=entrepreneur.is_chain,
        entrepreneur_id=entrepreneur.pk,
        match_kind="kvk",
    )


def _unknown_rows(office: Office, number: int, start_line: int) -> list[ParsedRow]:
    """A few businesses Kapstok does not know, with names that do not tell their branch."""
    municipality = office.municipalities.order_by("code").first()
    return [
        ParsedRow(
            line=start_line + index,
            kvk_number=f"00{number:02d}{index:04d}",
            establishment_number="",
            trade_name=name,
            address="",
            postcode="",
            place=municipality.name,
            municipality_id=municipality.pk,
            website="",
            sbi_codes=UNKNOWN_SBI,
            branch=None,
            branch_source="unknown",
        )
        for index, name in enumerate(UNKNOWN_NAMES)
    ]


def _chain_rows(office: Office, number: int, start_line: int) -> list[ParsedRow]:
    """Local establishments of the big chains, which the KvK export lists and Kapstok does not
    know yet ("de grotere ketens" that are missing): the three largest fitness chains and the
    largest padel chain, under the chain's own KvK number."""
    from kapstok.home.demo import CHAINS  # demo imports this module

    municipality = office.municipalities.order_by("code").first()
    wanted = [n for n, spec in enumerate(CHAINS, start=1) if spec.branch == "fitness"][:3]
    wanted += [n for n, spec in enumerate(CHAINS, start=1) if spec.branch == "padel"][:1]
    return [
        ParsedRow(
            line=start_line + index,
            kvk_number=f"{90_000 + chain:08d}",
            establishment_number=f"98{chain:02d}{number:04d}0001",
            trade_name=f"{CHAINS[chain - 1].brand} {municipality.name}-Centrum",
            address="",
            postcode="",
            place=municipality.name,
            municipality_id=municipality.pk,
            website="",
            sbi_codes=SBI_OF[CHAINS[chain - 1].branch],
            branch=CHAINS[chain - 1].branch,
            branch_source="name",
            is_chain=True,
        )
        for index, chain in enumerate(wanted)
    ]


def _pipeline_start(office: Office, today: datetime.date) -> None:
    """Put the first prospects of "wie nu benaderen" in motion, owned by the office's lead."""
    grant = office.grants.filter(role=Role.LEAD).select_related("user").first()
    owner = grant.user if grant else None
    coverage = office_coverage(office, details=False)
    top = [b for b in businesses(pipeline(office, coverage)[:20], coverage) if b.branch_id]
    for business, (stage, step, days) in zip(top, PIPELINE, strict=False):
        prospect_update(
            business=business,
            stage=stage,
            owner=owner,
            notes="Fictieve notitie voor de demo.",
            next_step=step,
            next_step_on=today + datetime.timedelta(days=days) if days else None,
            today=today,
        )


def _demo_report(rows: list[ParsedRow], created: int) -> dict:
    """The report an import of this file would have written, for the import's page."""
    return {
        "valid": len(rows),
        "rejected": [],
        "rejected_count": 0,
        "duplicates": [],
        "duplicate_count": 0,
        "empty": 0,
        "unknown_branch": sum(1 for row in rows if row.branch is None),
        "linked": sum(1 for row in rows if row.entrepreneur_id),
        "suggestions": 0,
        "chains": len({row.kvk_number for row in rows if row.is_chain}),
        "created": created,
        "updated": 0,
        "removed": 0,
    }


# Days before `today` that A–E read their landscape; the other offices spread over AGE_SPREAD.
REPORT_AGES = {"A": 12, "B": 45, "C": 75, "D": 300, "E": 20}
AGE_SPREAD = 540
AGE_STEP = 97  # coprime with AGE_SPREAD: ages spread evenly, and the same every day


def import_age(office: Office, number: int, letter: str, today: datetime.date) -> int:
    """How many days ago the office read its landscape: never before it was founded.

    >>> import_age(Office(founded_on=datetime.date(2024, 1, 1)), 3, "", datetime.date(2026, 1, 1))
    296
    """
    age = REPORT_AGES[letter] if letter else 5 + (number * AGE_STEP) % AGE_SPREAD
    return max(0, min(age, (today - office.founded_on).days - 1))


def _store(office: Office, rows: list[ParsedRow], when: datetime.datetime) -> int:
    created, _updated, _removed = landscape_store(
        office=office, rows=rows, remove_missing=True, now=when
    )
    job = ImportJob.objects.create(
        office=office,
        filename=f"kvk-export-{office.slug}-demo.csv",
        status=ImportStatus.DONE,
        progress=100,
        report=_demo_report(rows, created),
        finished_at=when,
    )
    ImportJob.objects.filter(pk=job.pk).update(created_at=when, updated_at=when)
    return created


def landscape_seed(
    *, offices: dict[str, Office], today: datetime.date, others: list[Office] = ()
) -> int:
    """Give every office a landscape and a recorded import, A–E also a started pipeline;
    returns the rows stored."""
    now = timezone.now()
    stored = 0
    everyone = [(letter, offices[letter]) for letter in LETTERS] + [("", o) for o in others]
    local = local_businesses([office for _letter, office in everyone])
    for number, (letter, office) in enumerate(everyone, start=1):
        rows = _rows(local[office.pk], ImportContext.for_office(office))
        if letter:
            rows += _unknown_rows(office, number, start_line=len(rows) + 2)
        rows += _chain_rows(office, number, start_line=len(rows) + 2)
        age = import_age(office, number, letter, today)
        stored += _store(office, rows, now - datetime.timedelta(days=age))
        if letter:
            _pipeline_start(office, today)
    return stored
