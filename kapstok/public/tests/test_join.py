"""Joining from the public site: the form, bad input, double opt-in, merging, abuse."""

import re

import pytest

from django.core import mail

from kapstok.core.throttle import JOIN_PER_EMAIL, JOIN_PER_IP
from kapstok.public.models import JoinRequest, JoinRequestStatus, OfficeMonthlyReach

pytestmark = pytest.mark.django_db

URL = "/kantoren/kantoor-utrecht/aanmelden/"


def confirm_path(message) -> str:
    return re.search(r"https?://[^/]+(/aanmelden/bevestigen/[^/\s]+/)", message.body).group(1)


def reach(world, field) -> int:
    rows = OfficeMonthlyReach.objects.filter(office=world.office)
    return sum(rows.values_list(field, flat=True))


def test_join_form_stores_an_unconfirmed_request_and_mails_a_link(world, visitor, join_data):
    response = visitor.post(URL, join_data)
    assert response.status_code == 302
    assert response["Location"] == "/kantoren/kantoor-utrecht/aanmelden/verstuurd/"
    request = JoinRequest.objects.get()
    assert request.status == JoinRequestStatus.UNCONFIRMED
    assert request.kvk_number == "12345678"
    assert request.listed_publicly
    assert request.privacy_accepted_at is not None
    assert [m.to for m in mail.outbox] == [["sanne@example.invalid"]]
    assert "/aanmelden/bevestigen/" in mail.outbox[0].body
    assert reach(world, "join_requests") == 1


def test_following_the_link_shows_a_button_and_only_posting_confirms(world, visitor, join_data):
    visitor.post(URL, join_data)
    path = confirm_path(mail.outbox[0])
    page = visitor.get(path)
    assert "Ja, bevestig mijn aanmelding" in page.content.decode()
    assert JoinRequest.objects.get().status == JoinRequestStatus.UNCONFIRMED  # a mail scanner
    done = visitor.post(path)
    assert "Bedankt, uw aanmelding is bevestigd" in done.content.decode()
    assert JoinRequest.objects.get().status == JoinRequestStatus.CONFIRMED
    assert mail.outbox[-1].to == [world.users["lead"].email]  # the lead is told
    assert reach(world, "confirmed") == 1


def test_confirming_twice_is_harmless(world, visitor, join_data):
    visitor.post(URL, join_data)
    path = confirm_path(mail.outbox[0])
    visitor.post(path)
    again = visitor.post(path)
    assert "Uw aanmelding is al bevestigd" in again.content.decode()
    assert reach(world, "confirmed") == 1


def test_a_tampered_link_is_refused_in_dutch(world, visitor, join_data):
    visitor.post(URL, join_data)
    path = confirm_path(mail.outbox[0])
    response = visitor.post(path.replace("/bevestigen/", "/bevestigen/x"))
    assert response.status_code == 400
    assert "ongeldig of verlopen" in response.content.decode()
    assert JoinRequest.objects.get().status == JoinRequestStatus.UNCONFIRMED


def test_unconfirmed_request_is_not_shown_to_the_lead(world, visitor, join_data, client):
    visitor.post(URL, join_data)
    client.force_login(world.users["lead"])
    html = client.get("/netwerk/kantoren/kantoor-utrecht/aanmeldingen/").content.decode()
    assert "Padel Sanne" not in html
    assert "1 aanmelding wacht nog op bevestiging" in html


@pytest.mark.parametrize(
    ("kvk", "message"),
    [
        ("", "Dit veld is verplicht."),
        ("1234567", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ("1234567a", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ("123456789", "Een KvK-nummer bestaat uit precies 8 cijfers."),
    ],
)
def test_missing_or_wrong_kvk_number_is_refused(world, visitor, join_data, kvk, message):
    response = visitor.post(URL, join_data | {"kvk_number": kvk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JoinRequest.objects.exists()
    assert not mail.outbox


def test_kvk_number_with_spaces_and_dots_is_accepted(world, visitor, join_data):
    visitor.post(URL, join_data | {"kvk_number": "1234.56 78"})
    assert JoinRequest.objects.get().kvk_number == "12345678"


def test_a_message_of_ten_thousand_characters_is_refused(world, visitor, join_data):
    response = visitor.post(URL, join_data | {"message": "x" * 10_000})
    assert response.status_code == 400
    assert "hoogstens 2000 tekens" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_privacy_statement_must_be_accepted(world, visitor, join_data):
    data = {key: value for key, value in join_data.items() if key != "privacy"}
    response = visitor.post(URL, data)
    assert response.status_code == 400
    assert "privacyverklaring" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_html_in_fields_is_kept_as_text_and_shown_escaped(world, visitor, join_data, client):
    script = "<script>alert('x')</script>"
    visitor.post(URL, join_data | {"business_name": f"Padel {script}", "message": script})
    request = JoinRequest.objects.get()
    assert request.business_name == f"Padel {script}"
    visitor.post(confirm_path(mail.outbox[0]))
    client.force_login(world.users["lead"])
    html = client.get(f"/netwerk/kantoren/kantoor-utrecht/aanmeldingen/{request.pk}/").content
    assert script.encode() not in html
    assert b"&lt;script&gt;" in html


def test_posting_the_form_twice_gives_one_request(world, visitor, join_data):
    visitor.post(URL, join_data)
    visitor.post(URL, join_data | {"message": "Nog een keer."})
    request = JoinRequest.objects.get()
    assert request.submissions == 2
    assert request.message == "Nog een keer."
    assert reach(world, "join_requests") == 1


def test_sending_again_after_confirmation_never_changes_the_confirmed_request(
    world, visitor, join_data
):
    visitor.post(URL, join_data)
    visitor.post(confirm_path(mail.outbox[0]))
    visitor.post(URL, join_data | {"phone": "0301234567", "business_name": "Iets Anders"})
    confirmed = JoinRequest.objects.get(status=JoinRequestStatus.CONFIRMED)
    assert confirmed.phone == join_data["phone"]
    assert confirmed.business_name == join_data["business_name"]
    assert JoinRequest.objects.filter(status=JoinRequestStatus.UNCONFIRMED).count() == 1


def test_another_address_makes_its_own_request_and_the_first_stays(world, visitor, join_data):
    visitor.post(URL, join_data)
    old_link = confirm_path(mail.outbox[0])
    visitor.post(old_link)
    visitor.post(URL, join_data | {"email": "ander@example.invalid"})
    first = JoinRequest.objects.get(email=join_data["email"].lower())
    assert first.status == JoinRequestStatus.CONFIRMED
    second = JoinRequest.objects.get(email="ander@example.invalid")
    assert second.status == JoinRequestStatus.UNCONFIRMED
    assert mail.outbox[-1].to == ["ander@example.invalid"]
    assert visitor.post(old_link).status_code == 200  # the first sender's link still works


def test_the_same_sender_sending_twice_before_confirming_makes_one_request(
    world, visitor, join_data
):
    visitor.post(URL, join_data)
    visitor.post(URL, join_data | {"phone": "0301234567"})
    request = JoinRequest.objects.get()
    assert request.phone == "0301234567"
    assert request.submissions == 2


def without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{48,}", "", response.content.decode())


def test_a_kvk_number_that_is_already_a_member_gets_the_same_answer_as_any_other(
    world, visitor, join_data
):
    member = world.member_entrepreneur
    as_member = visitor.post(URL, join_data | {"kvk_number": member.kvk_number}, follow=True)
    as_stranger = visitor.post(URL, join_data | {"kvk_number": "99887766"}, follow=True)
    assert as_member.status_code == as_stranger.status_code == 200
    assert as_member.redirect_chain == as_stranger.redirect_chain
    assert without_tokens(as_member) == without_tokens(as_stranger)
    assert "aangesloten" not in as_member.content.decode()


def test_a_member_of_another_office_may_join_this_one(world, visitor, join_data):
    other = world.other_entrepreneur
    assert visitor.post(URL, join_data | {"kvk_number": other.kvk_number}).status_code == 302


def test_honeypot_pretends_success_and_stores_nothing(world, visitor, join_data):
    response = visitor.post(URL, join_data | {"fax": "0301234567"})
    assert response.status_code == 302
    assert not JoinRequest.objects.exists()
    assert not mail.outbox


def test_too_many_posts_from_one_address_are_refused(world, visitor, join_data):
    for _ in range(JOIN_PER_IP.limit):
        visitor.post(URL, join_data | {"kvk_number": "1"})
    response = visitor.post(URL, join_data)
    assert response.status_code == 429
    assert "te veel aanmeldingen" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_fourth_request_for_one_email_within_the_hour_looks_sent_but_does_nothing(
    world, join_data
):
    """No fourth confirmation mail to one address in an hour; the visitor cannot tell."""
    from django.test import Client

    answers = [
        # Each from another client, so only the limit per address can stop them.
        Client(REMOTE_ADDR=f"10.0.0.{number}").post(
            URL, join_data | {"kvk_number": f"1234567{number}"}
        )
        for number in range(4)
    ]
    assert len({(answer.status_code, answer["Location"]) for answer in answers}) == 1
    assert answers[-1].status_code == 302
    assert JoinRequest.objects.count() == 3
    assert len(mail.outbox) == 3


def test_too_many_requests_for_one_email_in_a_day_are_refused(world, join_data, time_machine):
    import datetime

    from django.test import Client

    start = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
    for number in range(JOIN_PER_EMAIL.limit + 1):
        # An hour apart (so the hourly mail limit never applies) and each from another client.
        time_machine.move_to(start + datetime.timedelta(hours=number), tick=False)
        client = Client(REMOTE_ADDR=f"10.0.0.{number}")
        response = client.post(URL, join_data | {"kvk_number": f"1234567{number}"})
    assert response.status_code == 429
    assert JoinRequest.objects.count() == JOIN_PER_EMAIL.limit


def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(world, visitor, join_data):
    unknown = visitor.post(URL, join_data)
    known = visitor.post(
        URL, join_data | {"kvk_number": "87654321", "email": world.users["lead"].email}
    )
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox[0].subject == mail.outbox[1].subject


def test_unknown_office_gives_a_dutch_404(world, visitor, join_data):
    response = visitor.post("/kantoren/bestaat-niet/aanmelden/", join_data)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
