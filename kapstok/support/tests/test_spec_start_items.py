"""Support requests on the start pages and in the monitor's figures.

Specifications of `support.selectors`: POS is shown only requests near or past their norm,
worst first; a partner or assignee every open request of theirs; the lead the requests where
the handler answered last; and the monitor's per-office figures.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core.todo import Urgency
from kapstok.support import selectors, services
from kapstok.support.models import Status, SupportRequest

pytestmark = pytest.mark.django_db


def request(world, category, *, days_ago=0, office=None, title="Welke rechtsvorm?", **fields):
    """A request; its title is the first line of its description."""
    return SupportRequest.objects.create(
        office=office or world.office,
        category=category,
        description=f"{title}\nWe twijfelen tussen vereniging en stichting.",
        created_by=world.users["lead"],
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


# --- the worse of two clocks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "resolution", "worse"),
    [
        ("ok", "ok", "ok"),
        ("warning", "ok", "warning"),
        ("ok", "warning", "warning"),
        ("breached", "warning", "breached"),
        ("warning", "breached", "breached"),
    ],
)
def test_a_request_is_as_late_as_its_later_clock(response, resolution, worse):
    assert selectors.worse_state(response, resolution) == worse


# --- POS and the handlers ---------------------------------------------------------------


def test_pos_is_not_bothered_with_requests_well_within_their_norm(world, category):
    request(world, category)
    assert selectors.requests_to_handle(viewer_for(world.users["pos"])) == []


def test_pos_sees_a_late_request_as_urgent_with_its_category(world, category):
    late = request(world, category, days_ago=40, title="Statuten")
    (item,) = selectors.requests_to_handle(viewer_for(world.users["pos"]))
    assert item.title == "Vraag van Kantoor Utrecht: Statuten"
    assert item.detail.startswith("Over de termijn. Categorie: rechtsvorm;")
    assert item.urgency == Urgency.URGENT
    assert item.url == late.get_absolute_url()


def test_the_assignee_sees_every_open_request_of_theirs_worst_first(world, category):
    assignee = world.users["pos"]
    fresh = request(world, category, assignee=world.users["researcher"])
    late = request(world, category, days_ago=40, assignee=world.users["researcher"])
    request(world, category, assignee=assignee)  # someone else's
    items = selectors.requests_to_handle(viewer_for(world.users["researcher"]))
    assert [item.url for item in items] == [late.get_absolute_url(), fresh.get_absolute_url()]
    assert [item.urgency for item in items] == [Urgency.URGENT, Urgency.NORMAL]


def test_the_partner_sees_the_requests_handed_to_its_organisation(world, category):
    request(world, category, partner=world.partner, title="Voor de partner")
    (item,) = selectors.requests_to_handle(viewer_for(world.users["partner"]))
    assert item.title.endswith("Voor de partner")
    assert selectors.requests_to_handle(viewer_for(world.users["member"])) == []


def test_a_request_waiting_for_the_office_is_not_the_handlers_turn(world, category):
    request(world, category, days_ago=40, status=Status.WAITING)
    request(world, category, days_ago=40, status=Status.RESOLVED)
    assert selectors.requests_to_handle(viewer_for(world.users["pos"])) == []


def test_pos_sees_at_most_ten_requests(world, category):
    for _ in range(12):
        request(world, category, days_ago=40)
    assert len(selectors.requests_to_handle(viewer_for(world.users["pos"]))) == 10


# --- the lead ------------------------------------------------------------------------------


def test_the_lead_is_told_when_the_handler_answered_last(world, category):
    asked = request(world, category, title="Statuten")
    services.message_post(
        request=asked, author=world.users["pos"], body="Zie bijlage.", handler=True
    )
    (item,) = selectors.answers_for_office(viewer_for(world.users["lead"]))
    assert item.title == "Nieuw antwoord op uw vraag: Statuten"
    assert selectors.answers_for_office(viewer_for(world.users["other_lead"])) == []


def test_once_the_office_replies_it_is_the_handlers_turn_again(world, category):
    asked = request(world, category)
    services.message_post(request=asked, author=world.users["pos"], body="Welke?", handler=True)
    services.message_post(request=asked, author=world.users["lead"], body="Deze.", handler=False)
    assert selectors.answers_for_office(viewer_for(world.users["lead"])) == []


def test_an_internal_note_of_the_handler_is_no_answer_to_the_office(world, category):
    asked = request(world, category)
    services.message_post(
        request=asked, author=world.users["pos"], body="Even nakijken.", handler=True, internal=True
    )
    assert selectors.answers_for_office(viewer_for(world.users["lead"])) == []


def test_a_request_waiting_for_the_office_asks_attention(world, category):
    asked = request(world, category)
    services.message_post(
        request=asked, author=world.users["pos"], body="Graag de statuten.", handler=True
    )
    SupportRequest.objects.filter(pk=asked.pk).update(status=Status.WAITING)
    (item,) = selectors.answers_for_office(viewer_for(world.users["lead"]))
    assert item.urgency == Urgency.SOON
    assert "status: wacht op kantoor" in item.detail


# --- the monitor's figures -----------------------------------------------------------------


def test_an_office_without_requests_has_zero_and_no_medians(world):
    figures = selectors.support_figures([world.other_office.pk], timezone.localdate())
    assert figures == {world.other_office.pk: selectors.NO_SUPPORT}


def test_the_figures_count_requests_and_take_medians_over_the_answered(world, category):
    open_one = request(world, category, days_ago=3)
    request(world, category, days_ago=3, status=Status.CLOSED)
    services.message_post(request=open_one, author=world.users["pos"], body="Ja.", handler=True)
    figures = selectors.support_figures([world.office.pk], timezone.localdate())[world.office.pk]
    assert (figures["support_requests"], figures["support_open"]) == (2, 1)
    assert figures["median_first_response_days"] is not None
    assert figures["median_resolution_days"] is None
