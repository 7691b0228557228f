"""Meetings on the start page and in a calendar, and replies on the exchange board.

Specifications of `peers.selectors.meetings_to_answer` (invited by office or by role, asked
until answered, then the next meeting for information), the calendar feed's token, and the
exchange board's reply and solve.
"""

import datetime

import icalendar
import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core.todo import Urgency
from kapstok.peers import calendar, exchange
from kapstok.peers.models import ExchangeReply, Meeting, MeetingRsvp, RsvpAnswer
from kapstok.peers.selectors import meetings_to_answer

pytestmark = pytest.mark.django_db


def meeting(title, days, *, offices=(), roles=(), location="", **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    made = Meeting.objects.create(
        title=title,
        scope=fields.pop("scope", "national"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        invited_roles=list(roles),
        location=location,
        **fields,
    )
    made.invited_offices.set(offices)
    return made


def items(world, persona):
    return meetings_to_answer(viewer_for(world.users[persona]))


def answer(world, persona, meeting_, value):
    MeetingRsvp.objects.create(meeting=meeting_, user=world.users[persona], answer=value)


# --- invitations ---------------------------------------------------------------------------


def test_an_invited_office_asks_each_of_its_people_whether_they_come(world):
    meeting("Regiobijeenkomst", 10, offices=[world.office], location="Utrecht")
    for persona in ("lead", "member", "civil_servant", "partner"):
        (item,) = items(world, persona)
        assert item.title == "Laat weten of u komt: Regiobijeenkomst"
        assert item.detail.endswith(", Utrecht.")
    assert items(world, "other_lead") == []


def test_a_role_invitation_reaches_only_that_role(world):
    meeting("Kartrekkersdag", 30, roles=["lead"])
    assert len(items(world, "lead")) == 1 and len(items(world, "other_lead")) == 1
    assert items(world, "member") == []


def test_an_office_and_a_role_together_reach_that_role_in_that_office(world):
    meeting("Overleg", 5, offices=[world.office], roles=["lead"])
    assert len(items(world, "lead")) == 1
    assert items(world, "member") == [] and items(world, "other_lead") == []


def test_a_meeting_without_invitations_asks_nobody(world):
    meeting("Intern", 5)
    assert items(world, "lead") == [] and items(world, "member") == []
    assert [item.urgency for item in items(world, "pos")] == [Urgency.INFO]  # POS runs it


def test_without_a_place_the_item_says_it_follows(world):
    meeting("Kartrekkersdag", 30, roles=["lead"])
    (item,) = items(world, "lead")
    assert item.detail.endswith(", plaats volgt.")


def test_a_past_meeting_asks_nothing(world):
    meeting("Voorbij", -2, roles=["lead"])
    assert items(world, "lead") == []


# --- after answering -------------------------------------------------------------------------


def test_after_saying_yes_the_meeting_shows_as_the_next_one_for_information(world):
    coming = meeting("Kartrekkersdag", 30, roles=["lead"])
    answer(world, "lead", coming, RsvpAnswer.YES)
    (item,) = items(world, "lead")
    assert item.title == "Volgende bijeenkomst: Kartrekkersdag"
    assert item.urgency == Urgency.INFO


def test_after_saying_no_the_meeting_is_gone_from_the_start_page(world):
    coming = meeting("Kartrekkersdag", 30, roles=["lead"])
    answer(world, "lead", coming, RsvpAnswer.NO)
    assert items(world, "lead") == []


def test_open_questions_come_first_and_only_one_next_meeting_is_shown(world):
    first = meeting("Eerste", 3, roles=["lead"])
    second = meeting("Tweede", 6, roles=["lead"])
    meeting("Derde", 9, roles=["lead"])
    answer(world, "lead", first, RsvpAnswer.YES)
    answer(world, "lead", second, RsvpAnswer.YES)
    titles = [item.title for item in items(world, "lead")]
    assert titles == ["Laat weten of u komt: Derde", "Volgende bijeenkomst: Eerste"]


def test_pos_sees_the_next_meeting_it_manages_without_being_asked(world):
    meeting("Landelijk", 12)
    (item,) = items(world, "pos")
    assert item.title == "Volgende bijeenkomst: Landelijk"


def test_an_anonymous_visitor_has_no_meetings(world):
    from kapstok.accounts.access import ANONYMOUS

    meeting("Open", 3, roles=["lead"], is_public=True)
    assert meetings_to_answer(ANONYMOUS) == []


# --- the calendar ------------------------------------------------------------------------


def test_a_feed_token_names_its_user_and_a_changed_one_names_nobody(world):
    token = calendar.feed_token(world.users["lead"])
    assert calendar.user_id_from_token(token) == world.users["lead"].pk
    assert calendar.user_id_from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert calendar.user_id_from_token("onzin") is None


def test_the_calendar_holds_one_event_per_meeting_with_place_and_agenda(world):
    with_place = meeting("Dag", 5, location="Utrecht", agenda="1. Welkom")
    bare = meeting("Avond", 6)
    document = icalendar.Calendar.from_ical(calendar.calendar_bytes([with_place, bare], "Mijn"))
    assert str(document["x-wr-calname"]) == "Mijn"
    events = {str(e["summary"]): e for e in document.walk("VEVENT")}
    assert set(events) == {"Dag", "Avond"}
    assert str(events["Dag"]["location"]) == "Utrecht"
    assert str(events["Dag"]["description"]) == "1. Welkom"
    assert "location" not in events["Avond"] and "description" not in events["Avond"]
    assert str(events["Dag"]["uid"]) == f"meeting-{with_place.pk}@kapstok"


# --- the exchange board --------------------------------------------------------------------


def test_a_reply_is_kept_with_its_post_and_solving_twice_keeps_the_first_moment(world):
    post = exchange.post_create(
        office=world.office,
        author=world.users["member"],
        kind="request",
        topic="space",
        title="Zaal gezocht",
        body="Voor dinsdagochtend.",
    )
    exchange.post_reply(post=post, author=world.users["lead"], body="Bij mij kan het.")
    assert ExchangeReply.objects.get(post=post).author == world.users["lead"]
    exchange.post_solve(post=post)
    solved = post.solved_at
    exchange.post_solve(post=post)
    post.refresh_from_db()
    assert post.solved_at == solved
