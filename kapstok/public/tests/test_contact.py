"""The contact form on the office page: reaches the lead by mail, exposes no address."""

import pytest

from django.core import mail

from kapstok.accounts.models import RoleGrant
from kapstok.core.throttle import CONTACT_PER_IP

pytestmark = pytest.mark.django_db

URL = "/kantoren/kantoor-utrecht/contact/"
MESSAGE = {"name": "Jan Judo", "email": "jan@example.invalid", "message": "Wanneer is de borrel?"}


def test_message_reaches_the_lead_with_reply_to_the_sender(world, visitor):
    response = visitor.post(URL, MESSAGE)
    assert response.status_code == 302
    assert response["Location"] == "/kantoren/kantoor-utrecht/"
    (sent,) = mail.outbox
    assert sent.to == [world.users["lead"].email]
    assert sent.reply_to == ["jan@example.invalid"]
    assert "Wanneer is de borrel?" in sent.body
    assert "Uw bericht is verstuurd" in visitor.get(response["Location"]).content.decode()


def test_without_a_lead_the_office_contact_address_gets_it(world, visitor):
    RoleGrant.objects.filter(office=world.office).delete()
    visitor.post(URL, MESSAGE)
    assert mail.outbox[0].to == [world.office.contact_email]


def test_office_without_any_address_says_so(world, visitor):
    RoleGrant.objects.filter(office=world.office).delete()
    world.office.contact_email = ""
    world.office.save()
    response = visitor.post(URL, MESSAGE)
    assert response.status_code == 400
    assert "niet via de website bereikbaar" in response.content.decode()


def test_sender_gets_no_copy_and_sees_no_address(world, visitor):
    response = visitor.post(URL, MESSAGE, follow=True)
    assert all("jan@example.invalid" not in m.to for m in mail.outbox)
    assert world.users["lead"].email not in response.content.decode()


def test_long_message_and_bad_email_are_refused(world, visitor):
    response = visitor.post(URL, MESSAGE | {"message": "x" * 10_000, "email": "geen-adres"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "hoogstens 2000 tekens" in html
    assert "Voer een geldig e-mailadres in." in html
    assert not mail.outbox


def test_html_in_the_message_arrives_as_plain_text(world, visitor):
    visitor.post(URL, MESSAGE | {"message": "<b>vet</b> & <script>x</script>"})
    assert "<b>vet</b> & <script>x</script>" in mail.outbox[0].body
    assert mail.outbox[0].content_subtype == "plain"


def test_honeypot_pretends_success_and_sends_nothing(world, visitor):
    assert visitor.post(URL, MESSAGE | {"fax": "x"}).status_code == 302
    assert not mail.outbox


def test_too_many_messages_from_one_address_are_refused(world, visitor):
    for number in range(CONTACT_PER_IP.limit):
        visitor.post(URL, MESSAGE | {"email": f"afzender{number}@example.invalid"})
    response = visitor.post(URL, MESSAGE)
    assert response.status_code == 429
    assert len(mail.outbox) == CONTACT_PER_IP.limit


def test_a_fourth_message_from_one_email_within_the_hour_looks_sent_but_goes_nowhere(world):
    """Each from another client, so only the limit per address can stop it."""
    from django.test import Client

    answers = [Client(REMOTE_ADDR=f"10.0.1.{number}").post(URL, MESSAGE) for number in range(4)]
    assert len({(answer.status_code, answer["Location"]) for answer in answers}) == 1
    assert answers[-1].status_code == 302
    assert len(mail.outbox) == 3


def test_unknown_office_gives_a_dutch_404(world, visitor):
    response = visitor.post("/kantoren/bestaat-niet/contact/", MESSAGE)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
