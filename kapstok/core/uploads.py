"""Attachment checks: the type is read from the file's first bytes, never from its name.

Allowed: PDF, DOCX, XLSX, PNG and JPEG, at most 10 MB each. An executable renamed to `.pdf`
starts with `MZ` (or `\\x7fELF`), not `%PDF-`, and is refused. DOCX and XLSX are ZIP files; they
are told apart from other ZIPs by the part that Office itself requires (`word/` or `xl/`).
Pure Python on purpose: no libmagic system dependency. `MultipleFileField` takes several files
in one form field and checks each (support requests, messages, position papers).
"""

import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_SIZE = 10 * 1024 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    DOCX: "docx",
    XLSX: "xlsx",
}


def sniff(upload) -> str | None:
    """The content type of an uploaded file by its magic bytes, or None when not allowed."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_document(upload)
    return None


def _office_document(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def check_upload(upload) -> str:
    """The file's content type, or a Dutch `ValidationError` saying why it is refused."""
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("%(name)s is te groot: een bijlage mag hoogstens 10 MB zijn."),
            params={"name": upload.name},
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "%(name)s is geen PDF-, Word-, Excel- of afbeeldingsbestand (PNG of JPEG). "
                "We kijken naar de inhoud van het bestand, niet naar de naam."
            ),
            params={"name": upload.name},
        )
    return content_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); each is checked by content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            upload.content_type_sniffed = check_upload(upload)
        return cleaned


ATTACHMENT_HELP = gettext_lazy("PDF, Word, Excel, PNG of JPEG; hoogstens 10 MB per bestand.")
