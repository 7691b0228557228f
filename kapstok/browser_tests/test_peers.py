"""Connecting offices in a browser: a lead opens the peer offices, reads a practice, answers a
meeting invitation and posts an offer that meets a member's request."""

import datetime

import pytest
from playwright.sync_api import expect

from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.peers.exchange import post_create
from kapstok.peers.models import ExchangePost, Meeting, MeetingRsvp, Practice
from kapstok.peers.services import practice_save

pytestmark = pytest.mark.browser


@pytest.fixture
def peers_world(live_world):
    world = live_world
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", label_lat=52.16)
    OfficeFactory(name="Kantoor Amersfoort", municipalities=[amersfoort])
    world.practice = practice_save(
        practice=Practice(
            office=world.other_office,
            title="Lokale sportdag op het marktplein",
            what="Veertig aanbieders gaven een proefles.",
            result="Vier nieuwe leden.",
            status="published",
        )
    )
    starts = datetime.datetime(2099, 5, 1, 10, tzinfo=datetime.UTC)
    world.meeting = Meeting.objects.create(
        scope="national",
        title="Landelijke kartrekkersdag",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=5),
        invited_roles=["lead"],
    )
    world.request = post_create(
        office=world.office,
        author=world.users["member"],
        kind="request",
        topic="space",
        title="Ruimte gezocht voor bootcamp",
        body="",
    )
    return world


def test_lead_connects_with_other_offices(page, live_server, peers_world, sign_in):
    sign_in(page, peers_world.users["lead"])
    page.goto("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    page.get_by_role("link", name="Collega-kantoren").click()
    expect(page.get_by_role("heading", name="Kantoor Amersfoort")).to_be_visible()

    page.goto("/netwerk/praktijkvoorbeelden/")
    page.get_by_label("Zoeken").fill("sportdagen")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Lokale sportdag op het marktplein").click()
    expect(page.get_by_text("Vier nieuwe leden.")).to_be_visible()

    page.goto("/netwerk/bijeenkomsten/")
    page.get_by_role("link", name="Landelijke kartrekkersdag").click()
    page.get_by_label("Uw antwoord").select_option("yes")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Uw antwoord: ik kom.")).to_be_visible()
    assert MeetingRsvp.objects.get().answer == "yes"

    page.goto("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    page.get_by_role("link", name="Uitwisselbord").click()
    page.get_by_label("Soort").select_option("offer")
    page.get_by_label("Over").select_option("space")
    page.get_by_label("Titel").fill("200 m² zaal vrij op dinsdag")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_role("heading", name="Wie zoekt dit?")).to_be_visible()
    expect(page.get_by_role("link", name="Ruimte gezocht voor bootcamp")).to_be_visible()
    assert ExchangePost.objects.filter(kind="offer").count() == 1
