"""Drafting a goal from a theme, and the PDF and Word reports the members may download."""

import io
import zipfile

import pytest

from kapstok.goals.models import Goal
from kapstok.strategy import reports, selectors
from kapstok.strategy.factories import CardFactory, ThemeFactory, VoteFactory
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(session, anna, bram):
    space = ThemeFactory(session=session, label="Ruimte en accommodatie", position=0)
    money = ThemeFactory(session=session, label="Subsidies & <gelijk> speelveld", position=1)
    CardFactory(participant=anna, theme=space, text="Geen zaal op dinsdag")
    CardFactory(participant=bram, theme=money, text="Verenigingen betalen minder huur")
    VoteFactory(participant=anna, theme=money)
    VoteFactory(participant=bram, theme=money)
    VoteFactory(participant=bram, theme=space)
    return move_to(session, SessionPhase.GOALS)


def url(session, rest):
    return f"/netwerk/kantoren/kantoor-utrecht/sessies/{session.pk}/{rest}"


def test_lead_drafts_a_goal_from_a_theme(voted, world, login):
    theme = voted.themes.get(position=1)
    client = login(world.users["lead"])
    form = client.get(url(voted, f"themas/{theme.pk}/doel/")).content.decode()
    assert "Verenigingen betalen minder huur" in form
    response = client.post(
        url(voted, f"themas/{theme.pk}/doel/"),
        {"title": "Gelijke huur voor ondernemers", "status": "open", "deadline": "2027-01-01"},
    )
    goal = Goal.objects.get()
    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert goal.source_theme == theme
    assert list(goal.source_cards.values_list("text", flat=True)) == [
        "Verenigingen betalen minder huur"
    ]
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "komt voort uit het thema" in page


def test_goal_form_outside_the_goals_phase_says_why(voted, world, login):
    move_to(voted, SessionPhase.PRIORITISE)
    theme = voted.themes.first()
    response = login(world.users["lead"]).post(
        url(voted, f"themas/{theme.pk}/doel/"), {"title": "Te vroeg", "status": "open"}
    )
    assert "fase doelen" in response.content.decode()
    assert not Goal.objects.exists()


def test_report_contents(voted):
    report = selectors.session_report(voted)
    assert report.participant_count == 2 and report.card_count == 2 and report.vote_count == 3
    assert [(row.rank, row.theme.label, row.votes) for row in report.themes] == [
        (1, "Subsidies & <gelijk> speelveld", 2),
        (2, "Ruimte en accommodatie", 1),
    ]


def test_member_downloads_the_pdf(voted, world, login):
    response = login(world.users["member"]).get(url(voted, "verslag.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="sessie-')
    assert response.content.startswith(b"%PDF")


def test_pdf_html_escapes_text_and_loads_nothing_from_outside(voted):
    from django.template.loader import render_to_string

    html = render_to_string("strategy/report_pdf.html", {"report": selectors.session_report(voted)})
    assert "Subsidies &amp; &lt;gelijk&gt; speelveld" in html
    assert "http" not in html and "src=" not in html and "<link" not in html


def test_pdf_refuses_to_fetch_external_resources():
    with pytest.raises(ValueError, match="external resources"):
        reports._refuse_fetch("https://example.invalid/font.woff")


def test_member_downloads_the_word_document(voted, world, login):
    response = login(world.users["member"]).get(url(voted, "verslag.docx"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        body = docx.read("word/document.xml").decode()
    assert voted.title in body
    assert "Verenigingen betalen minder huur" in body
    assert "Subsidies &amp; &lt;gelijk&gt; speelveld – 2 stippen" in body


def test_report_of_a_session_without_themes_or_goals(session, world, login):
    client = login(world.users["lead"])
    assert client.get(url(session, "verslag.pdf")).status_code == 200
    assert client.get(url(session, "verslag.docx")).status_code == 200


def test_civil_servant_cannot_download_the_report(voted, world, login):
    assert login(world.users["civil_servant"]).get(url(voted, "verslag.pdf")).status_code == 403
