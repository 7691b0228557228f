"""The to-do list on the start page: what each role finds, where each item leads, and what the
page costs.

Every item must link to the page where the thing is done, and the viewer must be able to open
that page: `assert_items_open` follows every link of a start page as that person.
"""

import datetime
import doctest
import re
from html import unescape

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core import todo as core_todo
from kapstok.home.todo import sections_for
from kapstok.influence.factories import EndorsementFactory, PositionFactory
from kapstok.influence.models import PositionStatus
from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import Delivery, DeliveryStatus, MessageStatus, SenderKind
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import MembershipClaim
from kapstok.progress.models import Signal
from kapstok.strategy.factories import (
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
    VoteFactory,
)
from kapstok.strategy.models import SessionPhase

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_doctests_of_the_to_do_item_hold():
    assert doctest.testmod(core_todo).failed == 0


# --- helpers -------------------------------------------------------------------------------


def items_of(user) -> list:
    return [item for section in sections_for(viewer_for(user)) for item in section.items]


def titles_of(user) -> list[str]:
    return [item.title for item in items_of(user)]


def todo_links(html: str) -> list[str]:
    """The links inside the to-do list of a rendered start page."""
    part = html[html.index('id="todo-heading"') : html.index('id="pages-heading"')]
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', part)]


def assert_items_open(client, user):
    """Every to-do link of the person's start page answers 200 to them."""
    client.force_login(user)
    links = todo_links(client.get("/start/").content.decode())
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, f"{link} answered {response.status_code}"
    return links


def deliver(message, entrepreneur, read=False):
    return Delivery.objects.create(
        message=message,
        entrepreneur=entrepreneur,
        status=DeliveryStatus.IN_APP,
        read_at=NOW if read else None,
    )


def sent_message(office, **kwargs):
    return OfficeMessageFactory(office=office, sent_at=NOW, **kwargs)


def signal(office, rule, severity="warning", params=None):
    return Signal.objects.create(
        office=office,
        rule=rule,
        severity=severity,
        params=params or {},
        opened_on=NOW.date(),
        last_seen_on=NOW.date(),
    )


def support_request(world, *, days_ago=0, answered=False, partner=None, office=None):
    from kapstok.support.models import Category, Message, SupportRequest

    category, _ = Category.objects.get_or_create(
        name="rechtsvorm", defaults={"first_response_days": 2, "resolution_days": 10}
    )
    request = SupportRequest.objects.create(
        office=office or world.office,
        category=category,
        description="Welke rechtsvorm past bij ons?\nWe twijfelen tussen vereniging en stichting.",
        created_by=world.users["lead"],
        created_at=NOW - datetime.timedelta(days=days_ago),
        partner=partner,
    )
    if answered:
        Message.objects.create(
            request=request, author=world.users["pos"], body="Een vereniging.", from_handler=True
        )
    return request


def meeting(office, *, days_ahead=30, roles=()):
    from kapstok.peers.models import Meeting

    starts = NOW + datetime.timedelta(days=days_ahead)
    created = Meeting.objects.create(
        scope="national",
        title=f"Kantorendag over {days_ahead} dagen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        location="Utrecht",
        invited_roles=list(roles),
    )
    if office:
        created.invited_offices.add(office)
    return created


def join_request(office, number=0):
    from kapstok.public.models import JoinRequest, JoinRequestStatus

    return JoinRequest.objects.create(
        office=office,
        full_name=f"Aanmelder {number}",
        business_name=f"Padel Aanmelder {number}",
        kvk_number=f"{90000000 + number}",
        email=f"aanmelder{number}@example.invalid",
        privacy_accepted_at=NOW,
        status=JoinRequestStatus.CONFIRMED,
        confirmed_at=NOW,
    )


# --- member --------------------------------------------------------------------------------


def test_member_is_asked_to_endorse_open_positions_not_yet_endorsed(world):
    open_one = PositionFactory(office=world.office, status=PositionStatus.OPEN, opened_at=NOW)
    endorsed = PositionFactory(office=world.office, status=PositionStatus.OPEN, opened_at=NOW)
    EndorsementFactory(position=endorsed, entrepreneur=world.member_entrepreneur)
    PositionFactory(office=world.office, status=PositionStatus.CONCEPT)
    PositionFactory(office=world.other_office, status=PositionStatus.OPEN, opened_at=NOW)
    titles = titles_of(world.users["member"])
    assert f"Steun het standpunt ‘{open_one.title}’" in titles
    assert not any(endorsed.title in title for title in titles)
    assert sum("Steun het standpunt" in title for title in titles) == 1


def test_member_is_asked_for_cards_and_for_the_dots_left(world):
    member = world.users["member"]
    collecting = StrategySessionFactory(office=world.office, phase=SessionPhase.COLLECT)
    voting = StrategySessionFactory(office=world.office, phase=SessionPhase.PRIORITISE)
    done = StrategySessionFactory(office=world.office, phase=SessionPhase.PRIORITISE)
    StrategySessionFactory(office=world.office, phase=SessionPhase.CLOSED)
    StrategySessionFactory(office=world.other_office, phase=SessionPhase.COLLECT)
    me = ParticipantFactory(session=voting, user=member)
    VoteFactory(participant=me, theme=ThemeFactory(session=voting))
    finished = ParticipantFactory(session=done, user=member)
    for _ in range(done.votes_per_participant):
        VoteFactory(participant=finished, theme=ThemeFactory(session=done))
    items = {item.url: item for item in items_of(member)}
    assert f"/sessie/{collecting.join_code}/" in items
    assert "Nog 2 van uw 3 stippen" in items[f"/sessie/{voting.join_code}/"].detail
    assert f"/sessie/{done.join_code}/" not in items
    assert sum("/sessie/" in url for url in items) == 2


def test_a_member_removed_from_a_session_is_not_asked_again(world):
    session = StrategySessionFactory(office=world.office, phase=SessionPhase.COLLECT)
    ParticipantFactory(session=session, user=world.users["member"], removed_at=NOW)
    assert not any("/sessie/" in item.url for item in items_of(world.users["member"]))


def test_member_finds_each_unread_message_one_click_from_reading_it(world, client):
    unread = sent_message(world.office, subject="Ledenavond in maart")
    read = sent_message(world.office, subject="Al gelezen")
    pending = sent_message(world.office, subject="Nog niet goedgekeurd", status="pending")
    deliver(unread, world.member_entrepreneur)
    deliver(read, world.member_entrepreneur, read=True)
    deliver(pending, world.member_entrepreneur)
    titles = titles_of(world.users["member"])
    assert "Lees het bericht ‘Ledenavond in maart’" in titles
    assert not any("Al gelezen" in t or "goedgekeurd" in t for t in titles)
    links = assert_items_open(client, world.users["member"])
    assert client.get("/start/").content.decode().count("Ledenavond in maart") == 0
    assert any("/netwerk/berichten/" in link for link in links)


def test_beyond_five_unread_messages_one_line_counts_the_rest(world):
    for number in range(7):
        deliver(sent_message(world.office, subject=f"Bericht {number}"), world.member_entrepreneur)
    items = [i for i in items_of(world.users["member"]) if "bericht" in i.title.lower()]
    assert len(items) == 6
    assert items[-1].title == "Nog 2 ongelezen berichten" and items[-1].count == 2
    assert items[-1].url == "/netwerk/berichten/"


def test_member_is_asked_to_answer_an_invitation_and_to_a_claim_of_another_office(world):
    invited = meeting(world.office)
    claim = MembershipClaim.objects.create(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=NOW.date(),
    )
    items = {item.url: item for item in items_of(world.users["member"])}
    assert items[invited.get_absolute_url()].title.startswith("Laat weten of u komt")
    assert f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/" in items
    assert "Kantoor Zwolle wil Yoga Marieke als lid tellen" in " ".join(
        item.title for item in items.values()
    )


def test_the_members_items_come_in_the_order_that_serves_them(world):
    member = world.users["member"]
    MembershipClaim.objects.create(
        office=world.other_office, entrepreneur=world.member_entrepreneur, joined_on=NOW.date()
    )
    meeting(world.office)
    deliver(sent_message(world.office), world.member_entrepreneur)
    StrategySessionFactory(office=world.office, phase=SessionPhase.COLLECT)
    PositionFactory(office=world.office, status=PositionStatus.OPEN, opened_at=NOW)
    titles = titles_of(member)
    order = ["Steun het", "Zet uw", "Lees het", "Laat weten", "Kantoor Zwolle wil"]
    assert [next(i for i, t in enumerate(titles) if t.startswith(s)) for s in order] == list(
        range(5)
    )


def test_consent_questions_are_not_to_do_items(world):
    assert items_of(world.users["member"]) == []


# --- lead ----------------------------------------------------------------------------------


def test_lead_sees_the_next_steps_of_the_signals_with_their_explanation(world, client):
    signal(world.office, "no_session", "critical", {"months": 6})
    signal(world.office, "shrinking", params={"months": 6, "before": 12, "now": 10})
    signal(world.other_office, "single_lead", params={"days": 90, "actions": 4})
    items = items_of(world.users["lead"])
    first, second = items[0], items[1]
    assert first.title.startswith("Plan een strategische sessie")
    assert first.urgency == core_todo.Urgency.URGENT
    assert "langer dan 6 maanden zonder strategische sessie" in first.detail
    assert first.url == "/netwerk/kantoren/kantoor-utrecht/sessies/nieuw/"
    assert "van 12 naar 10" in second.detail
    assert not any("één kartrekker" in item.detail for item in items)
    assert_items_open(client, world.users["lead"])


def test_lead_sees_join_requests_messages_to_approve_and_answers_from_pos(world, client):
    join_request(world.office)
    OfficeMessageFactory(
        office=world.office,
        status=MessageStatus.PENDING,
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=world.utrecht,
        sender_label="Gemeente Utrecht",
        subject="Word een vereniging",
    )
    answered = support_request(world, answered=True)
    support_request(world)  # not answered yet: nothing for the office to do
    claim_office = OfficeFactory()
    MembershipClaim.objects.create(
        office=world.office, entrepreneur=EntrepreneurFactory(), joined_on=NOW.date()
    )
    MembershipClaim.objects.create(
        office=claim_office, entrepreneur=EntrepreneurFactory(), joined_on=NOW.date()
    )
    titles = titles_of(world.users["lead"])
    assert "Beslis over de aanmelding van Padel Aanmelder 0" in titles
    assert "Keur het bericht van Gemeente Utrecht goed of af: ‘Word een vereniging’" in titles
    assert f"Nieuw antwoord op uw vraag: {answered.title}" in titles
    assert sum("Nieuw antwoord" in t for t in titles) == 1
    assert titles[-1] == "1 ondernemer moet het lidmaatschap nog bevestigen"
    assert_items_open(client, world.users["lead"])


def test_lead_sees_the_session_to_prepare_and_the_next_meeting(world, client):
    session = StrategySessionFactory(
        office=world.office, facilitator=world.users["lead"], phase=SessionPhase.COLLECT
    )
    StrategySessionFactory(
        office=world.office, starts_at=NOW + datetime.timedelta(days=60)
    )  # too far ahead
    answered = meeting(world.office, days_ahead=20)
    from kapstok.peers.models import MeetingRsvp

    MeetingRsvp.objects.create(meeting=answered, user=world.users["lead"], answer="yes")
    items = {item.url: item for item in items_of(world.users["lead"])}
    assert items[session.get_absolute_url()].title == f"Bereid de sessie voor: {session.title}"
    assert sum("/sessies/" in url for url in items) == 1
    assert items[answered.get_absolute_url()].title.startswith("Volgende bijeenkomst")
    assert items[answered.get_absolute_url()].urgency == core_todo.Urgency.INFO
    assert_items_open(client, world.users["lead"])


# --- partner -------------------------------------------------------------------------------


def test_partner_sees_sessions_to_run_and_requests_assigned_to_it(world, client):
    partner_user = world.users["partner"]
    held = StrategySessionFactory(
        office=world.office,
        facilitator=partner_user,
        phase=SessionPhase.CLUSTER,
        starts_at=NOW - datetime.timedelta(days=2),
    )
    StrategySessionFactory(office=world.office, facilitator=world.users["lead"])
    assigned = support_request(world, days_ago=1, partner=world.partner)
    support_request(world)  # POS's own
    items = {item.url: item for item in items_of(partner_user)}
    assert items[held.get_absolute_url()].title == f"Ga verder met de sessie: {held.title}"
    assert items[assigned.get_absolute_url()].title.startswith("Vraag van Kantoor Utrecht")
    assert len(items) == 2
    assert_items_open(client, partner_user)


# --- civil servant -------------------------------------------------------------------------


def test_civil_servant_sees_positions_received_rounds_and_own_waiting_messages(world, client):
    from kapstok.agreements.factories import RoleAgreementFactory

    received = PositionFactory(
        office=world.office,
        status=PositionStatus.SENT,
        municipality=world.utrecht,
        sent_at=NOW,
        endorsements_at_sending=7,
    )
    PositionFactory(office=world.office, status=PositionStatus.OPEN)  # internal still
    agreement = RoleAgreementFactory(office=world.office)
    OfficeMessageFactory(
        office=world.office,
        status=MessageStatus.PENDING,
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=world.utrecht,
        subject="Inspraakavond",
    )
    items = {item.url: item for item in items_of(world.users["civil_servant"])}
    assert "gesteund door 7 ondernemers" in items[received.get_absolute_url()].detail
    view_url = f"/netwerk/kantoren/kantoor-utrecht/rollenafspraak/versie-{agreement.version}/"
    assert items[view_url + "beeld/municipality/"].title.startswith("Geef uw beeld")
    assert any("Inspraakavond" in item.title for item in items.values())
    assert len(items) == 3
    assert_items_open(client, world.users["civil_servant"])


# --- POS -----------------------------------------------------------------------------------


def test_pos_sees_stalling_offices_with_the_reason_inline(world, client):
    from kapstok.representation.factories import LandscapeBusinessFactory

    signal(world.other_office, "no_session", "critical", {"months": 6})
    signal(world.other_office, "single_lead", params={"days": 90, "actions": 4})
    signal(world.office, "shrinking", params={"months": 6, "before": 12, "now": 10})
    LandscapeBusinessFactory(office=world.office)
    late = support_request(world, days_ago=20)
    support_request(world)  # within its norm
    items = items_of(world.users["pos"])
    zwolle, utrecht = items[0], items[2]
    assert zwolle.title == "Kantoor Zwolle" and zwolle.urgency == core_todo.Urgency.URGENT
    assert zwolle.detail.startswith("Geen strategische sessie: Het kantoor bestaat al langer")
    assert "Ook: alles hangt op één kartrekker." in zwolle.detail
    assert items[1].url == late.get_absolute_url()
    assert items[1].detail.startswith("Over de termijn.")
    assert utrecht.title == "Kantoor Utrecht" and "van 12 naar 10" in utrecht.detail
    assert items[3].title == "1 kantoor heeft nog geen landschap"
    assert "Kantoor Zwolle" in items[3].detail
    assert_items_open(client, world.users["pos"])


# --- researcher ----------------------------------------------------------------------------


def test_researcher_sees_waves_to_close_and_answers_to_code(world, client):
    from kapstok.coding.factories import build_study
    from kapstok.monitor.models import Wave

    study = build_study(world)
    today = timezone.localdate()
    Wave.objects.create(
        name="Monitor lopend",
        year=today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
        status="open",
    )
    titles = titles_of(world.users["researcher"])
    assert titles[0] == "Sluit de meetronde Monitor lopend"
    # Two open answers per response (goals and remark), two responses per wave.
    assert "Codeer 4 antwoorden van Monitor 2025" in titles
    assert_items_open(client, world.users["researcher"])
    from kapstok.coding import services

    answer = study.responses[(2025, "lead")].answers[0]
    services.coding_add(
        project=study.project,
        answer=answer,
        code=study.codes["leden"],
        coder=world.users["researcher"],
        start=0,
        end=5,
    )
    assert "Codeer 3 antwoorden van Monitor 2025" in titles_of(world.users["researcher"])


# --- what the page costs -------------------------------------------------------------------


def _grow(world, n: int) -> None:
    """n of everything that lands on a start page, for every persona."""
    for number in range(n):
        office = OfficeFactory(municipalities=[world.utrecht])
        MembershipFactory(office=office, entrepreneur=world.member_entrepreneur)
        MembershipClaim.objects.create(
            office=OfficeFactory(), entrepreneur=world.member_entrepreneur, joined_on=NOW.date()
        )
        MembershipClaim.objects.create(
            office=world.office, entrepreneur=EntrepreneurFactory(), joined_on=NOW.date()
        )
        signal(office, "no_session", "critical", {"months": 6})
        position = PositionFactory(office=world.office, status=PositionStatus.OPEN, opened_at=NOW)
        EndorsementFactory(position=position)
        PositionFactory(
            office=world.office, status=PositionStatus.SENT, sent_at=NOW, municipality=world.utrecht
        )
        StrategySessionFactory(office=world.office, phase=SessionPhase.COLLECT)
        StrategySessionFactory(office=world.office, facilitator=world.users["partner"])
        deliver(sent_message(world.office), world.member_entrepreneur)
        OfficeMessageFactory(
            office=world.office,
            status=MessageStatus.PENDING,
            sender_kind=SenderKind.MUNICIPALITY,
            municipality=world.utrecht,
        )
        join_request(world.office, number)
        support_request(world, days_ago=20, answered=True, partner=world.partner)
        meeting(world.office, days_ahead=10 + number, roles=["lead", "member"])
        for rule in ("no_session", "shrinking", "single_lead", "no_activity"):
            signal(OfficeFactory(), rule)


def _queries(client, user, *, cold=True) -> int:
    """The queries of one visit: cold as the first after a write (nothing cached), or warm."""
    client.force_login(user)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/start/").status_code == 200
    return len(queries)


PERSONAS = ["pos", "lead", "member", "civil_servant", "partner", "researcher"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_start_page_costs_the_same_with_more_data(
    world, client, django_assert_max_num_queries, persona
):
    from kapstok.coding.factories import build_study

    build_study(world)
    for rule in ("no_session", "shrinking", "single_lead", "no_activity"):
        signal(world.office, rule)
    _grow(world, 6)
    client.force_login(world.users[persona])
    # From scratch, as the first visit after a write: the parts that are the same for everyone
    # with the same grants are computed, and for a member the open sessions and the coming
    # meetings are asked apart from their own cards, dots and answers.
    with django_assert_max_num_queries(19):
        client.get("/start/")
    cold = _queries(client, world.users[persona])
    warm = _queries(client, world.users[persona], cold=False)
    _grow(world, 6)
    assert _queries(client, world.users[persona]) == cold
    assert _queries(client, world.users[persona], cold=False) == warm <= cold


# A visit within a minute of another and without a write in between: only what is the
# person's own is asked (the session, the account, the grants, the generation, and for a
# member their answers to the open check, cards and dots, unread messages, answered
# questions and meeting answers).
WARM_QUERIES = {"lead": 6, "member": 10, "pos": 11, "civil_servant": 9, "partner": 9}


@pytest.mark.parametrize("persona", sorted(WARM_QUERIES))
def test_a_second_visit_asks_only_what_is_the_persons_own(world, client, persona):
    _grow(world, 6)
    cold = _queries(client, world.users[persona])
    warm = _queries(client, world.users[persona], cold=False)
    assert warm <= WARM_QUERIES[persona] < cold
