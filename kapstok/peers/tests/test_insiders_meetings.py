"""Insiders: a lead editing a meeting stays within what they may manage.

Replays the finding: Kees, lead of Kantoor Utrecht, edited Utrecht's meeting and set its host
(`office`) and `invited_offices` to any office. Rule (`peers.services.meeting_save`): POS sets
anything; a lead keeps an office they lead as host, keeps the kind POS chose, adds to the
invitation only offices they lead (offices POS invited may stay), and cannot turn it into an
invitation for a role across the whole country.
"""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from kapstok.accounts.access import viewer_for
from kapstok.peers import services
from kapstok.peers.forms import MeetingForm
from kapstok.peers.models import Meeting

MEETINGS = "/netwerk/bijeenkomsten/"
STARTS = datetime.datetime(2099, 3, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def meeting(world):
    """Utrecht's own members' evening, made by POS and managed by Utrecht's lead."""
    meeting = Meeting.objects.create(
        scope="office",
        office=world.office,
        title="Ledenavond Utrecht",
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=2),
    )
    meeting.invited_offices.set([world.office])
    return meeting


def _data(world, **changes):
    data = {
        "scope": "office",
        "office": world.office.pk,
        "title": "Ledenavond Utrecht",
        "starts_at": "2099-03-01T11:00",
        "ends_at": "2099-03-01T13:00",
        "agenda": "1. Welkom",
        "invited_offices": [world.office.pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _state(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    offices = sorted(meeting.invited_offices.values_list("pk", flat=True))
    return (meeting.scope, meeting.office_id, meeting.title, offices, meeting.invited_roles)


def _edit(login, world, meeting, persona="lead", **changes):
    return login(world.users[persona]).post(
        f"{MEETINGS}{meeting.pk}/bewerken/", _data(world, **changes)
    )


OVERREACH = {
    "host": lambda w: {"office": w.other_office.pk},
    "invite-other": lambda w: {"invited_offices": [w.office.pk, w.other_office.pk]},
    "only-other": lambda w: {"invited_offices": [w.other_office.pk]},
    # no office named: the invitation would go to every lead in the country
    "roles-nationwide": lambda w: {"invited_offices": None, "invited_roles": ["lead"]},
    "scope": lambda w: {"scope": "national"},
}


@pytest.mark.parametrize("overreach", OVERREACH)
def test_a_lead_cannot_reach_beyond_their_own_office(overreach, world, login, meeting):
    before = _state(meeting)
    response = _edit(login, world, meeting, title="Gewijzigd", **OVERREACH[overreach](world))
    assert response.status_code == 200  # the form again, with the reason
    assert response.context["form"].errors
    assert _state(meeting) == before


def test_a_lead_edits_their_own_meeting(world, login, meeting):
    response = _edit(login, world, meeting, title="Ledenavond (verzet)")
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).title == "Ledenavond (verzet)"


def test_a_lead_keeps_an_office_pos_invited(world, login, meeting):
    meeting.invited_offices.add(world.other_office)
    both = [world.office.pk, world.other_office.pk]
    assert _edit(login, world, meeting, invited_offices=both).status_code == 302
    assert _state(meeting)[3] == sorted(both)
    assert _edit(login, world, meeting).status_code == 302  # and may drop it
    assert _state(meeting)[3] == [world.office.pk]


def test_the_form_offers_a_lead_only_their_own_offices(world, meeting):
    form = MeetingForm(instance=meeting, viewer=viewer_for(world.users["lead"]))
    assert list(form.fields["office"].queryset) == [world.office]
    assert list(form.fields["invited_offices"].queryset) == [world.office]
    assert [value for value, _label in form.fields["scope"].choices] == ["office"]


def test_pos_sets_any_host_and_invitation(world, login, meeting):
    response = _edit(
        login,
        world,
        meeting,
        "pos",
        scope="regional",
        office=world.other_office.pk,
        invited_offices=[world.office.pk, world.other_office.pk],
    )
    assert response.status_code == 302
    assert _state(meeting)[:2] == ("regional", world.other_office.pk)


def test_another_office_lead_cannot_edit_it(world, login, meeting):
    before = _state(meeting)
    response = _edit(login, world, meeting, "other_lead", office=world.other_office.pk)
    assert response.status_code == 404  # not invited: the meeting is not theirs to see
    assert _state(meeting) == before


def test_the_service_asks_the_same_rule(world, meeting):
    meeting.office = world.other_office
    with pytest.raises(PermissionDenied):
        services.meeting_save(
            meeting=meeting, invited_offices=[world.other_office], actor=world.users["other_lead"]
        )
    assert _state(Meeting.objects.get(pk=meeting.pk))[1] == world.office.pk


def test_the_service_refuses_a_lead_what_the_form_does_not_offer(world, meeting):
    """Without the form's choice lists (another page, an API), the service decides alike."""
    before = _state(meeting)
    meeting.office = world.other_office
    with pytest.raises(ValidationError) as refused:
        services.meeting_save(
            meeting=meeting, invited_offices=[world.other_office], actor=world.users["lead"]
        )
    assert set(refused.value.error_dict) == {"office", "invited_offices"}
    assert _state(meeting) == before
