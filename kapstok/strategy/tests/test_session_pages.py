"""The office's session pages per role: list, form, detail, phase buttons, invitation."""

import pytest

from django.core import mail

from kapstok.strategy.factories import CardFactory, StrategySessionFactory
from kapstok.strategy.models import SessionPhase, StrategySession

from .conftest import move_to

pytestmark = pytest.mark.django_db

SESSIONS = "/netwerk/kantoren/kantoor-utrecht/sessies/"


def test_member_sees_the_sessions_of_their_office_but_cannot_create(session, world, login):
    client = login(world.users["member"])
    html = client.get(SESSIONS).content.decode()
    assert session.title in html
    assert "Nieuwe sessie" not in html
    assert client.get(f"{SESSIONS}nieuw/").status_code == 403


def test_office_page_links_to_sessions_for_members_not_for_the_municipality(world, login):
    office_page = "/netwerk/kantoren/kantoor-utrecht/"
    assert SESSIONS in login(world.users["member"]).get(office_page).content.decode()
    assert SESSIONS not in login(world.users["civil_servant"]).get(office_page).content.decode()


def test_other_office_lead_cannot_open_a_session(session, world, login):
    client = login(world.users["other_lead"])
    assert client.get(f"{SESSIONS}{session.pk}/").status_code == 403
    assert client.get(f"/netwerk/kantoren/kantoor-zwolle/sessies/{session.pk}/").status_code == 404


def test_lead_plans_a_session(world, login):
    client = login(world.users["lead"])
    response = client.post(
        f"{SESSIONS}nieuw/",
        {
            "title": "Net ophalen",
            "starts_at": "2030-03-12T19:30",
            "location": "Sporthal Noord",
            "facilitator": world.users["partner"].pk,
            "questions": "Welke kansen ziet u?\nWat heeft u nodig?",
            "votes_per_participant": 3,
            "max_votes_per_theme": 2,
        },
    )
    session = StrategySession.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert session.office == world.office and session.created_by == world.users["lead"]
    assert session.facilitator == world.users["partner"]
    assert session.question_list() == ["Welke kansen ziet u?", "Wat heeft u nodig?"]
    assert len(session.join_code) == 6


def test_session_form_refuses_more_dots_per_theme_than_in_total(world, login):
    client = login(world.users["lead"])
    response = client.post(
        f"{SESSIONS}nieuw/",
        {
            "title": "Net ophalen",
            "starts_at": "2030-03-12T19:30",
            "votes_per_participant": 2,
            "max_votes_per_theme": 3,
        },
    )
    assert response.status_code == 200
    assert "Op één thema kunnen niet meer stippen dan er zijn." in response.content.decode()
    assert not StrategySession.objects.exists()


def test_outsider_cannot_be_named_facilitator(world, login):
    client = login(world.users["lead"])
    response = client.post(
        f"{SESSIONS}nieuw/",
        {
            "title": "Net ophalen",
            "starts_at": "2030-03-12T19:30",
            "facilitator": world.users["outsider"].pk,
            "votes_per_participant": 3,
            "max_votes_per_theme": 2,
        },
    )
    assert response.status_code == 200
    assert not StrategySession.objects.exists()


def test_partner_moves_the_session_to_the_next_phase(session, anna, world, login):
    CardFactory(participant=anna)
    client = login(world.users["partner"])
    response = client.post(f"{SESSIONS}{session.pk}/fase/", {"to": "cluster"}, follow=True)
    session.refresh_from_db()
    assert session.phase == SessionPhase.CLUSTER
    assert "De sessie is nu in de fase clusteren." in response.content.decode()


def test_illegal_phase_jump_shows_a_dutch_message(session, world, login):
    client = login(world.users["lead"])
    response = client.post(f"{SESSIONS}{session.pk}/fase/", {"to": "goals"}, follow=True)
    session.refresh_from_db()
    assert session.phase == SessionPhase.COLLECT
    assert "alleen een stap vooruit of een stap terug" in response.content.decode()


def test_member_cannot_change_the_phase(session, world, login):
    client = login(world.users["member"])
    assert client.post(f"{SESSIONS}{session.pk}/fase/", {"to": "cluster"}).status_code == 403


def test_detail_shows_code_and_join_link(session, world, login):
    html = login(world.users["member"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert session.join_code in html
    assert f"/sessie/?code={session.join_code}" in html


def test_detail_polls_while_collecting(session, anna, world, login):
    CardFactory(participant=anna, text="Samen inkopen")
    html = login(world.users["lead"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Samen inkopen" in html


def test_live_part_asks_for_a_reload_when_the_phase_moved_on(session, world, login):
    client = login(world.users["lead"])
    same = client.get(f"{SESSIONS}{session.pk}/live/?fase=collect")
    assert "HX-Refresh" not in same
    move_to(session, SessionPhase.CLUSTER)
    moved = client.get(f"{SESSIONS}{session.pk}/live/?fase=collect")
    assert moved["HX-Refresh"] == "true"


def test_projector_shows_code_and_qr_code(session, world, login):
    html = login(world.users["lead"]).get(f"{SESSIONS}{session.pk}/projectie/").content.decode()
    assert session.join_code in html
    assert 'src="data:image/svg+xml' in html


def test_lead_sends_the_invitation(session, world, login):
    client = login(world.users["lead"])
    assert "2 adressen" in client.get(f"{SESSIONS}{session.pk}/uitnodigen/").content.decode()
    response = client.post(f"{SESSIONS}{session.pk}/uitnodigen/", follow=True)
    assert len(mail.outbox) == 2
    assert "verstuurd aan 2 adressen" in response.content.decode()


def test_card_text_is_shown_as_text_not_html(session, anna, world, login):
    CardFactory(participant=anna, text='<script>alert("x")</script><b>vet</b>')
    html = login(world.users["lead"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in html


def test_session_list_of_an_office_without_sessions_says_so(world, login):
    StrategySessionFactory(office=world.other_office)
    html = login(world.users["lead"]).get(SESSIONS).content.decode()
    assert "nog geen strategische sessie" in html
