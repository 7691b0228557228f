"""Joining by code: lookup, throttling of wrong codes per address, closed sessions."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.strategy import services
from kapstok.strategy.models import Participant, SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def lookup(code, ip="192.0.2.1"):
    return services.session_by_code(code=code, client_ip=ip)


def test_code_is_found_in_any_case_and_with_spaces(session):
    code = session.join_code
    assert lookup(f" {code[:3].lower()} {code[3:]} ") == session


def test_wrong_code_is_refused_in_dutch(session):
    with pytest.raises(ValidationError, match="sessiecode kennen we niet"):
        lookup("ZZZZZZ")


def test_ten_wrong_codes_block_the_address_even_for_a_right_code(session):
    for _ in range(services.JOIN_FAILURE_LIMIT):
        with pytest.raises(ValidationError):
            lookup("ZZZZZZ")
    with pytest.raises(ValidationError, match="Probeer het over tien minuten") as refused:
        lookup(session.join_code)
    assert refused.value.code == "throttled"
    assert lookup(session.join_code, ip="192.0.2.99") == session  # other addresses still work


def test_block_ends_after_the_window(session, time_machine):
    time_machine.move_to(datetime.datetime(2030, 1, 1, 19, 0, tzinfo=datetime.UTC))
    for _ in range(services.JOIN_FAILURE_LIMIT):
        with pytest.raises(ValidationError):
            lookup("ZZZZZZ")
    time_machine.shift(datetime.timedelta(minutes=9))
    with pytest.raises(ValidationError, match="tien minuten"):
        lookup(session.join_code)
    time_machine.shift(datetime.timedelta(minutes=2))
    assert lookup(session.join_code) == session


def test_guest_joins_with_a_name_or_anonymously(session):
    named = services.participant_join(session=session, display_name=" Anna ")
    anonymous = services.participant_join(session=session)
    assert named.display_name == "Anna"
    assert str(anonymous) == "anoniem"


def test_signed_in_person_joins_once(session, world):
    member = world.users["member"]
    first = services.participant_join(session=session, user=member, display_name="Marieke")
    again = services.participant_join(session=session, user=member, display_name="Marieke L.")
    assert first.pk == again.pk
    assert Participant.objects.get(pk=first.pk).display_name == "Marieke L."


def test_closed_session_refuses_to_join(session):
    move_to(session, SessionPhase.CLOSED)
    with pytest.raises(ValidationError, match="afgerond"):
        services.participant_join(session=session, display_name="Laatkomer")
    assert not session.participants.exists()
