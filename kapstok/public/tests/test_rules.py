"""Specification of public's rule per persona: whose join requests wait for whose decision."""

import pytest

from django.utils import timezone

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.public import rules
from kapstok.public.models import JoinRequest, JoinRequestStatus


@pytest.fixture
def requests(world):
    def ask(office, status, kvk):
        return JoinRequest.objects.create(
            office=office,
            full_name="Sanne Sport",
            business_name=f"Padel {kvk}",
            kvk_number=kvk,
            email=f"{kvk}@example.invalid",
            privacy_accepted_at=timezone.now(),
            status=status,
        )

    return {
        "confirmed": ask(world.office, JoinRequestStatus.CONFIRMED, "11111111"),
        "unconfirmed": ask(world.office, JoinRequestStatus.UNCONFIRMED, "22222222"),
        "accepted": ask(world.office, JoinRequestStatus.ACCEPTED, "33333333"),
        "other": ask(world.other_office, JoinRequestStatus.CONFIRMED, "44444444"),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_join_requests_to_decide_for_the_offices_leads_only(world, requests, persona):
    expected = {"lead": {"confirmed"}, "other_lead": {"other"}}.get(persona, set())
    by_pk = {request.pk: name for name, request in requests.items()}

    # POS may decide on an office's page, but the start page lists them for the leads.
    waiting = rules.join_requests_to_decide_for(viewer(world, persona))

    assert {by_pk[pk] for pk in waiting.values_list("pk", flat=True)} == expected
