"""Logging in: lockout after repeated wrong passwords, a reset that reveals nothing, expiry."""

import pytest

from django.conf import settings
from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse

from kapstok.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"


@pytest.fixture
def kees():
    user = UserFactory(email="kees@example.invalid")
    user.set_password("juist-wachtwoord-123")
    user.save()
    return user


def attempt(client, password, email="kees@example.invalid"):
    return client.post(LOGIN, {"username": email, "password": password})


def test_five_wrong_passwords_lock_the_login_with_a_dutch_message(client, kees):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "fout").status_code == 200
    locked = attempt(client, "fout")
    assert locked.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in locked.content.decode()
    # Even the right password is refused while the lockout lasts.
    assert attempt(client, "juist-wachtwoord-123").status_code == 429


def test_a_correct_login_resets_the_count(client, kees):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "fout")
    assert attempt(client, "juist-wachtwoord-123").status_code == 302
    client.logout()
    assert attempt(client, "fout").status_code == 200


def test_the_lockout_is_per_account(client, kees):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "fout", email="iemand-anders@example.invalid")
    assert attempt(client, "juist-wachtwoord-123").status_code == 302


def test_authenticate_without_a_request_still_works_for_commands(kees):
    assert authenticate(username="kees@example.invalid", password="juist-wachtwoord-123") == kees


def test_password_reset_does_not_reveal_whether_an_account_exists(client, kees):
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": "kees@example.invalid"}, follow=True)
    unknown = client.post(url, {"email": "niemand@example.invalid"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    for response in (known, unknown):
        assert "Als dit e-mailadres bij een account hoort" in response.content.decode()
    assert len(mail.outbox) == 1


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


# --- limits on what an anonymous visitor can set off ------------------------------------------

RESET = "/account/wachtwoord-vergeten/"


@pytest.mark.parametrize("has_account", [True, False])
def test_a_fourth_reset_for_one_address_within_the_hour_sends_nothing_and_looks_the_same(
    client, kees, has_account
):
    from django.test import Client

    address = kees.email if has_account else "niemand@example.invalid"
    # Each from another client, so only the limit per address can stop it.
    answers = [Client(REMOTE_ADDR=f"10.0.2.{n}").post(RESET, {"email": address}) for n in range(4)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }
    assert len(mail.outbox) == (3 if has_account else 0)


def test_resets_from_one_client_are_limited_across_addresses(client):
    from kapstok.core.throttle import MAIL_PER_CLIENT

    for n in range(MAIL_PER_CLIENT.limit + 2):
        UserFactory(email=f"persoon{n}@example.invalid")
    answers = [
        client.post(RESET, {"email": f"persoon{n}@example.invalid"})
        for n in range(MAIL_PER_CLIENT.limit + 2)
    ]
    assert {a.status_code for a in answers} == {302}
    assert len(mail.outbox) == MAIL_PER_CLIENT.limit


def test_many_failed_logins_from_one_client_across_accounts_are_refused_in_dutch(client):
    """Guessing one password for many addresses: axes locks per account, this per client."""
    from kapstok.core.throttle import LOGIN_FAILURES_PER_CLIENT

    for n in range(LOGIN_FAILURES_PER_CLIENT.limit):
        assert attempt(client, "fout", email=f"gok{n}@example.invalid").status_code == 200
    refused = attempt(client, "fout", email="nog-een@example.invalid")
    assert refused.status_code == 429
    assert "vanaf dit adres te vaak" in refused.content.decode()
    # Another client can still log in.
    from django.test import Client

    assert attempt(Client(REMOTE_ADDR="10.0.3.1"), "fout").status_code == 200


def test_successful_logins_do_not_count_towards_the_client_limit(client, kees):
    from kapstok.core.throttle import LOGIN_FAILURES_PER_CLIENT

    for _ in range(LOGIN_FAILURES_PER_CLIENT.limit + 1):
        assert attempt(client, "juist-wachtwoord-123").status_code == 302
        client.logout()
