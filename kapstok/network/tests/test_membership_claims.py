"""A business Kapstok already knows is its own: another office asks, the business confirms.

Replays the insiders issue's first finding: a lead typed the KvK number of another office's
member and got that member's e-mail address and phone, could change them, and kept that access
after ending the membership.
"""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network import services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import ClaimStatus, Entrepreneur, Membership, MembershipClaim

pytestmark = pytest.mark.django_db

ADD_URL = "/netwerk/kantoren/kantoor-zwolle/leden/nieuw/"


@pytest.fixture
def claim_by_kvk(django_capture_on_commit_callbacks):
    """Olga, lead of Kantoor Zwolle, adds a member by KvK number only (mail sent on commit)."""

    def _claim(client, world, kvk_number):
        client.force_login(world.users["other_lead"])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ADD_URL, {"kvk_number": kvk_number, "joined_on": "2025-01-01"})

    return _claim


def respond_url_from(message) -> str:
    return re.search(r"https?://\S+/lidmaatschap/bevestigen/\S+/", message.body).group(0)


@pytest.fixture
def utrecht_member(world):
    member = world.member_entrepreneur
    member.email, member.phone = "info@yogamarieke.invalid", "030 123 4567"
    member.save()
    return member


def test_typing_another_office_members_kvk_number_makes_no_member(
    world, client, utrecht_member, claim_by_kvk
):
    response = claim_by_kvk(client, world, utrecht_member.kvk_number)

    assert response.status_code == 302
    assert not Membership.objects.filter(office=world.other_office, entrepreneur=utrecht_member)
    claim = MembershipClaim.objects.get()
    assert (claim.office, claim.entrepreneur, claim.status) == (
        world.other_office,
        utrecht_member,
        ClaimStatus.PENDING,
    )


def test_the_asking_lead_sees_no_contact_details_and_cannot_edit(
    world, client, utrecht_member, claim_by_kvk
):
    claim_by_kvk(client, world, utrecht_member.kvk_number)

    office_page = client.get("/netwerk/kantoren/kantoor-zwolle/").content.decode()
    assert utrecht_member.business_name in office_page  # in "wacht op bevestiging"
    assert utrecht_member.email not in office_page
    assert utrecht_member.phone not in office_page
    detail = f"/netwerk/ondernemers/{utrecht_member.pk}/"
    assert client.get(detail).status_code == 403
    edit = client.post(detail + "bewerken/", {"business_name": "Gekaapt", "email": "x@y.invalid"})
    assert edit.status_code == 403
    utrecht_member.refresh_from_db()
    assert utrecht_member.email == "info@yogamarieke.invalid"


def test_the_business_is_asked_at_its_own_address(world, client, utrecht_member, claim_by_kvk):
    claim_by_kvk(client, world, utrecht_member.kvk_number)

    (message,) = mail.outbox
    assert set(message.to) == {"info@yogamarieke.invalid", "marieke@example.invalid"}
    assert "Kantoor Zwolle" in message.body
    assert "/lidmaatschap/bevestigen/" in message.body


def test_confirming_by_the_link_makes_the_membership(world, client, utrecht_member, claim_by_kvk):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    url = respond_url_from(mail.outbox[0])
    client.logout()

    assert "Kantoor Zwolle" in client.get(url).content.decode()
    response = client.post(url, {"action": "confirm"})

    assert response.status_code == 200
    membership = Membership.objects.get(office=world.other_office, entrepreneur=utrecht_member)
    assert membership.joined_on == datetime.date(2025, 1, 1)
    assert not membership.listed_publicly  # the business did not tick it
    assert MembershipClaim.objects.get().status == ClaimStatus.CONFIRMED
    client.force_login(world.users["other_lead"])
    assert client.get(f"/netwerk/ondernemers/{utrecht_member.pk}/").status_code == 200


def test_refusing_by_the_link_changes_nothing_and_a_second_answer_is_ignored(
    world, client, utrecht_member, claim_by_kvk
):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    url = respond_url_from(mail.outbox[0])
    client.logout()

    client.post(url, {"action": "decline"})
    client.post(url, {"action": "confirm"})

    assert MembershipClaim.objects.get().status == ClaimStatus.DECLINED
    assert not Membership.objects.filter(office=world.other_office, entrepreneur=utrecht_member)


def test_a_tampered_link_is_refused_in_dutch(world, client, utrecht_member, claim_by_kvk):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    url = respond_url_from(mail.outbox[0])
    client.logout()

    response = client.post(url[:-3] + "xx/", {"action": "confirm"})

    assert response.status_code == 400
    assert "ongeldig of verlopen" in response.content.decode()
    assert not Membership.objects.filter(office=world.other_office, entrepreneur=utrecht_member)


def test_the_member_answers_from_their_account_and_the_asking_lead_cannot(
    world, client, utrecht_member, claim_by_kvk
):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    claim = MembershipClaim.objects.get()
    url = f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/"

    assert client.post(url, {"action": "confirm"}).status_code == 403  # Olga, who asked
    client.force_login(world.users["other_member"])
    assert client.post(url, {"action": "confirm"}).status_code == 403
    assert MembershipClaim.objects.get().status == ClaimStatus.PENDING

    client.force_login(world.users["member"])
    assert client.post(url, {"action": "confirm", "listed_publicly": "on"}).status_code == 200
    assert Membership.objects.get(
        office=world.other_office, entrepreneur=utrecht_member
    ).listed_publicly


def test_asking_twice_keeps_one_pending_request(world, client, utrecht_member, claim_by_kvk):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    claim_by_kvk(client, world, utrecht_member.kvk_number)

    assert MembershipClaim.objects.count() == 1


def test_the_lead_withdraws_a_request_and_the_link_then_does_nothing(
    world, client, utrecht_member, claim_by_kvk
):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    claim = MembershipClaim.objects.get()
    url = respond_url_from(mail.outbox[0])

    client.post(f"/netwerk/kantoren/kantoor-zwolle/lidmaatschapsverzoeken/{claim.pk}/intrekken/")
    client.logout()
    client.post(url, {"action": "confirm"})

    assert MembershipClaim.objects.get().status == ClaimStatus.WITHDRAWN
    assert not Membership.objects.filter(office=world.other_office, entrepreneur=utrecht_member)


def test_another_lead_cannot_withdraw_the_request(world, client, utrecht_member, claim_by_kvk):
    claim_by_kvk(client, world, utrecht_member.kvk_number)
    claim = MembershipClaim.objects.get()
    client.force_login(world.users["lead"])

    url = f"/netwerk/kantoren/kantoor-zwolle/lidmaatschapsverzoeken/{claim.pk}/intrekken/"
    assert client.post(url).status_code == 403
    assert MembershipClaim.objects.get().status == ClaimStatus.PENDING


def test_a_business_without_any_address_waits_and_the_lead_is_told(world, client, claim_by_kvk):
    silent = EntrepreneurFactory(kvk_number="55556666", email="")
    response = claim_by_kvk(client, world, "55556666")

    assert MembershipClaim.objects.get().entrepreneur == silent
    assert mail.outbox == []
    follow = client.get(response.url).content.decode()
    assert "zonder e-mailadres" in follow


def test_pos_may_confirm_on_behalf_of_the_business(world, client, claim_by_kvk):
    silent = EntrepreneurFactory(kvk_number="55556666", email="")
    claim_by_kvk(client, world, "55556666")
    claim = MembershipClaim.objects.get()
    client.force_login(world.users["pos"])

    client.post(f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/", {"action": "confirm"})

    assert Membership.objects.filter(office=world.other_office, entrepreneur=silent).exists()


def test_ending_a_membership_ends_the_leads_access_at_once(world, client):
    membership = world.office.memberships.get()
    entrepreneur = membership.entrepreneur
    client.force_login(world.users["lead"])
    assert client.get(f"/netwerk/ondernemers/{entrepreneur.pk}/").status_code == 200

    services.membership_end(membership=membership, left_on=datetime.date(2025, 1, 1))

    assert client.get(f"/netwerk/ondernemers/{entrepreneur.pk}/").status_code == 403
    edit = client.post(
        f"/netwerk/ondernemers/{entrepreneur.pk}/bewerken/", {"email": "x@y.invalid"}
    )
    assert edit.status_code == 403
    listed = client.get("/netwerk/ondernemers/").content.decode()
    assert entrepreneur.business_name not in listed


def test_a_membership_ending_later_still_counts_as_current(world, client):
    membership = world.office.memberships.get()
    membership.left_on = timezone.localdate() + datetime.timedelta(days=30)
    membership.save()
    client.force_login(world.users["lead"])

    assert client.get(f"/netwerk/ondernemers/{membership.entrepreneur_id}/").status_code == 200


def test_a_new_business_is_still_added_at_once(world, client):
    client.force_login(world.users["other_lead"])
    branch = world.other_entrepreneur.branches.first()
    response = client.post(
        ADD_URL,
        {
            "kvk_number": "99990000",
            "business_name": "Nieuw Bedrijf",
            "branches": [branch.pk],
            "municipality": world.zwolle.pk,
            "joined_on": "2025-01-01",
        },
    )

    assert response.status_code == 302
    new = Entrepreneur.objects.get(kvk_number="99990000")
    assert Membership.objects.filter(office=world.other_office, entrepreneur=new).exists()
    assert not MembershipClaim.objects.exists()


def test_a_changed_address_is_told_at_the_old_one(
    world, client, utrecht_member, django_capture_on_commit_callbacks
):
    client.force_login(world.users["lead"])
    branch = utrecht_member.branches.first()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/netwerk/ondernemers/{utrecht_member.pk}/bewerken/",
            {
                "business_name": utrecht_member.business_name,
                "kvk_number": utrecht_member.kvk_number,
                "establishment_number": utrecht_member.establishment_number,
                "branches": [branch.pk],
                "municipality": utrecht_member.municipality_id,
                "email": "nieuw@elders.invalid",
                "phone": utrecht_member.phone,
                "size_band": utrecht_member.size_band,
            },
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["info@yogamarieke.invalid"]
    assert "nieuw@elders.invalid" in message.body
    assert "Kees Kartrekker" in message.body


def test_the_member_grant_reaches_the_business(world):
    """The personas' member grant is what lets Marieke answer for Yoga Marieke."""
    other = EntrepreneurFactory()
    grant_role(user=world.users["outsider"], role=Role.MEMBER, scope=other)
    MembershipFactory(office=world.office, entrepreneur=other)

    assert services.entrepreneur_addresses(other) == sorted(
        {other.email.lower(), "bob@example.invalid"} - {""}
    )
