"""Attachments are recognised by their content, not by their name."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.core.uploads import DOCX, XLSX, check_upload

from .conftest import EXE, PDF, PNG, office_document


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", PNG, "image/png"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        ("a.docx", office_document("word"), DOCX),
        ("a.xlsx", office_document("xl"), XLSX),
        ("scan-zonder-extensie", PDF, "application/pdf"),
    ],
    ids=["pdf", "png", "jpg", "docx", "xlsx", "pdf-without-extension"],
)
def test_allowed_types_are_recognised(name, content, content_type):
    assert check_upload(SimpleUploadedFile(name, content)) == content_type


def test_executable_renamed_to_pdf_is_refused_in_dutch():
    with pytest.raises(ValidationError, match="geen PDF-, Word-, Excel- of afbeeldingsbestand"):
        check_upload(SimpleUploadedFile("factuur.pdf", EXE))


def test_plain_zip_named_docx_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("a.docx", office_document("other")))


def test_file_over_ten_megabytes_is_refused():
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="te groot"):
        check_upload(big)
