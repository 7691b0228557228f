"""Fixtures for the representativeness tests: the taxonomy, files, an office with a landscape.

Imports run inline (no thread: a thread cannot see a test's uncommitted data) and uploads go
to a temporary MEDIA_ROOT.
"""

import csv
import io

import pytest

from kapstok.network.reference_data import taxonomy_load

HEADER = [
    "KvK-nummer", "Vestigingsnummer", "Handelsnaam", "SBI-code", "Straat", "Huisnummer",
    "Postcode", "Plaats", "Gemeente", "Website",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _inline_imports(settings, tmp_path):
    settings.REPRESENTATION_IMPORT_IN_THREAD = False
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def taxonomy(db):
    taxonomy_load()


def csv_bytes(rows, *, header=HEADER, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def business(
    kvk, name, sbi="93.12.4", *, establishment="", place="Utrecht", municipality="Utrecht"
):
    return [kvk, establishment, name, sbi, "Domplein", "1", "3512 JE", place, municipality, ""]


@pytest.fixture
def write_file(tmp_path):
    """Write bytes to a file in tmp_path and return its path: `write_file(data, "x.csv")`."""

    def _write(data: bytes, name: str = "landschap.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
