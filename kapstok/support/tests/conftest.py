"""Support desk fixtures: attachments go to a temporary MEDIA_ROOT; a request of Kantoor Utrecht."""

import io
import zipfile

import pytest

from kapstok.support.models import Category, SupportRequest

PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
FIXED_ZIP_DATE = (2026, 1, 5, 9, 0, 0)


def office_document(part: str) -> bytes:
    """A minimal DOCX (`word/`) or XLSX (`xl/`) zip, enough for the content check.

    Its members carry a fixed date, so the bytes are the same whenever they are made: tests
    are parametrized with them, and two pytest-xdist workers collecting a second apart must
    see the same test ids (the zip's clock time differed, and the run stopped at collection).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), (f"{part}/document.xml", "<x/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE), text)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def category(db):
    # get_or_create: transactional tests (the browser tests) flush the seeded categories.
    category, _created = Category.objects.get_or_create(
        name="rechtsvorm", defaults={"first_response_days": 2, "resolution_days": 10}
    )
    return category


@pytest.fixture
def support_request(world, category):
    return SupportRequest.objects.create(
        office=world.office,
        category=category,
        description="Welke rechtsvorm past bij ons kantoor?",
        created_by=world.users["lead"],
    )
