"""Specification of the support desk's rules per persona: who sees the whole desk, whose queue
holds which request, who rates an answer and opens the catalogue."""

import pytest

from kapstok.accounts.access import ANONYMOUS, viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, pks, viewer
from kapstok.support import rules
from kapstok.support.models import SupportRequest


@pytest.fixture
def desk(world, category):
    """Utrecht asked twice (once handed to its partner), Zwolle once (assigned to a handler)."""
    handler = UserFactory(email="hans@example.invalid")

    def ask(office, **kwargs):
        return SupportRequest.objects.create(
            office=office, category=category, description="Hulp gevraagd.", **kwargs
        )

    return {
        "own": ask(world.office, created_by=world.users["lead"]),
        "partner": ask(world.office, created_by=world.users["member"], partner=world.partner),
        "other": ask(world.other_office, created_by=world.users["other_lead"], assignee=handler),
        "handler": handler,
    }


def named(desk, names):
    return {desk[name].pk for name in names}


@pytest.mark.parametrize("persona", PERSONAS)
def test_sees_whole_desk_only_national_staff(world, persona):
    assert rules.sees_whole_desk(viewer(world, persona)) is (persona in {"pos", "admin"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_of(world, desk, persona):
    """Everything for POS, the partner's own; an office's requests are on its page, no queue."""
    every = {"own", "partner", "other"}
    queue = {"pos": every, "admin": every, "partner": {"partner"}}.get(persona, set())

    assert pks(rules.queue_of(viewer(world, persona))) == named(desk, queue)


def test_a_partners_queue_leaves_out_the_requests_of_an_office_they_belong_to(world, desk):
    paula = world.users["partner"]
    grant_role(user=paula, role=Role.MEMBER, scope=world.member_entrepreneur)
    v = viewer(world, "partner")

    assert desk["own"].pk in pks(rules.support_requests_visible_to(v))
    assert pks(rules.queue_of(v)) == named(desk, ["partner"])


@pytest.mark.parametrize(
    ("persona", "request_name", "allowed"),
    [
        ("lead", "own", True),
        ("member", "own", True),
        ("member", "partner", True),
        ("lead", "other", False),
        ("other_lead", "other", True),
        ("other_lead", "own", False),
        ("other_member", "own", False),
        ("pos", "own", False),  # POS answered; the office rates
        ("admin", "own", False),
        ("partner", "partner", False),  # the partner handling it neither
        ("civil_servant", "own", False),
        ("anonymous", "own", False),
    ],
)
def test_can_rate_request(world, desk, persona, request_name, allowed):
    assert rules.can_rate_request(viewer(world, persona), desk[request_name]) is allowed


def test_the_handler_assigned_to_a_request_may_not_rate_it(world, desk):
    assert rules.can_rate_request(viewer_for(desk["handler"]), desk["other"]) is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_open_catalogue(world, persona):
    """Everyone with an office (the municipality's contacts included) and POS."""
    outside = {"anonymous", "researcher", "outsider"}

    assert rules.can_open_catalogue(viewer(world, persona)) is (persona not in outside)


@pytest.mark.parametrize("persona", PERSONAS)
def test_requests_of_led_offices(world, desk, persona):
    requests = {"lead": {"own", "partner"}, "other_lead": {"other"}}.get(persona, set())

    assert pks(rules.requests_of_led_offices(viewer(world, persona))) == named(desk, requests)


def test_requests_to_handle_scope_is_none_for_an_anonymous_viewer(world):
    assert rules.requests_to_handle_scope(ANONYMOUS) is None


@pytest.mark.parametrize(
    ("persona", "requests"),
    [
        ("pos", {"own", "partner", "other"}),
        ("admin", {"own", "partner", "other"}),
        ("partner", {"partner"}),
        ("handler", {"other"}),
        ("lead", set()),  # asking is not handling
        ("member", set()),
        ("civil_servant", set()),
        ("outsider", set()),
    ],
)
def test_requests_to_handle_scope(world, desk, persona, requests):
    v = viewer_for(desk["handler"]) if persona == "handler" else viewer(world, persona)

    scope = rules.requests_to_handle_scope(v)

    assert pks(SupportRequest.objects.filter(scope)) == named(desk, requests)
