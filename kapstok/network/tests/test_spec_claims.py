"""Membership requests from start to end: mails, answers, withdrawals and what the office sees."""

import datetime
import re

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from kapstok.network import services
from kapstok.network.models import ClaimStatus, Membership, MembershipClaim
from kapstok.trust.models import AuditEntry

pytestmark = pytest.mark.django_db
ZWOLLE = "/netwerk/kantoren/kantoor-zwolle/"


@pytest.fixture
def ask(world, django_capture_on_commit_callbacks):
    """Kantoor Zwolle asks Yoga Marieke (who has an address) to confirm its membership."""
    world.member_entrepreneur.email = "info@yogamarieke.invalid"
    world.member_entrepreneur.save()

    def _ask():
        with django_capture_on_commit_callbacks(execute=True):
            return services.membership_claim_create(
                office=world.other_office,
                entrepreneur=world.member_entrepreneur,
                joined_on=datetime.date(2025, 1, 1),
                actor=world.users["other_lead"],
            )

    return _ask


def link(claim) -> str:
    return f"/netwerk/lidmaatschap/bevestigen/{services.claim_token(claim)}/"


def test_the_mail_names_the_office_and_carries_a_link_of_thirty_days(world, ask, settings):
    claim = ask()
    [message] = mail.outbox
    assert message.subject == "Bevestig uw lidmaatschap van Kantoor Zwolle"
    assert sorted(message.to) == ["info@yogamarieke.invalid", "marieke@example.invalid"]
    assert "(30 dagen geldig)" in message.body
    prefix = f"{settings.SITE_URL}/netwerk/lidmaatschap/bevestigen/"
    [token] = re.findall(re.escape(prefix) + r"(\S+)/", message.body)
    assert services.claim_for_token(token) == claim


def test_asking_again_sends_the_mail_again_for_the_same_request(ask):
    first, second = ask(), ask()
    assert first.pk == second.pk
    assert len(mail.outbox) == 2


def test_a_current_member_cannot_be_asked_again(world):
    with pytest.raises(ValidationError, match="is al lid van dit kantoor"):
        services.membership_claim_create(
            office=world.office,
            entrepreneur=world.member_entrepreneur,
            joined_on=datetime.date(2025, 1, 1),
        )
    assert not MembershipClaim.objects.exists()


def test_after_the_answer_the_link_only_tells_the_outcome(ask, client):
    claim = ask()
    client.post(link(claim), {"action": "decline"})
    page = client.get(link(claim)).content.decode()
    assert "Over dit verzoek is besloten" in page
    assert "geweigerd door de ondernemer" in page
    assert "Ja, wij zijn lid" not in page


def test_a_membership_confirmed_by_link_is_audited_without_a_person(ask, client):
    claim = ask()
    client.post(link(claim), {"action": "confirm"})
    entry = AuditEntry.objects.get(model="network.membership", action="create")
    assert entry.actor is None and entry.actor_label == "systeem"


def test_a_membership_confirmed_by_pos_is_audited_with_pos(world, ask, login):
    claim = ask()
    login(world.users["pos"]).post(
        f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/", {"action": "confirm"}
    )
    entry = AuditEntry.objects.get(model="network.membership", action="create")
    assert entry.actor == world.users["pos"]


def test_declining_on_behalf_of_the_business_is_audited_with_who_declined(world, ask, login):
    claim = ask()
    login(world.users["pos"]).post(
        f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/", {"action": "decline"}
    )
    entry = AuditEntry.objects.get(model="network.membershipclaim", action="update")
    assert entry.actor == world.users["pos"]


def test_the_office_sees_the_request_until_it_is_answered_then_the_member(world, ask, login):
    claim = ask()
    olga = login(world.users["other_lead"])
    pending = olga.get(ZWOLLE)
    assert list(pending.context["pending_claims"]) == [claim]
    assert "Yoga Marieke" not in [m.entrepreneur.business_name for m in pending.context["members"]]
    services.membership_claim_confirm(claim=claim, listed_publicly=False)
    after = olga.get(ZWOLLE)
    assert list(after.context["pending_claims"]) == []
    assert "Yoga Marieke" in [m.entrepreneur.business_name for m in after.context["members"]]


def test_withdrawing_twice_tells_the_lead_it_was_already_decided(world, ask, login):
    claim = ask()
    olga = login(world.users["other_lead"])
    url = f"{ZWOLLE}lidmaatschapsverzoeken/{claim.pk}/intrekken/"
    first = olga.post(url, follow=True)
    assert "Het verzoek is ingetrokken." in first.content.decode()
    second = olga.post(url, follow=True)
    assert "Over dit verzoek is al besloten." in second.content.decode()
    assert MembershipClaim.objects.get().status == ClaimStatus.WITHDRAWN


def test_a_withdrawn_request_cannot_be_confirmed_from_the_account(world, ask, login):
    claim = ask()
    services.membership_claim_withdraw(claim=claim)
    response = login(world.users["member"]).post(
        f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/", {"action": "confirm"}
    )
    assert "Over dit verzoek is besloten" in response.content.decode()
    assert not Membership.objects.filter(
        office=world.other_office, entrepreneur=world.member_entrepreneur
    ).exists()


def test_confirming_keeps_the_choice_to_be_listed_to_the_business(world, ask, client):
    claim = ask()
    claim.listed_publicly = True  # the lead ticked it when asking
    claim.save()
    page = client.get(link(claim))
    assert page.context["form"].initial == {"listed_publicly": True}
    client.post(link(claim), {"action": "confirm"})  # the business did not tick it
    membership = Membership.objects.get(
        office=world.other_office, entrepreneur=world.member_entrepreneur
    )
    assert membership.listed_publicly is False
