"""The session report's PDF never ends on a page that holds a single line (issue 17: the demo's
report had a second page with only "Verslag gemaakt met Kapstok." on it)."""

import pytest

from django.template.loader import render_to_string

from kapstok.goals.factories import GoalFactory
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.selectors import session_report

pytestmark = pytest.mark.django_db

MIN_LINES = 3


def lines_per_page(report) -> list[int]:
    """How many lines of text the body of each page holds (the page number's footer aside)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    html = render_to_string("strategy/report_pdf.html", {"report": report})
    counts = []
    for page in HTML(string=html).render().pages:
        body = [box for box in page._page_box.children if not isinstance(box, MarginBox)]
        counts.append(
            sum(
                1
                for box in body
                for line in box.descendants()
                if isinstance(line, LineBox) and any(c.text.strip() for c in _texts(line))
            )
        )
    return counts


def _texts(line):
    return [box for box in line.descendants() if hasattr(box, "text")]


# With 9 short cards the old report filled page 1 and put its closing line alone on page 2.
@pytest.mark.parametrize("cards", [*range(6, 14), 20, 30])
def test_no_page_of_the_report_holds_a_line_or_two(session, anna, cards):
    themes = [ThemeFactory(session=session, label=f"Thema {n}") for n in range(4)]
    GoalFactory(office=session.office, source_theme=themes[0], title="Meer zaaluren")
    for n in range(cards):
        CardFactory(
            session=session,
            participant=anna,
            theme=themes[n % 4],
            text=f"Kaartje {n}: zaalruimte",
        )

    pages = lines_per_page(session_report(session))

    assert all(lines >= MIN_LINES for lines in pages), pages


def test_every_page_says_in_its_footer_that_kapstok_made_it(session, anna):
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import MarginBox

    html = render_to_string("strategy/report_pdf.html", {"report": session_report(session)})
    [page] = HTML(string=html).render().pages
    footer = " ".join(
        text.text
        for box in page._page_box.children
        if isinstance(box, MarginBox)
        for text in _texts(box)
    )

    assert "Verslag gemaakt met Kapstok." in footer
    assert "1 / 1" in footer
