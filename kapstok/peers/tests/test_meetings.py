"""Meetings: invitations by office or role, RSVP (not after the start), .ics and the feed."""

import datetime

import icalendar
import pytest

from kapstok.peers.calendar import feed_token
from kapstok.peers.models import Meeting, MeetingRsvp

MEETINGS = "/netwerk/bijeenkomsten/"
FUTURE = datetime.datetime(2099, 3, 1, 10, tzinfo=datetime.UTC)


def _meeting(offices=(), roles=(), starts_at=FUTURE, **extra):
    meeting = Meeting.objects.create(
        scope=extra.pop("scope", "national"),
        title=extra.pop("title", "Landelijke kantorendag"),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        invited_roles=list(roles),
        **extra,
    )
    meeting.invited_offices.set(offices)
    return meeting


def test_pos_creates_a_meeting_for_leads(world, login):
    response = login(world.users["pos"]).post(
        f"{MEETINGS}nieuw/",
        {
            "scope": "national",
            "title": "Kartrekkersdag",
            "starts_at": "2099-04-01T10:00",
            "ends_at": "2099-04-01T15:00",
            "location": "Utrecht",
            "agenda": "1. Welkom",
            "invited_roles": ["lead"],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.invited_roles == ["lead"] and meeting.created_by == world.users["pos"]


def test_a_meeting_without_invitees_is_refused(world, login):
    response = login(world.users["pos"]).post(
        f"{MEETINGS}nieuw/",
        {
            "scope": "national",
            "title": "Leeg",
            "starts_at": "2099-04-01T10:00",
            "ends_at": "2099-04-01T15:00",
        },
    )
    assert "Nodig minstens één kantoor of één rol uit." in response.content.decode()
    assert not Meeting.objects.exists()


def test_role_invitation_reaches_leads_of_every_office(world, client):
    meeting = _meeting(roles=["lead"])
    for persona, status in [("lead", 200), ("other_lead", 200), ("member", 404), ("outsider", 404)]:
        client.force_login(world.users[persona])
        assert client.get(meeting.get_absolute_url()).status_code == status, persona


def test_roles_within_invited_offices(world, client):
    meeting = _meeting(offices=[world.office], roles=["member"])
    for persona, status in [("member", 200), ("lead", 404), ("other_member", 404)]:
        client.force_login(world.users[persona])
        assert client.get(meeting.get_absolute_url()).status_code == status, persona


def test_member_rsvps(world, login):
    meeting = _meeting(offices=[world.office])
    login(world.users["member"]).post(f"{MEETINGS}{meeting.pk}/antwoord/", {"answer": "yes"})
    assert MeetingRsvp.objects.get().answer == "yes"


def test_rsvp_after_the_meeting_is_refused_in_dutch(world, login):
    past = datetime.datetime(2020, 1, 1, 10, tzinfo=datetime.UTC)
    meeting = _meeting(offices=[world.office], starts_at=past)
    response = login(world.users["member"]).post(
        f"{MEETINGS}{meeting.pk}/antwoord/", {"answer": "yes"}, follow=True
    )
    assert "aanmelden kan niet meer" in response.content.decode()
    assert not MeetingRsvp.objects.exists()


def test_pos_records_attendance(world, login):
    meeting = _meeting(offices=[world.office])
    for persona in ("lead", "member"):
        MeetingRsvp.objects.create(meeting=meeting, user=world.users[persona], answer="yes")
    login(world.users["pos"]).post(
        f"{MEETINGS}{meeting.pk}/aanwezigheid/", {"present": [world.users["member"].pk]}
    )
    attended = dict(MeetingRsvp.objects.values_list("user_id", "attended"))
    assert attended == {world.users["lead"].pk: False, world.users["member"].pk: True}


def test_ics_parses_back(world, login):
    meeting = _meeting(offices=[world.office], location="Sportcentrum", agenda="1. Welkom")
    response = login(world.users["member"]).get(f"{MEETINGS}{meeting.pk}/uitnodiging.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Landelijke kantorendag"
    assert str(event["location"]) == "Sportcentrum"
    assert event.decoded("dtstart") == FUTURE


def test_personal_feed_lists_only_own_meetings(world, client):
    mine = _meeting(offices=[world.office], title="Voor Utrecht")
    _meeting(offices=[world.other_office], title="Voor Zwolle")
    response = client.get(f"/netwerk/agenda/{feed_token(world.users['member'])}/bijeenkomsten.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [mine.title]


@pytest.mark.parametrize("token", ["1", "1:forged", "nonsense"])
def test_feed_with_a_bad_token_is_not_found(world, client, token):
    assert client.get(f"/netwerk/agenda/{token}/bijeenkomsten.ics").status_code == 404


def test_public_meetings_for_the_public_page(world):
    public = _meeting(offices=[world.office], is_public=True)
    _meeting(offices=[world.office])
    assert list(Meeting.objects.public_for(world.office)) == [public]
