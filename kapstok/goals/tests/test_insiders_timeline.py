"""Insiders: the office timeline shows a line only when the viewer may open what it speaks of.

Replays the finding: the municipality and partners read on the timeline the names of members
who are not listed publicly ("X is lid geworden") and the subjects of messages they may not
open; the lines of sessions, positions and contributions went to everyone with an internal view.
"""

import datetime
import importlib
import re

import pytest

from django.apps import apps

from kapstok.accounts.access import viewer_for
from kapstok.influence.models import Position, PositionStatus
from kapstok.messaging import services as messaging
from kapstok.municipality.models import Contribution
from kapstok.municipality.services import contribution_record
from kapstok.network.factories import EntrepreneurFactory, MunicipalityFactory
from kapstok.network.models import EventKind, OfficeEvent
from kapstok.network.rules import EventShown, office_event_shown
from kapstok.network.services import membership_add, membership_end, office_event_record
from kapstok.strategy.factories import StrategySessionFactory
from kapstok.strategy.services import session_save

TIMELINE = "/netwerk/kantoren/kantoor-utrecht/kapstok/tijdlijn/"
OFFICE_PEOPLE = ["pos", "lead", "member", "civil_servant", "partner"]


def _timeline(client, world, persona) -> str:
    client.force_login(world.users[persona])
    response = client.get(TIMELINE)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def newcomer(world):
    """A business that joins Kantoor Utrecht without being listed publicly, then leaves."""
    business = EntrepreneurFactory(business_name="Sportschool Stille Vennoot")
    membership = membership_add(
        office=world.office,
        entrepreneur=business,
        joined_on=datetime.date(2025, 1, 1),
        actor=world.users["lead"],
    )
    membership_end(
        membership=membership, left_on=datetime.date(2025, 6, 1), actor=world.users["lead"]
    )
    return business


@pytest.mark.parametrize("persona", ["civil_servant", "partner"])
def test_municipality_and_partner_learn_that_a_member_joined_not_who(
    persona, world, client, newcomer
):
    html = _timeline(client, world, persona)
    assert "Stille Vennoot" not in html
    assert "Er is een nieuw lid bijgekomen." in html
    assert "Een lid heeft het kantoor verlaten." in html


@pytest.mark.parametrize("persona", ["pos", "lead", "member"])
def test_people_who_see_every_member_read_who_joined(persona, world, client, newcomer):
    html = _timeline(client, world, persona)
    assert "Sportschool Stille Vennoot is lid geworden." in html
    assert "Sportschool Stille Vennoot is geen lid meer." in html


def test_an_anonymised_line_does_not_name_who_added_the_member(world, client, newcomer):
    html = _timeline(client, world, "civil_servant")
    assert "Kees Kartrekker" not in html


@pytest.fixture
def lead_message(world):
    """A message the lead sent to the office's members; the municipality may not open it."""
    return messaging.message_compose(
        office=world.office,
        viewer=viewer_for(world.users["lead"]),
        author=world.users["lead"],
        subject="Geheime ledenvergadering",
        body="Alleen voor leden.",
    )


@pytest.mark.parametrize("persona", ["civil_servant", "partner", "member"])
def test_a_message_line_is_hidden_from_who_may_not_open_the_message(
    persona, world, client, lead_message
):
    assert "Geheime ledenvergadering" not in _timeline(client, world, persona)


@pytest.mark.parametrize("persona", ["pos", "lead"])
def test_a_message_line_is_shown_to_who_may_open_it(persona, world, client, lead_message):
    html = _timeline(client, world, persona)
    assert "Geheime ledenvergadering" in html
    assert f'href="{lead_message.get_absolute_url()}"' in html


def test_the_municipality_sees_the_line_of_its_own_message(world, client):
    messaging.message_compose(
        office=world.office,
        viewer=viewer_for(world.users["civil_servant"]),
        author=world.users["civil_servant"],
        subject="Nieuwe subsidieregeling",
        body="Graag doorsturen.",
    )
    html = _timeline(client, world, "civil_servant")
    assert "wacht op goedkeuring" in html
    assert "wacht op goedkeuring" not in _timeline(client, world, "member")


def test_session_lines_are_for_those_who_may_open_the_sessions(world, client):
    session = StrategySessionFactory.build(office=world.office, title="Sessie over de huurprijzen")
    session_save(session=session, actor=world.users["lead"])
    for persona in ("lead", "member", "partner", "pos"):
        assert "Sessie over de huurprijzen" in _timeline(client, world, persona), persona
    assert "Sessie over de huurprijzen" not in _timeline(client, world, "civil_servant")


def test_a_position_line_is_shown_only_to_who_may_open_the_position(world, client):
    zwolle_only = Position.objects.create(
        office=world.office,
        title="Standpunt aan een andere gemeente",
        body="Tekst.",
        status=PositionStatus.SENT,
        municipality=MunicipalityFactory(code="GM0999", name="Elders"),
        created_by=world.users["lead"],
    )
    office_event_record(
        office=world.office,
        kind=EventKind.POSITION,
        summary=f"Standpunt verstuurd: {zwolle_only.title}",
        url=zwolle_only.get_absolute_url(),
    )
    for persona in ("lead", "member", "pos"):
        assert zwolle_only.title in _timeline(client, world, persona), persona
    for persona in ("civil_servant", "partner"):
        assert zwolle_only.title not in _timeline(client, world, persona), persona


def test_a_contribution_line_is_not_for_partners_or_the_municipality(world, client):
    contribution_record(
        contribution=Contribution(
            office=world.office,
            municipality=world.utrecht,
            kind="money",
            amount=600,
            given_on=datetime.date(2026, 3, 1),
            purpose="Eenmalig uit het sportakkoord",
        ),
        actor=world.users["lead"],
    )
    for persona in ("lead", "member", "pos"):
        assert "sportakkoord" in _timeline(client, world, persona), persona
    for persona in ("civil_servant", "partner"):
        assert "sportakkoord" not in _timeline(client, world, persona), persona


def test_a_line_linking_outside_the_office_is_left_out(world, client):
    office_event_record(
        office=world.office,
        kind=EventKind.OFFICE_UPDATED,
        summary="Verwijst naar Zwolle",
        url="/netwerk/kantoren/kantoor-zwolle/kapstok/",
    )
    assert "Verwijst naar Zwolle" not in _timeline(client, world, "lead")


@pytest.mark.parametrize("persona", OFFICE_PEOPLE)
def test_every_link_on_the_timeline_opens_for_its_reader(
    persona, world, client, newcomer, lead_message
):
    session_save(
        session=StrategySessionFactory.build(office=world.office), actor=world.users["lead"]
    )
    html = _timeline(client, world, persona)
    [lines] = re.findall(r'<ol class="timeline">(.*?)</ol>', html, re.S)
    links = re.findall(r'href="([^"]+)"', lines)
    for link in links:
        assert client.get(link).status_code == 200, (persona, link)


def test_every_kind_of_line_has_a_rule(world):
    """POS sees every line: a kind without a rule in `office_event_shown` would be hidden."""
    pos = viewer_for(world.users["pos"])
    for kind in EventKind.values:
        assert office_event_shown(pos, world.office, kind) == EventShown.FULL, kind


def test_someone_outside_the_office_is_shown_nothing(world):
    outsider = viewer_for(world.users["other_lead"])
    for kind in EventKind.values:
        assert office_event_shown(outsider, world.office, kind) == EventShown.HIDDEN, kind


def test_older_lines_get_their_kind_back_from_their_link_or_summary(world, lead_message):
    OfficeEvent.objects.update(kind=EventKind.OFFICE_UPDATED)
    office_event_record(
        office=world.office,
        kind=EventKind.OFFICE_UPDATED,
        summary="Contribution from the municipality of Utrecht: a hall",
    )
    office_event_record(
        office=world.office, kind=EventKind.OFFICE_UPDATED, summary="Kantoorgegevens"
    )
    migration = importlib.import_module(
        "kapstok.network.migrations.0005_event_kinds_for_timeline_rules"
    )
    migration.reclassify(apps, None)
    kinds = dict(OfficeEvent.objects.values_list("summary", "kind"))
    assert kinds["Contribution from the municipality of Utrecht: a hall"] == "contribution"
    assert kinds["Kantoorgegevens"] == "office_updated"
    message_kinds = set(
        OfficeEvent.objects.filter(url=lead_message.get_absolute_url()).values_list(
            "kind", flat=True
        )
    )
    assert message_kinds == {"message"}
