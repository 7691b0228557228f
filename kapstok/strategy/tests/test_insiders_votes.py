"""Insiders: votes cannot be stuffed by joining as a fresh guest again and again.

Replays the finding: with the six-character code, one person joined as a new guest from five
fresh browsers, each time with a full budget, and raised a theme from 3 to 13 dots. Now the
facilitator sees every guest on the session page and removes them (their dots go, their cards
stay, that browser cannot come back), and new guests are limited per IP address.
"""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kapstok.core import throttle
from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory, ThemeFactory, VoteFactory
from kapstok.strategy.models import Card, Participant, SessionPhase, Vote

from .conftest import move_to

SESSIONS = "/netwerk/kantoren/kantoor-utrecht/sessies/"


def _guest_phone(session, name="", ip="10.0.0.1") -> Client:
    """A fresh browser that joined the session with its code."""
    phone = Client(REMOTE_ADDR=ip)
    response = phone.post("/sessie/", {"code": session.join_code, "display_name": name})
    assert response.status_code == 302, response.content.decode()
    return phone


@pytest.fixture
def voting(session, anna, bram):
    """Voting is open; 'Ruimte' has 3 dots, each participant has 3 dots, at most 2 per theme."""
    session.votes_per_participant, session.max_votes_per_theme = 3, 2
    session.save()
    space = ThemeFactory(session=session, label="Ruimte", confirmed=True)
    other = ThemeFactory(session=session, label="Subsidies", confirmed=True)
    CardFactory(participant=anna, theme=space, placement_confirmed=True)
    VoteFactory(participant=anna, theme=space)
    VoteFactory(participant=anna, theme=space)
    VoteFactory(participant=bram, theme=space)
    VoteFactory(participant=bram, theme=other)
    move_to(session, SessionPhase.PRIORITISE)
    return space


def _dots(theme) -> int:
    return Vote.objects.filter(theme=theme).count()


def _stuff(session, theme, phones=5):
    """The attack: fresh guests from fresh browsers (other addresses), two dots each."""
    guests = []
    for n in range(phones):
        phone = _guest_phone(session, ip=f"10.0.1.{n}")
        for _ in range(2):
            phone.post(f"/sessie/{session.join_code}/stemmen/{theme.pk}/")
        guests.append(phone)
    return guests


def test_the_facilitator_sees_the_guests_and_removing_them_takes_their_dots(
    world, login, session, voting
):
    _stuff(session, voting)
    assert _dots(voting) == 13  # the finding: 3 → 13
    lead = login(world.users["lead"])
    page = lead.get(f"{SESSIONS}{session.pk}/")
    html = page.content.decode()
    assert "Wie doet er mee" in html
    stuffed = [p for p in page.context["participants"] if p.is_guest and not p.display_name]
    assert len(stuffed) == 5

    for participant in stuffed:
        response = lead.post(f"{SESSIONS}{session.pk}/deelnemers/{participant.pk}/verwijderen/")
        assert response.status_code == 302

    assert _dots(voting) == 3
    assert Participant.objects.filter(removed_at__isnull=False).count() == 5
    assert lead.get(f"{SESSIONS}{session.pk}/").context["participant_count"] == 2


def test_a_removed_guest_keeps_their_cards_on_the_board(world, login, session, anna):
    card = CardFactory(participant=anna)
    services.participant_remove(participant=anna, actor=world.users["lead"])
    assert Card.objects.filter(pk=card.pk, participant=anna).exists()


def test_a_removed_guest_cannot_vote_again_or_rejoin_from_that_browser(
    world, login, session, voting
):
    [phone] = _stuff(session, voting, phones=1)
    guest = Participant.objects.get(display_name="")  # the anonymous guest of that browser
    services.participant_remove(participant=guest, actor=world.users["lead"])
    before = set(Vote.objects.values_list("pk", flat=True))

    response = phone.post(f"/sessie/{session.join_code}/stemmen/{voting.pk}/")
    assert response.status_code == 403
    assert "uit deze sessie gehaald" in response.content.decode()
    assert phone.get(f"/sessie/{session.join_code}/").status_code == 403
    rejoin = phone.post("/sessie/", {"code": session.join_code, "display_name": "Nieuwe naam"})
    assert "uit deze sessie gehaald" in rejoin.content.decode()

    assert set(Vote.objects.values_list("pk", flat=True)) == before
    assert Participant.objects.filter(removed_at__isnull=True).count() == 2  # Anna and Bram


def test_a_removed_participant_changes_nothing_through_the_services(world, session, anna):
    move_to(session, SessionPhase.COLLECT)
    services.participant_remove(participant=anna, actor=world.users["lead"])
    with pytest.raises(ValidationError, match="uit deze sessie gehaald"):
        services.card_add(participant=anna, kind="need", text="Meer zaalruimte")
    assert not Card.objects.exists()


def test_new_guests_are_limited_per_address(session, monkeypatch):
    monkeypatch.setattr(
        services, "GUEST_JOINS_PER_IP", throttle.Limit("session-guests-test", 3, throttle.HOUR)
    )
    for _ in range(3):
        _guest_phone(session, ip="10.0.0.7")
    response = Client(REMOTE_ADDR="10.0.0.7").post(
        "/sessie/", {"code": session.join_code, "display_name": ""}
    )
    assert response.status_code == 429
    assert "te veel gasten" in response.content.decode()
    assert Participant.objects.count() == 3
    _guest_phone(session, ip="10.0.0.8")  # another address still joins
    assert Participant.objects.count() == 4


def test_the_real_limit_lets_a_full_room_on_one_network_join(session):
    for n in range(services.GUEST_JOINS_PER_IP.limit):
        _guest_phone(session, name=f"Gast {n}", ip="10.0.0.9")
    assert Participant.objects.count() == services.GUEST_JOINS_PER_IP.limit


def test_a_signed_in_member_takes_part_once_and_is_not_removed_as_a_guest(world, session):
    member = world.users["member"]
    first = services.participant_join(session=session, user=member, display_name="Marieke")
    again = services.participant_join(session=session, user=member, display_name="Marieke")
    assert first.pk == again.pk
    with pytest.raises(ValidationError, match="Alleen gasten"):
        services.participant_remove(participant=first, actor=world.users["lead"])
    assert Participant.objects.get(pk=first.pk).removed_at is None


@pytest.mark.parametrize("persona", ["member", "civil_servant", "other_lead", "outsider"])
def test_only_a_facilitator_removes_a_guest(persona, world, login, session, voting, anna):
    response = login(world.users[persona]).post(
        f"{SESSIONS}{session.pk}/deelnemers/{anna.pk}/verwijderen/"
    )
    assert response.status_code == 403
    anna.refresh_from_db()
    assert anna.removed_at is None and anna.votes.count() == 2
    with pytest.raises(PermissionDenied):
        services.participant_remove(participant=anna, actor=world.users[persona])
    assert Participant.objects.get(pk=anna.pk).removed_at is None


@pytest.mark.parametrize("persona", ["lead", "partner", "pos"])
def test_every_facilitator_removes_a_guest(persona, world, login, session, voting, anna):
    response = login(world.users[persona]).post(
        f"{SESSIONS}{session.pk}/deelnemers/{anna.pk}/verwijderen/"
    )
    assert response.status_code == 302
    assert Participant.objects.get(pk=anna.pk).removed_at is not None
    assert not Vote.objects.filter(participant=anna).exists()


def test_a_closed_session_keeps_its_participants(world, login, session, voting, anna):
    move_to(session, SessionPhase.CLOSED)
    login(world.users["lead"]).post(f"{SESSIONS}{session.pk}/deelnemers/{anna.pk}/verwijderen/")
    anna.refresh_from_db()
    assert anna.removed_at is None and anna.votes.count() == 2


def test_the_guest_list_is_for_facilitators_only(world, login, session, anna):
    html = login(world.users["member"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert "Wie doet er mee" not in html and "Anna" not in html


def test_the_report_counts_only_admitted_participants(world, session, anna, bram):
    from kapstok.strategy.selectors import session_report, sessions_of

    services.participant_remove(participant=bram, actor=world.users["lead"])
    assert session_report(session).participant_count == 1
    assert sessions_of(world.office).get(pk=session.pk).participant_count == 1
