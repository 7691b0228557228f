"""Absolute links come from SITE_URL: every mail and calendar file, whatever host was used.

`PORT=8101 make demo` used to send links to port 8000. Here the site answers on the test
client's host (`testserver`) while SITE_URL says `http://example.test:8101`: each mail the flows
below send, and each calendar file, must link to that address and to no other.
"""

import datetime
import os
import re
import shutil
import subprocess

import icalendar
import pytest

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client

from kapstok.accounts.access import viewer_for
from kapstok.core.links import absolute_url
from kapstok.peers.calendar import feed_token
from kapstok.peers.exchange import exchange_digest_send, post_create
from kapstok.peers.models import Meeting
from kapstok.strategy import services as strategy_services
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

SITE = "http://example.test:8101"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def assert_links_to_site(text: str, where: str):
    urls = URL.findall(text)
    assert urls, f"no link in {where}"
    # Links to other sites (a member's website, the privacy authority) may appear; none of ours
    # may point anywhere but SITE_URL.
    ours = [url for url in urls if "example.test" in url or "testserver" in url or ":8000" in url]
    assert ours, f"no link to the site in {where}: {urls}"
    assert all(url.startswith(SITE + "/") for url in ours), f"{where}: {ours}"


def assert_every_mail_links_to_site():
    assert mail.outbox
    for message in mail.outbox:
        alternatives = getattr(message, "alternatives", [])
        parts = [message.body] + [content for content, _type in alternatives]
        for part in parts:
            assert_links_to_site(part, f"mail {message.subject!r}")


def test_absolute_url_puts_the_path_on_site_url():
    assert absolute_url("/sessie/?code=AB12") == f"{SITE}/sessie/?code=AB12"
    with pytest.raises(ValueError):
        absolute_url("//evil.example/")


def test_join_confirmation_and_the_leads_notice(world):
    join_data = {
        "full_name": "Sanne Sport",
        "business_name": "Padel Sanne",
        "kvk_number": "12345678",
        "branches": [str(world.member_entrepreneur.branches.first().pk)],
        "email": "sanne@example.invalid",
        "privacy": "on",
    }
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    visitor.post("/kantoren/kantoor-utrecht/aanmelden/", join_data)
    [confirmation] = mail.outbox
    link = re.search(rf"{re.escape(SITE)}(/aanmelden/bevestigen/\S+/)", confirmation.body)
    assert link, confirmation.body
    visitor.post(link.group(1))
    assert len(mail.outbox) == 2  # the lead is told, with a link to the request
    assert_every_mail_links_to_site()


def test_session_invitation_its_qr_code_and_the_join_link_on_the_pages(world, login):
    session = StrategySessionFactory(office=world.office, facilitator=world.users["lead"])
    strategy_services.session_invite(session=session, actor=world.users["lead"])
    assert_every_mail_links_to_site()
    assert f"{SITE}/sessie/?code={session.join_code}" in mail.outbox[0].body

    client = login(world.users["lead"])
    detail = client.get(session.get_absolute_url()).content.decode()
    assert f"{SITE}/sessie/?code={session.join_code}" in detail
    projector = client.get(f"{session.get_absolute_url()}projectie/").content.decode()
    assert f"{SITE}/sessie/" in projector  # "Doe mee op ...", next to the QR code
    assert "testserver" not in projector


def test_meeting_calendar_file_and_feed(world, login):
    starts = datetime.datetime(2099, 3, 1, 10, tzinfo=datetime.UTC)
    meeting = Meeting.objects.create(
        scope="national",
        title="Landelijke kantorendag",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    meeting.invited_offices.set([world.office])
    client = login(world.users["member"])

    ics = client.get(f"/netwerk/bijeenkomsten/{meeting.pk}/uitnodiging.ics")
    feed = Client().get(f"/netwerk/agenda/{feed_token(world.users['member'])}/bijeenkomsten.ics")
    for response in (ics, feed):
        [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["url"]) == f"{SITE}{meeting.get_absolute_url()}"
        assert_links_to_site(response.content.decode(), "calendar file")

    listing = client.get("/netwerk/bijeenkomsten/").content.decode()
    assert f"{SITE}/netwerk/agenda/" in listing  # the address to subscribe to


def test_password_reset_mail(world):
    cache.clear()
    Client().post("/account/wachtwoord-vergeten/", {"email": world.users["member"].email})
    [message] = mail.outbox
    assert f"{SITE}/account/wachtwoord-herstellen/" in message.body
    assert_every_mail_links_to_site()


def test_messages_through_the_office_approval_and_unsubscribe(
    world, django_capture_on_commit_callbacks, settings, tmp_path
):
    from kapstok.messaging import services as messaging_services

    settings.MEDIA_ROOT = tmp_path
    user = world.users["civil_servant"]
    with django_capture_on_commit_callbacks(execute=True):
        message = messaging_services.message_compose(
            office=world.office,
            viewer=viewer_for(user),
            author=user,
            subject="Word een vereniging",
            body="Dan kunnen wij u een opdracht geven.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        messaging_services.message_approve(message=message, actor=world.users["lead"])
    assert len(mail.outbox) >= 2  # the lead's approval request, then the members' mail
    assert any("/afmelden/" in m.body for m in mail.outbox)
    assert_every_mail_links_to_site()


def test_exchange_digest(world):
    post_create(
        office=world.office,
        author=world.users["lead"],
        kind="offer",
        topic="space",
        title="200 m² zaal vrij op dinsdag",
        body="",
    )
    monday = datetime.datetime(2026, 11, 30, 7, tzinfo=datetime.UTC)
    assert exchange_digest_send(monday) > 0
    assert_every_mail_links_to_site()


def _make_dry_run(*args: str, **env: str) -> str:
    """`make -n ...` (print the commands, run nothing) without the test run's SITE_URL."""
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    result = subprocess.run(
        ["make", "-n", *args],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_demo_links_to_its_own_port_unless_told_otherwise():
    assert set(re.findall(r'SITE_URL="([^"]*)"', _make_dry_run("demo", "PORT=8101"))) == {
        "http://127.0.0.1:8101"
    }
    given = _make_dry_run("demo", "PORT=8101", SITE_URL="https://demo.example.nl")
    assert set(re.findall(r'SITE_URL="([^"]*)"', given)) == {"https://demo.example.nl"}
