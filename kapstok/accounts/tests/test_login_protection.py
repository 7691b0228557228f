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
