"""The session report as PDF (WeasyPrint) and as an editable Word document (python-docx).

Both show the same `selectors.Report`: title, date, participants, questions, the cards per
theme with their dots, and the goals. Cards appear without their authors' names: the
report is shared with all members, and people write more freely when it stays that way.

The PDF is rendered from a template whose styles are inline; WeasyPrint gets a URL fetcher
that refuses everything, so no font, image or stylesheet is ever fetched from outside.
"""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .selectors import Report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(report: Report, extension: str) -> str:
    day = timezone.localtime(report.session.starts_at).date().isoformat()
    return f"sessie-{slugify(report.session.title) or report.session.pk}-{day}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The session report may not load external resources ({url}).")


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    html = render_to_string("strategy/report_pdf.html", {"report": report})
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def pdf_response(report: Report) -> HttpResponse:
    return _download(render_pdf(report), "application/pdf", _filename(report, "pdf"))


def _date(report: Report) -> str:
    return formats.date_format(timezone.localtime(report.session.starts_at), "j F Y, H:i")


def render_docx(report: Report) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(report.session.title, level=0)
    document.add_paragraph(f"{report.session.office.name} · {_date(report)}")
    document.add_paragraph(
        _("%(participants)s deelnemers, %(cards)s kaartjes, %(votes)s stippen")
        % {
            "participants": report.participant_count,
            "cards": report.card_count,
            "votes": report.vote_count,
        }
    )
    _docx_questions(document, report)
    _docx_themes(document, report)
    _docx_goals(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_questions(document, report: Report) -> None:
    if report.questions:
        document.add_heading(_("Vragen"), level=1)
        for question in report.questions:
            document.add_paragraph(question, style="List Bullet")


def _docx_themes(document, report: Report) -> None:
    document.add_heading(_("Thema's en stippen"), level=1)
    if not report.themes:
        document.add_paragraph(_("De kaartjes zijn nog niet in thema's ingedeeld."))
    for row in report.themes:
        heading = _("%(label)s – %(votes)s stippen") % {
            "label": row.theme.label,
            "votes": row.votes,
        }
        document.add_heading(f"{row.rank}. {heading}" if row.votes else heading, level=2)
        for card in row.cards:
            document.add_paragraph(f"{card.get_kind_display()}: {card.text}", style="List Bullet")
    if report.unplaced:
        document.add_heading(_("Nog niet ingedeeld"), level=2)
        for card in report.unplaced:
            document.add_paragraph(f"{card.get_kind_display()}: {card.text}", style="List Bullet")


def _docx_goals(document, report: Report) -> None:
    document.add_heading(_("Doelen"), level=1)
    if not report.goals:
        document.add_paragraph(_("Er zijn (nog) geen doelen uit deze sessie gemaakt."))
        return
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, [_("Doel"), _("Uit thema"), _("Deadline")], strict=True
    ):
        cell.text = text
    for goal in report.goals:
        deadline = formats.date_format(goal.deadline, "j F Y") if goal.deadline else "–"
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = goal.title, goal.source_theme.label, deadline


def docx_response(report: Report) -> HttpResponse:
    return _download(render_docx(report), DOCX_TYPE, _filename(report, "docx"))
