"""Meetings as iCalendar: one `.ics` per meeting and a personal feed behind a token.

The feed URL carries a signed token of the user's id (`django.core.signing`, own salt), so a
calendar app can subscribe without logging in; whoever holds the URL sees that person's
meetings, so the page tells people to keep it to themselves. Revoking is done by changing
`SECRET_KEY` or the salt's version (`FEED_SALT`).
"""

import datetime

from icalendar import Calendar, Event

from django.core import signing

from kapstok.core.links import absolute_url

FEED_SALT = "kapstok.peers.feed.v1"
PRODID = "-//POS//Kapstok//NL"


def feed_token(user) -> str:
    return signing.Signer(salt=FEED_SALT).sign(str(user.pk))


def user_id_from_token(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=FEED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def _event(meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@kapstok")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    event.add("url", absolute_url(meeting.get_absolute_url()))
    return event


def calendar_bytes(meetings, name: str) -> bytes:
    """An iCalendar document with one VEVENT per meeting."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
