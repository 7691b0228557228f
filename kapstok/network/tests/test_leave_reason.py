"""Why members leave (issue 18, "the member's own voice"): asked whenever a membership ends,
by the lead's form or by the member leaving themselves, and shown to the office's leads."""

import datetime
import re

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kapstok.network import selectors, services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import LeaveReason, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(world):
    return Membership.objects.get(office=world.office, entrepreneur=world.member_entrepreneur)


def leave_url(world, membership):
    return reverse("network:membership_leave", args=[world.office.slug, membership.pk])


def end_url(world, membership):
    return reverse("network:membership_end", args=[world.office.slug, membership.pk])


# --- the service --------------------------------------------------------------------------------


def test_ending_records_the_reason_and_a_tidied_note(membership):
    services.membership_end(
        membership=membership,
        left_on=timezone.localdate(),
        reason=LeaveReason.NO_TIME,
        note="  Te druk\n met   de zaak ",
    )
    membership.refresh_from_db()
    assert (membership.left_reason, membership.left_note) == ("no_time", "Te druk met de zaak")


def test_an_unknown_reason_is_refused_and_nothing_is_saved(membership):
    with pytest.raises(ValidationError, match="Kies een van de redenen"):
        services.membership_end(
            membership=membership, left_on=timezone.localdate(), reason="verveeld"
        )
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_note_over_the_limit_is_refused(membership):
    with pytest.raises(ValidationError, match="te lang"):
        services.membership_end(membership=membership, left_on=timezone.localdate(), note="x" * 301)
    membership.refresh_from_db()
    assert membership.left_on is None


def test_ending_twice_ends_once(membership):
    today = timezone.localdate()
    services.membership_end(membership=membership, left_on=today, reason=LeaveReason.COSTS)
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.membership_end(membership=membership, left_on=today, reason=LeaveReason.OTHER)
    membership.refresh_from_db()
    assert membership.left_reason == "costs"


def test_leave_reasons_count_the_last_year_with_unasked_ones_apart(world):
    today = timezone.localdate()
    for reason, days_ago in (("no_value", 10), ("no_value", 40), ("costs", 100), ("", 200)):
        MembershipFactory(
            office=world.office,
            entrepreneur=EntrepreneurFactory(),
            joined_on=today - datetime.timedelta(days=700),
            left_on=today - datetime.timedelta(days=days_ago),
            left_reason=reason,
        )
    MembershipFactory(  # longer ago than a year: not counted
        office=world.office,
        entrepreneur=EntrepreneurFactory(),
        joined_on=today - datetime.timedelta(days=900),
        left_on=today - datetime.timedelta(days=400),
        left_reason="no_time",
    )

    assert selectors.leave_reasons(world.office) == [
        ("het levert te weinig op", 2),
        ("niet gevraagd", 1),
        ("te duur", 1),
    ]


# --- the lead's form ------------------------------------------------------------------------------


def test_the_lead_must_say_why_the_member_leaves(world, login, membership):
    response = login(world.users["lead"]).post(
        end_url(world, membership), {"left_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert "Kies waarom dit lid stopt." in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_the_lead_ends_a_membership_with_its_reason(world, login, membership):
    response = login(world.users["lead"]).post(
        end_url(world, membership),
        {"left_on": timezone.localdate().isoformat(), "left_reason": "stopped"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_reason == "stopped"


def test_an_end_before_the_start_keeps_the_lead_s_answers(world, login, membership):
    before = membership.joined_on - datetime.timedelta(days=1)
    response = login(world.users["lead"]).post(
        end_url(world, membership),
        {"left_on": before.isoformat(), "left_reason": "no_time", "left_note": "Druk"},
    )
    page = response.content.decode()
    assert "De einddatum ligt vóór de datum van aansluiten." in page
    [chosen] = re.findall(r'<input[^>]*value="no_time"[^>]*>', page)
    assert "checked" in chosen
    assert "Druk" in page


# --- the member leaving themselves ----------------------------------------------------------------


def test_a_member_sees_how_to_leave_on_the_office_page(world, login, membership):
    page = login(world.users["member"]).get(world.office.get_absolute_url()).content.decode()
    assert leave_url(world, membership) in page
    assert "Uw lidmaatschap" in page


def test_a_member_leaves_today_saying_why(world, login, membership):
    client = login(world.users["member"])
    assert client.get(leave_url(world, membership)).status_code == 200

    response = client.post(
        leave_url(world, membership), {"left_reason": "no_value", "left_note": "Te weinig"}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    assert (membership.left_reason, membership.left_note) == ("no_value", "Te weinig")


def test_leaving_needs_a_reason_and_saves_nothing_without(world, login, membership):
    response = login(world.users["member"]).post(leave_url(world, membership), {})
    assert "Kies waarom dit lid stopt." in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_nul_byte_in_the_note_is_dropped_not_stored(world, login, membership):
    """The input middleware removes control characters from every form value (core.text)."""
    login(world.users["member"]).post(
        leave_url(world, membership), {"left_reason": "other", "left_note": "a\x00b"}
    )
    membership.refresh_from_db()
    assert membership.left_note == "ab"


def test_leaving_sent_twice_ends_once_and_says_so(world, login, membership):
    client = login(world.users["member"])
    client.post(leave_url(world, membership), {"left_reason": "costs"})
    response = client.post(leave_url(world, membership), {"left_reason": "other"}, follow=True)

    assert "Dit lidmaatschap is al beëindigd." in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_reason == "costs"


@pytest.mark.parametrize("persona", ["lead", "pos", "other_member", "civil_servant", "outsider"])
def test_only_the_business_itself_leaves_through_this_form(world, login, membership, persona):
    response = login(world.users[persona]).post(
        leave_url(world, membership), {"left_reason": "costs"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.left_on is None


def test_the_leads_see_why_members_left_and_members_do_not(world, login, membership):
    services.membership_end(
        membership=membership, left_on=timezone.localdate(), reason=LeaveReason.NO_VALUE
    )
    lead_page = login(world.users["lead"]).get(world.office.get_absolute_url()).content.decode()
    assert "Waarom leden vertrokken" in lead_page
    assert "Het levert te weinig op: 1" in lead_page

    other = MembershipFactory(office=world.office, entrepreneur=EntrepreneurFactory())
    assert other.left_on is None
    civil_page = (
        login(world.users["civil_servant"]).get(world.office.get_absolute_url()).content.decode()
    )
    assert "Waarom leden vertrokken" not in civil_page
