"""A stranger cannot attach another office's member through the public join form.

Replays the insiders issue's second finding: anyone posted Zwolle's join form with Utrecht's
member's KvK number, a made-up name and their own address, confirmed by mail; Zwolle's lead
accepted and then saw the member's e-mail and phone, the stranger's consents were attached to the
member's business, and the stranger's details showed up in the member's personal-data export.
"""

import re

import pytest

from django.core import mail

from kapstok.network.models import ClaimStatus, Membership, MembershipClaim
from kapstok.public.models import JoinRequest, JoinRequestStatus
from kapstok.trust.models import ConsentRecord
from kapstok.trust.personal_data import personal_data_export

pytestmark = pytest.mark.django_db

ZWOLLE_JOIN = "/kantoren/kantoor-zwolle/aanmelden/"


@pytest.fixture
def member_a(world):
    member = world.member_entrepreneur
    member.email, member.phone = "info@yogamarieke.invalid", "030 123 4567"
    member.save()
    return member


@pytest.fixture
def stranger_request(world, visitor, member_a):
    """The stranger's request for Zwolle, with member A's KvK number, confirmed by mail."""
    branch = member_a.branches.first()
    visitor.post(
        ZWOLLE_JOIN,
        {
            "full_name": "Vreemde Eend",
            "business_name": "Verzonnen Sport BV",
            "kvk_number": member_a.kvk_number,
            "branches": [branch.pk],
            "email": "vreemd@elders.invalid",
            "phone": "06 99999999",
            "listed_publicly": "on",
            "privacy": "on",
        },
    )
    link = re.search(r"https?://[^/]+(/aanmelden/bevestigen/[^/\s]+/)", mail.outbox[-1].body)
    visitor.post(link.group(1))
    mail.outbox.clear()
    return JoinRequest.objects.get(office=world.other_office)


def accept(client, world, join_request, capture):
    client.force_login(world.users["other_lead"])
    url = f"/netwerk/kantoren/kantoor-zwolle/aanmeldingen/{join_request.pk}/"
    with capture(execute=True):
        return client.post(url, {"action": "accept", "municipality": world.zwolle.pk})


def test_accepting_makes_no_membership_until_the_business_confirms(
    world, client, stranger_request, member_a, django_capture_on_commit_callbacks
):
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)

    assert not Membership.objects.filter(office=world.other_office, entrepreneur=member_a)
    claim = MembershipClaim.objects.get()
    assert (claim.entrepreneur, claim.status) == (member_a, ClaimStatus.PENDING)
    stranger_request.refresh_from_db()
    assert stranger_request.status == JoinRequestStatus.ACCEPTED
    assert stranger_request.entrepreneur is None


def test_the_confirmation_goes_to_the_business_not_to_the_stranger(
    world, client, stranger_request, member_a, django_capture_on_commit_callbacks
):
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)

    confirmation = [m for m in mail.outbox if "/lidmaatschap/bevestigen/" in m.body]
    assert len(confirmation) == 1
    assert "vreemd@elders.invalid" not in confirmation[0].to
    assert "info@yogamarieke.invalid" in confirmation[0].to
    to_stranger = [m for m in mail.outbox if "vreemd@elders.invalid" in m.to]
    assert to_stranger and all("/lidmaatschap/" not in m.body for m in to_stranger)


def test_the_zwolle_lead_never_sees_member_a_contact_details(
    world, client, stranger_request, member_a, django_capture_on_commit_callbacks
):
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)

    for url in (
        "/netwerk/kantoren/kantoor-zwolle/",
        f"/netwerk/kantoren/kantoor-zwolle/aanmeldingen/{stranger_request.pk}/",
        "/netwerk/ondernemers/",
    ):
        html = client.get(url).content.decode()
        assert "info@yogamarieke.invalid" not in html, url
        assert "030 123 4567" not in html, url
    assert client.get(f"/netwerk/ondernemers/{member_a.pk}/").status_code == 403


def test_member_a_is_not_on_zwolle_public_page(
    world, client, visitor, stranger_request, member_a, django_capture_on_commit_callbacks
):
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)

    assert member_a.business_name not in visitor.get("/kantoren/kantoor-zwolle/").content.decode()


def test_member_a_data_and_consents_are_untouched(
    world, client, stranger_request, member_a, django_capture_on_commit_callbacks
):
    before = (member_a.business_name, member_a.email, member_a.phone, member_a.website)
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)

    member_a.refresh_from_db()
    assert (member_a.business_name, member_a.email, member_a.phone, member_a.website) == before
    assert not ConsentRecord.objects.filter(entrepreneur=member_a).exists()
    export = str(personal_data_export(world.users["member"]))
    assert "Vreemde Eend" not in export
    assert "vreemd@elders.invalid" not in export
    assert "06 99999999" not in export


def test_the_business_confirms_and_only_then_becomes_a_member(
    world, client, stranger_request, member_a, django_capture_on_commit_callbacks
):
    accept(client, world, stranger_request, django_capture_on_commit_callbacks)
    claim = MembershipClaim.objects.get()
    client.force_login(world.users["member"])

    client.post(f"/netwerk/lidmaatschapsverzoeken/{claim.pk}/", {"action": "confirm"})

    membership = Membership.objects.get(office=world.other_office, entrepreneur=member_a)
    assert not membership.listed_publicly  # the stranger's tick does not count


def test_a_second_stranger_does_not_overwrite_the_first_request(
    world, visitor, stranger_request, member_a
):
    branch = member_a.branches.first()
    visitor.post(
        ZWOLLE_JOIN,
        {
            "full_name": "Nog Een",
            "business_name": "Ander Verzinsel",
            "kvk_number": member_a.kvk_number,
            "branches": [branch.pk],
            "email": "nogeen@elders.invalid",
            "privacy": "on",
        },
    )

    stranger_request.refresh_from_db()
    assert stranger_request.status == JoinRequestStatus.CONFIRMED
    assert stranger_request.email == "vreemd@elders.invalid"
    assert JoinRequest.objects.filter(office=world.other_office).count() == 2
