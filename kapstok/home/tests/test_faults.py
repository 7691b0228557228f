"""Faults: a database that is down gives a Dutch 503 and heals itself; mail is never lost."""

import datetime
import doctest
import json
import smtplib
from unittest import mock

import pytest

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kapstok.home.scheduler import JOBS
from kapstok.trust import mail as outbox
from kapstok.trust.models import OutboxMessage

FAILING = "kapstok.home.tests.test_faults.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(LocmemBackend):
    """A mail server that is down: every send raises."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("verbinding verbroken")


@pytest.mark.django_db(transaction=True)
def test_database_down_gives_dutch_503_and_recovers_when_it_returns(client, world):
    client.force_login(world.users["lead"])
    url = reverse("home:start")
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("weg")
    ):
        response = client.get(url)
    assert response.status_code == 503
    assert "Kapstok is even niet bereikbaar" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert client.get(url).status_code in (200, 302)


@pytest.mark.django_db(transaction=True)
def test_database_down_while_loading_the_session_in_middleware_gives_503(world, settings):
    """With 2FA on, a middleware reads the session before any view: handler500 answers 503."""
    settings.KAPSTOK_REQUIRE_2FA = True
    client = Client(raise_request_exception=False)
    client.force_login(world.users["lead"])
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("weg")
    ):
        response = client.get(reverse("home:start"))
    assert response.status_code == 503
    assert "Kapstok is even niet bereikbaar" in response.content.decode()
    assert client.get(reverse("home:start")).status_code == 200  # back once the database is


@pytest.mark.django_db
def test_database_down_in_middleware_also_gives_503(rf):
    from kapstok.home.views import server_error

    try:
        raise OperationalError("weg")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)  # the view closes the broken connection for real
def test_healthz_turns_green_again_when_the_database_returns(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200


def test_retry_delay_examples_hold():
    assert doctest.testmod(outbox).failed == 0


@pytest.mark.django_db
def test_mail_is_queued_when_the_server_is_down_and_sent_by_the_retry(settings):
    settings.EMAIL_BACKEND = "kapstok.trust.mail.OutboxFallbackBackend"
    settings.KAPSTOK_MAIL_BACKEND = FAILING
    message = mail.EmailMultiAlternatives("Welkom", "Hallo Kees", to=["kees@example.invalid"])
    message.attach_alternative("<p>Hallo Kees</p>", "text/html")
    message.attach("lijst.csv", b"naam\nKees\n", "text/csv")
    assert message.send() == 1
    stored = OutboxMessage.objects.get()
    assert stored.sent_at is None and stored.attempts == 1
    assert "SMTPServerDisconnected" in stored.last_error

    later = stored.next_attempt_at
    assert outbox.outbox_flush(now=later) == (0, 1)  # still down: back-off grows
    stored.refresh_from_db()
    assert stored.attempts == 2
    assert stored.next_attempt_at - later == datetime.timedelta(minutes=2)

    settings.KAPSTOK_MAIL_BACKEND = LOCMEM
    assert outbox.outbox_flush(now=later) == (0, 1)  # not due yet
    assert outbox.outbox_flush(now=stored.next_attempt_at) == (1, 0)
    [sent] = mail.outbox
    assert sent.subject == "Welkom" and sent.to == ["kees@example.invalid"]
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][1] == "naam\nKees\n"  # text attachments come back as text


@pytest.mark.django_db
def test_mail_goes_straight_out_when_the_server_is_up(settings):
    settings.EMAIL_BACKEND = "kapstok.trust.mail.OutboxFallbackBackend"
    settings.KAPSTOK_MAIL_BACKEND = LOCMEM
    mail.send_mail("Hoi", "tekst", None, ["a@example.invalid"])
    assert len(mail.outbox) == 1
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_scheduler_retries_the_outbox_every_few_minutes(settings):
    settings.KAPSTOK_MAIL_BACKEND = LOCMEM
    OutboxMessage.objects.create(subject="Oud", to=["a@example.invalid"], attempts=1)
    [job] = [job for job in JOBS if job.name == "mail_outbox"]
    assert job.every_minutes == 5
    assert job.run() == "1 mails verstuurd, 0 wachtend"
    assert OutboxMessage.objects.get().sent_at <= timezone.now()


def assert_api_outage_problem(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    problem = json.loads(response.content)
    assert problem["title"] == "Dienst tijdelijk niet beschikbaar"
    assert problem["status"] == 503
    assert problem["type"] and problem["detail"]
    assert "<html" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_database_down_gives_the_api_a_problem_document_and_recovers(client, settings, debug):
    """Not the HTML page: a program reading the API gets JSON it can act on (RFC 9457)."""
    settings.DEBUG = debug  # with DEBUG on, ninja would otherwise answer with a traceback
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("weg")
    ):
        response = client.get("/api/v1/offices")
    assert_api_outage_problem(response)
    assert client.get("/api/v1/offices").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_database_down_while_loading_the_session_gives_the_api_a_problem_document(world, settings):
    """With 2FA on, a middleware reads the session before ninja runs: handler500 answers."""
    settings.KAPSTOK_REQUIRE_2FA = True
    client = Client(raise_request_exception=False)
    client.force_login(world.users["lead"])
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("weg")
    ):
        response = client.get("/api/v1/offices")
    assert_api_outage_problem(response)
    assert client.get("/api/v1/offices").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_database_down_on_a_page_still_gives_the_html_page(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("weg")
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "Kapstok is even niet bereikbaar" in response.content.decode()
