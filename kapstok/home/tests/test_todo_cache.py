"""The start page's cached parts: the same items as computed from scratch, for the right people.

The to-do sources that follow from a person's grants alone (`kapstok.home.todo.SHARED`), the
open member checks, the offices' sessions taking input, the coming meetings and the main pages
are kept as short cached parts keyed on the content generation, the language and the grants
(`access.scope_key`). These tests pin down what that promises: after any write the page shows
what a visit from scratch shows; two people share a part only when their grants are equal; what
is the person's own (read messages, answers to meetings) is never taken from the cache; and a
shared source computed without the person gives what it gives for them.
"""

import re

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.access import scope_key, scope_only, viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core.generation import generation_bump
from kapstok.home import todo
from kapstok.home.tests.test_todo import (
    _grow,
    deliver,
    join_request,
    meeting,
    sent_message,
    support_request,
)
from kapstok.influence.factories import PositionFactory
from kapstok.influence.models import Position, PositionStatus
from kapstok.messaging.models import Delivery
from kapstok.network.factories import EntrepreneurFactory
from kapstok.network.models import MembershipClaim
from kapstok.peers.models import MeetingRsvp, RsvpAnswer
from kapstok.public.models import JoinRequest, JoinRequestStatus

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PERSONAS = ["pos", "lead", "member", "civil_servant", "partner", "other_lead", "other_member"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def todo_part(client, user) -> str:
    """The to-do list and the main pages of the person's start page, as served now."""
    client.force_login(user)
    response = client.get("/start/")
    assert response.status_code == 200
    html = response.content.decode()
    part = html[html.index('id="todo-heading"') : html.index("</main>")]
    return re.sub(r"\s+", " ", part)


def assert_as_from_scratch(client, user):
    """The page as served (from the cache where it can) equals the page computed afresh."""
    served = todo_part(client, user)
    cache.clear()
    assert served == todo_part(client, user)
    return served


# --- the cached page equals the page from scratch -------------------------------------------


def test_after_each_write_the_lead_sees_what_a_visit_from_scratch_shows(world, client):
    lead = world.users["lead"]
    before = todo_part(client, lead)
    assert "Padel Aanmelder 1" not in before

    created = join_request(world.office, 1)  # create
    generation_bump()  # what every successful write request does (ContentGenerationMiddleware)
    assert "Beslis over de aanmelding van Padel Aanmelder 1" in assert_as_from_scratch(client, lead)

    JoinRequest.objects.filter(pk=created.pk).update(business_name="Padel Hernoemd")  # update
    generation_bump()
    page = assert_as_from_scratch(client, lead)
    assert "Padel Hernoemd" in page and "Padel Aanmelder 1" not in page

    JoinRequest.objects.filter(pk=created.pk).update(status=JoinRequestStatus.DECLINED)
    generation_bump()
    assert "Padel Hernoemd" not in assert_as_from_scratch(client, lead)

    claim = MembershipClaim.objects.create(
        office=world.office, entrepreneur=EntrepreneurFactory(), joined_on=NOW.date()
    )
    generation_bump()
    assert "1 ondernemer moet het lidmaatschap nog bevestigen" in assert_as_from_scratch(
        client, lead
    )
    claim.delete()  # delete
    generation_bump()
    assert "lidmaatschap nog bevestigen" not in assert_as_from_scratch(client, lead)


def test_after_each_write_the_member_sees_what_a_visit_from_scratch_shows(world, client):
    member = world.users["member"]
    todo_part(client, member)
    position = PositionFactory(
        office=world.office, status=PositionStatus.OPEN, opened_at=NOW, title="Meer sportvelden"
    )
    generation_bump()
    assert "Steun het standpunt ‘Meer sportvelden’" in assert_as_from_scratch(client, member)

    Position.objects.filter(pk=position.pk).update(title="Meer sporthallen")
    generation_bump()
    assert "Meer sporthallen" in assert_as_from_scratch(client, member)

    Position.objects.filter(pk=position.pk).delete()
    generation_bump()
    assert "Steun het standpunt" not in assert_as_from_scratch(client, member)

    gathering = meeting(world.office, days_ahead=12, roles=["member"])
    generation_bump()
    assert f"Laat weten of u komt: {gathering.title}" in assert_as_from_scratch(client, member)


def test_after_an_erasure_the_cached_pages_equal_the_pages_from_scratch(world, client):
    """The AVG erasure is a write request like any other: no cached part outlives it."""
    join_request(world.office, 2)
    MembershipClaim.objects.create(
        office=world.office, entrepreneur=world.member_entrepreneur, joined_on=NOW.date()
    )
    for persona in ("lead", "member", "pos"):
        todo_part(client, world.users[persona])

    client.force_login(world.users["member"])
    response = client.post(reverse("trust:erase"), {"confirm": "ja"})
    assert response.status_code == 302

    for persona in ("lead", "pos", "other_member"):
        assert_as_from_scratch(client, world.users[persona])


def test_with_more_data_every_persona_sees_what_a_visit_from_scratch_shows(world, client):
    for persona in PERSONAS:
        todo_part(client, world.users[persona])
    _grow(world, 3)
    generation_bump()
    for persona in PERSONAS:
        assert_as_from_scratch(client, world.users[persona])


# --- who shares a cached part -----------------------------------------------------------------


def test_a_part_is_shared_only_by_people_with_the_same_grants(world, client):
    join_request(world.office, 3)
    second_lead = UserFactory(email="tweede@example.invalid", full_name="Tweede Kartrekker")
    grant_role(user=second_lead, role=Role.LEAD, scope=world.office)
    lead, other = viewer_for(world.users["lead"]), viewer_for(world.users["other_lead"])

    assert scope_key(lead) == scope_key(viewer_for(second_lead))
    assert scope_key(lead) != scope_key(other)
    assert "Padel Aanmelder 3" in todo_part(client, world.users["lead"])
    assert "Padel Aanmelder 3" not in todo_part(client, world.users["other_lead"])
    assert "Padel Aanmelder 3" in todo_part(client, second_lead)


def test_a_person_who_also_leads_gets_parts_of_their_own(world, client):
    """Grants differ in any field, and so does the key: a member who also leads an office
    does not see a plain member's cached parts, nor the other way round."""
    join_request(world.office, 4)
    grant_role(user=world.users["member"], role=Role.LEAD, scope=world.office)
    member_and_lead = viewer_for(world.users["member"])
    assert scope_key(member_and_lead) != scope_key(viewer_for(world.users["lead"]))
    assert "Padel Aanmelder 4" in todo_part(client, world.users["member"])
    assert "Padel Aanmelder 4" not in todo_part(client, world.users["other_member"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_shared_source_gives_the_same_items_without_the_person(world, persona):
    """Each `SHARED` source is computed for `scope_only(viewer)`: it must not need the person,
    or their items would go missing (or be another's) when cached."""
    _grow(world, 3)
    support_request(world, answered=True)
    viewer = viewer_for(world.users[persona])
    for source in todo.SHARED:
        assert source(scope_only(viewer)) == source(viewer), source.__name__


def test_the_main_pages_are_the_same_without_the_person(world):
    for persona in [*PERSONAS, "admin", "researcher"]:
        user = world.users[persona]
        viewer = viewer_for(user)
        assert todo.main_pages(scope_only(viewer), user) == todo.main_pages(viewer, user)


# --- what stays fresh -------------------------------------------------------------------------


def test_a_message_read_leaves_the_to_do_list_at_once(world, client):
    """Reading is a GET that writes (no new generation): unread messages are never cached."""
    delivery = deliver(sent_message(world.office, subject="Ledenavond"), world.member_entrepreneur)
    assert "Lees het bericht ‘Ledenavond’" in todo_part(client, world.users["member"])
    client.force_login(world.users["member"])
    assert client.get(reverse("messaging:inbox_detail", args=[delivery.pk])).status_code == 200
    assert Delivery.objects.get(pk=delivery.pk).read_at is not None
    assert "Lees het bericht ‘Ledenavond’" not in todo_part(client, world.users["member"])


def test_an_answer_to_a_meeting_leaves_the_to_do_list_at_once(world, client):
    gathering = meeting(world.office, days_ahead=9, roles=["member"])
    asked = f"Laat weten of u komt: {gathering.title}"
    assert asked in todo_part(client, world.users["member"])
    MeetingRsvp.objects.create(meeting=gathering, user=world.users["member"], answer=RsvpAnswer.YES)
    page = todo_part(client, world.users["member"])  # the same generation: meetings cached
    assert asked not in page
    assert f"Volgende bijeenkomst: {gathering.title}" in page


def test_a_second_visit_asks_the_database_only_for_what_is_the_persons_own(world, client):
    join_request(world.office, 5)
    _grow(world, 2)
    client.force_login(world.users["lead"])
    client.get("/start/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/start/")
    tables = {
        match
        for query in queries.captured_queries
        for match in re.findall(r'FROM "(\w+)"', query["sql"])
    }
    # The session, the account, the grants, the generation and the sessions this lead
    # facilitates; no join requests, signals, messages, claims or offices.
    assert tables <= {
        "django_session",
        "accounts_user",
        "accounts_rolegrant",
        "core_contentgeneration",
        "strategy_strategysession",
        "peers_meetingrsvp",
    }, tables


# --- language ---------------------------------------------------------------------------------


def test_a_part_cached_in_dutch_is_not_shown_in_english(world, client):
    join_request(world.office, 6)
    assert "Beslis over de aanmelding van Padel Aanmelder 6" in todo_part(
        client, world.users["lead"]
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = todo_part(client, world.users["lead"])
    assert "Decide on the application of Padel Aanmelder 6" in page


def test_the_join_requests_beyond_five_cost_no_second_query(world, django_assert_num_queries):
    for number in range(8):
        join_request(world.office, 10 + number)
    from kapstok.public.selectors import join_requests_to_decide

    lead = viewer_for(world.users["lead"])
    with django_assert_num_queries(1):
        items = join_requests_to_decide(lead)
    assert items[-1].title == "Nog 3 aanmeldingen wachten op uw besluit"
