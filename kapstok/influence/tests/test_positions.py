"""A position from concept to answer: drafting, endorsing, sending as PDF, recording the answer."""

import io

import pytest
from pypdf import PdfReader

from django.core import mail
from django.utils import timezone

from kapstok.influence import services
from kapstok.influence.models import Endorsement, Outcome, Position, PositionStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

from .conftest import make_position, url

pytestmark = pytest.mark.django_db

NEW = "/netwerk/kantoren/kantoor-utrecht/invloed/standpunten/nieuw/"


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def add_members(world, count, show_name=False, position=None):
    """`count` more members of Kantoor Utrecht who endorse `position` (when given)."""
    for i in range(count):
        entrepreneur = EntrepreneurFactory(business_name=f"Padel {i}", municipality=world.utrecht)
        MembershipFactory(office=world.office, entrepreneur=entrepreneur)
        if position:
            Endorsement.objects.create(
                position=position, entrepreneur=entrepreneur, show_name=show_name
            )


def test_lead_drafts_a_position_for_the_municipality(world, login):
    response = login(world.users["lead"]).post(
        NEW,
        {
            "title": "Subsidie ook voor ondernemers",
            "body": "Tekst",
            "municipality": world.utrecht.pk,
        },
    )
    position = Position.objects.get()
    assert response.status_code == 302
    assert (position.status, position.municipality, position.created_by) == (
        PositionStatus.CONCEPT, world.utrecht, world.users["lead"],
    )  # fmt: skip


def test_a_position_without_recipient_is_refused_and_keeps_the_text(world, login):
    response = login(world.users["lead"]).post(
        NEW, {"title": "Subsidie ook voor ondernemers", "body": "Mijn lange tekst"}
    )
    assert response.status_code == 400
    assert "Kies aan wie het standpunt gericht is" in response.content.decode()
    assert "Mijn lange tekst" in response.content.decode()
    assert not Position.objects.exists()


def test_a_position_to_both_municipality_and_body_is_refused(world, login, council):
    response = login(world.users["lead"]).post(
        NEW,
        {"title": "T", "body": "B", "municipality": world.utrecht.pk, "addressed_body": council.pk},
    )
    assert response.status_code == 400
    assert "Kies één ontvanger" in response.content.decode()


def test_a_member_endorses_once_and_may_withdraw_before_sending(world, login):
    position = make_position(world, PositionStatus.OPEN)
    client = login(world.users["member"])
    client.post(url(position, "steunen/"), {"show_name": "on"})
    client.post(url(position, "steunen/"), {})  # again: only the consent changes
    endorsement = Endorsement.objects.get()
    assert (endorsement.entrepreneur, endorsement.show_name) == (world.member_entrepreneur, False)
    client.post(url(position, "intrekken/"))
    assert not Endorsement.objects.exists()


def test_members_of_another_office_cannot_endorse(world, login):
    position = make_position(world, PositionStatus.OPEN)
    response = login(world.users["other_member"]).post(url(position, "steunen/"), {})
    assert response.status_code == 403
    assert not Endorsement.objects.exists()


def test_the_lead_without_a_membership_cannot_endorse(world, login):
    position = make_position(world, PositionStatus.OPEN)
    assert login(world.users["lead"]).post(url(position, "steunen/")).status_code == 403


def test_a_concept_cannot_be_endorsed(world, login):
    position = make_position(world, PositionStatus.CONCEPT)
    # A member does not even see the concept.
    assert login(world.users["member"]).post(url(position, "steunen/")).status_code == 404
    with pytest.raises(Exception, match="niet open"):
        services.position_endorse(
            position=position, entrepreneur_id=world.member_entrepreneur.pk, actor=None,
            show_name=False,
        )  # fmt: skip


def test_endorsements_are_counted_per_entrepreneur(world, login):
    position = make_position(world, PositionStatus.OPEN)
    add_members(world, 3, position=position)
    login(world.users["member"]).post(url(position, "steunen/"), {})
    page = login(world.users["member"]).get(url(position)).content.decode()
    assert "4 ondernemers steunen dit standpunt" in page


def test_sending_without_endorsements_asks_for_confirmation(world, login):
    position = make_position(world, PositionStatus.OPEN)
    client = login(world.users["lead"])
    response = client.post(url(position, "versturen/"), {"recipient_email": "sport@utrecht.nl"})
    assert response.status_code == 400
    assert "Nog geen enkel lid steunt dit standpunt" in response.content.decode()
    assert "sport@utrecht.nl" in response.content.decode()  # the address is kept
    position.refresh_from_db()
    assert position.status == PositionStatus.OPEN and not mail.outbox

    client.post(
        url(position, "versturen/"), {"recipient_email": "sport@utrecht.nl", "confirm_empty": "on"}
    )
    position.refresh_from_db()
    assert position.status == PositionStatus.SENT
    assert "Verstuurd zonder steunbetuigingen" in pdf_text(mail.outbox[0].attachments[0][1])


def test_the_sent_pdf_states_the_count_and_only_consented_names(world, login):
    position = make_position(world, PositionStatus.OPEN)
    add_members(world, 2, show_name=False, position=position)
    Endorsement.objects.create(
        position=position, entrepreneur=world.member_entrepreneur, show_name=True
    )
    response = login(world.users["lead"]).post(
        url(position, "versturen/"), {"recipient_email": "sport@utrecht.nl"}
    )
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["sport@utrecht.nl"]
    name, content, mimetype = email.attachments[0]
    text = pdf_text(content)
    assert mimetype == "application/pdf"
    assert "3 sportondernemers steunen dit standpunt" in text
    assert "Yoga Marieke" in text and "Padel 0" not in text
    position.refresh_from_db()
    assert (position.status, position.endorsements_at_sending) == (PositionStatus.SENT, 3)
    assert position.pdf.read() == content  # kept exactly as sent


def test_after_sending_nothing_changes(world, login):
    position = make_position(world, PositionStatus.OPEN)
    add_members(world, 1, position=position)
    services.position_send(
        position=position, recipient_email="sport@utrecht.nl", actor=world.users["lead"]
    )
    member = login(world.users["member"])
    member.post(url(position, "steunen/"), {})
    assert position.endorsements.count() == 1
    response = login(world.users["lead"]).post(
        url(position, "bewerken/"), {"title": "Anders", "body": "B"}, follow=True
    )
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    position.refresh_from_db()
    assert position.title == "Subsidie ook voor ondernemers"


def test_the_answer_and_outcome_are_recorded_with_dates(world, login):
    position = make_position(world, PositionStatus.OPEN)
    add_members(world, 1, position=position)
    services.position_send(position=position, recipient_email="a@b.nl", actor=world.users["lead"])
    today = timezone.localdate()
    response = login(world.users["lead"]).post(
        url(position, "antwoord/"),
        {"outcome": Outcome.PARTLY, "answered_on": today.isoformat(), "answer": "Deels.",
         "outcome_on": today.isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    position.refresh_from_db()
    assert (position.status, position.outcome, position.answered_on) == (
        PositionStatus.ANSWERED, Outcome.PARTLY, today,
    )  # fmt: skip


def test_no_answer_keeps_the_position_sent(world):
    position = make_position(world, PositionStatus.OPEN)
    position = services.position_send(
        position=position, recipient_email="a@b.nl", actor=None, confirm_empty=True
    )
    services.position_answer_record(position=position, outcome=Outcome.NO_ANSWER)
    assert position.status == PositionStatus.SENT
