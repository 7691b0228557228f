"""The position as sent: a PDF (WeasyPrint, like the session report) with the counted voice.

The PDF states how many entrepreneurs endorse the position. Names appear only for the
endorsers who consented; the others are counted, never named. WeasyPrint gets a URL fetcher that
refuses everything, so no font, image or stylesheet is fetched from outside.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from .models import Position


@dataclass(frozen=True)
class EndorsementSummary:
    count: int
    names: list[str]

    @property
    def unnamed(self) -> int:
        return self.count - len(self.names)


def endorsement_summary(position: Position) -> EndorsementSummary:
    """How many endorse, and the business names of those who agreed to be named (one query)."""
    rows = list(position.endorsements.values_list("show_name", "entrepreneur__business_name"))
    names = sorted(name for show, name in rows if show)
    return EndorsementSummary(count=len(rows), names=names)


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The position PDF may not load external resources ({url}).")


def render_position_pdf(position: Position, summary: EndorsementSummary) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    context = {"position": position, "summary": summary, "today": timezone.localdate()}
    html = render_to_string("influence/position_pdf.html", context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def pdf_filename(position: Position) -> str:
    day = timezone.localtime(position.sent_at or timezone.now()).date().isoformat()
    return f"standpunt-{slugify(position.title)[:60] or position.pk}-{day}.pdf"


def render_national_pdf(position, municipality, summary: EndorsementSummary) -> bytes:
    """A POS-wide position for one municipality: the endorsers established there, counted as
    for any party outside POS (small counts as a band), named only with their consent."""
    from weasyprint import HTML

    from kapstok.analysis.disclosure import small_count

    context = {
        "position": position,
        "municipality": municipality,
        "summary": summary,
        "count_label": small_count(summary.count),
        "today": timezone.localdate(),
    }
    html = render_to_string("influence/national_position_pdf.html", context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def national_pdf_filename(position, municipality) -> str:
    day = timezone.localdate().isoformat()
    title = slugify(position.title)[:60] or str(position.pk)
    return f"standpunt-{title}-{slugify(municipality.name)}-{day}.pdf"
