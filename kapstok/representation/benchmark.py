"""The import benchmark of issue 4: 100,000 generated rows, imported and matched.

`representation_report()` writes a CSV of 100,000 rows (Dutch Excel style: semicolons, BOM) in
a temporary folder, with the mix a real export has: trade names that name their sport, SBI
codes, a tenth of the rows belonging to entrepreneurs Kapstok already knows (linked by KvK
number), a few near-duplicates of known names (suggested), some bad rows and exact duplicates.
It then checks and matches the file as the import page does (a dry run, nothing stored) and
returns the wall-clock seconds and the process's peak memory. Everything it creates (an office,
known entrepreneurs, and the reference data if the database has none) is rolled back.

Target (issue 4): within 20 s and under 1 GB. `make bench` calls this; by hand:

    .venv/bin/python manage.py shell -c \\
        "from kapstok.representation.benchmark import representation_report as r; print(r())"
"""

import datetime
import gc
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kapstok.core.spreadsheets import csv_writer
from kapstok.network.models import Entrepreneur, Municipality, Office, SbiCode, SportBranch
from kapstok.network.reference_data import municipalities_load, taxonomy_load
from kapstok.network.taxonomy import BRANCHES

from . import services

ROWS = 100_000
KNOWN = 2_000  # entrepreneurs already in Kapstok in the office's municipality
TARGET_SECONDS = 20
TARGET_BYTES = 1024**3
SEED = 4
WORDS = {
    "fitness": "Fitstudio", "crossfit-bootcamp": "CrossFit Box", "tennis": "Tennispark",
    "padel": "Padelhal", "squash-badminton": "Squashcentrum", "paardensport": "Manege",
    "golf": "Golfbaan", "zwemmen": "Zwemschool", "watersport": "Zeilschool", "dans": "Dansschool",
    "yoga-pilates": "Yogastudio", "vechtsport": "Boksschool", "klimmen": "Klimhal",
}  # fmt: skip
SYLLABLES = (
    "ba", "ke", "lin", "mo", "ster", "vo", "de", "ra", "hu", "zen", "tor", "wi", "el", "pa",
    "gro", "nie", "uw", "lan", "dijk", "hoe", "ven", "ber", "gen", "dal", "stad", "oor",
)  # fmt: skip
HEADER = ["KvK-nummer", "Vestigingsnummer", "Handelsnaam", "SBI-code", "Straat", "Huisnummer",
          "Postcode", "Plaats", "Gemeente", "Website"]  # fmt: skip


def _peak_rss_bytes() -> int:
    """The process's peak resident memory so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _reference_ensure() -> None:
    if not Municipality.objects.exists():
        municipalities_load(today=timezone.localdate())
    if not SbiCode.objects.exists() or not SportBranch.objects.exists():
        taxonomy_load()


def _name(rng: random.Random, slug: str) -> str:
    """A trade name like "Padelhal Kelinmo": a sport word and an invented word."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()
    return f"{WORDS.get(slug, 'Sportcentrum')} {word}"


def _office_and_known(rng: random.Random) -> tuple[Office, Municipality, list[Entrepreneur]]:
    municipality = Municipality.objects.order_by("-population").first()
    office = Office.objects.create(
        name="Benchmarkkantoor", slug="benchmark-afspiegeling", founded_on=datetime.date(2024, 1, 1)
    )
    office.municipalities.set([municipality])
    known = Entrepreneur.objects.bulk_create(
        Entrepreneur(
            business_name=_name(rng, slug),
            kvk_number=f"{80_000_000 + number:08d}",
            municipality=municipality,
        )
        for number, slug in enumerate(rng.choices(list(WORDS), k=KNOWN))
    )
    return office, municipality, known


def _row(rng, number: int, municipality: Municipality, twins) -> list:
    spec = rng.choice(BRANCHES)
    sbi = rng.choice(spec.sbi_codes)
    name = _name(rng, spec.slug)
    kvk = f"{10_000_000 + number:08d}"
    roll = rng.random()
    if roll < 0.02:  # a known entrepreneur, by KvK number
        twin = next(twins)
        kvk, name = twin.kvk_number, twin.business_name
    elif roll < 0.03:  # a known name, registered under another KvK number
        name = next(twins).business_name + " B.V."
    elif roll < 0.04:
        kvk = "12AB"
    elif roll < 0.05:
        sbi = "99.99.9"
    establishment = f"{number:012d}"
    return [kvk, establishment, name, sbi, "Sportlaan", str(number % 300 + 1), "1234 AB",
            municipality.name, municipality.name, ""]  # fmt: skip


def write_rows(path: Path, municipality: Municipality, known: list, rows: int = ROWS) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle, delimiter=";")
        writer.writerow(HEADER)
        previous, twins = None, itertools.cycle(known)
        for number in range(rows):
            duplicate = previous and rng.random() < 0.01
            row = previous if duplicate else _row(rng, number, municipality, twins)
            writer.writerow(row)
            previous = row


def representation_report(rows: int = ROWS, *, save: bool = False) -> dict:
    """Generate, import and match `rows` rows; seconds, peak memory and counts.

    A dry run by default, as the issue's target asks; `save=True` also stores the rows (in
    the rolled-back transaction), which the import page does after the lead confirms.
    """
    rng = random.Random(SEED)
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        _reference_ensure()
        office, municipality, known = _office_and_known(rng)
        path = Path(folder) / "landschap.csv"
        write_rows(path, municipality, known, rows)
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        outcome = services.landscape_import(office=office, path=path, save=save)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = _peak_rss_bytes()
        transaction.set_rollback(True)
    result = outcome.result
    return {
        "rows": rows,
        "saved": save,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_memory_mb": round(peak / 1024**2),
        "valid": len(result.rows),
        "rejected": len(result.rejected),
        "duplicates": len(result.duplicates),
        "linked": sum(1 for row in result.rows if row.entrepreneur_id),
        "suggestions": outcome.suggestions,
        "passed": seconds <= TARGET_SECONDS and peak < TARGET_BYTES,
    }
