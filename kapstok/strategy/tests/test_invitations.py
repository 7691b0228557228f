"""session_invite: one email per member address, with the link, the code and a QR code."""

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.strategy import invitations, services
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def test_members_and_their_businesses_are_invited_once_each(session, world):
    world.member_entrepreneur.email = "MARIEKE@example.invalid"  # same person, other case
    world.member_entrepreneur.save()
    MembershipFactory(
        office=world.office, entrepreneur=EntrepreneurFactory(email="padel@example.invalid")
    )

    assert invitations.recipients(world.office) == [
        "marieke@example.invalid",
        "padel@example.invalid",
    ]


def test_invitation_carries_link_code_and_inline_qr(session, world):
    sent = services.session_invite(session=session, actor=world.users["lead"])

    assert sent == len(mail.outbox) == 2  # Marieke's account and her business address
    message = mail.outbox[0]
    assert len(message.to) == 1
    assert session.title in message.subject
    assert f"/sessie/?code={session.join_code}" in message.body
    assert session.join_code in message.body
    html, mime_type = message.alternatives[0]
    assert mime_type == "text/html" and 'src="cid:sessie-qr"' in html
    [image] = [part for part in message.attachments if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<sessie-qr>"
    assert image.get_payload(decode=True).startswith(b"\x89PNG")


def test_office_without_member_addresses_is_told_so(session, world):
    world.office.memberships.all().delete()
    with pytest.raises(ValidationError, match="nog geen leden met een e-mailadres"):
        services.session_invite(session=session)
    assert mail.outbox == []


def test_closed_session_sends_no_invitations(session):
    move_to(session, SessionPhase.CLOSED)
    with pytest.raises(ValidationError, match="afgerond"):
        services.session_invite(session=session)
