"""The lead handles confirmed join requests: accept (member + mail) or decline (reason + mail)."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from kapstok.network.factories import EntrepreneurFactory
from kapstok.network.models import Entrepreneur, Membership, MembershipClaim
from kapstok.public import services
from kapstok.public.models import JoinRequest, JoinRequestStatus, OfficeMonthlyReach

pytestmark = pytest.mark.django_db

LIST = "/netwerk/kantoren/kantoor-utrecht/aanmeldingen/"


@pytest.fixture
def confirmed(world):
    """A confirmed request from Padel Sanne, who wants to be listed publicly."""
    fitness = world.member_entrepreneur.branches.first()
    request = services.join_request_submit(
        office=world.office,
        data={
            "full_name": "Sanne Sport",
            "business_name": "Padel Sanne",
            "kvk_number": "12345678",
            "email": "sanne@example.invalid",
            "phone": "",
            "website": "https://padelsanne.example",
            "message": "",
            "listed_publicly": True,
        },
        branches=[fitness],
    )
    services.join_request_confirm(join_request=request)
    mail.outbox.clear()
    return request


def detail(request) -> str:
    return f"{LIST}{request.pk}/"


def test_lead_sees_confirmed_requests(world, confirmed, client):
    client.force_login(world.users["lead"])
    html = client.get(LIST).content.decode()
    assert "Padel Sanne" in html
    assert "Sanne Sport" in html


def test_lead_of_another_office_cannot_see_them(world, confirmed, client):
    client.force_login(world.users["other_lead"])
    assert client.get(LIST).status_code == 403
    assert client.get(detail(confirmed)).status_code == 403


def test_accepting_creates_the_entrepreneur_and_membership_and_mails(world, confirmed, client):
    client.force_login(world.users["lead"])
    response = client.post(
        detail(confirmed),
        {"action": "accept", "municipality": world.utrecht.pk, "listed_publicly": "on"},
    )
    assert response.status_code == 302
    entrepreneur = Entrepreneur.objects.get(kvk_number="12345678")
    assert entrepreneur.business_name == "Padel Sanne"
    assert entrepreneur.municipality == world.utrecht
    membership = Membership.objects.get(office=world.office, entrepreneur=entrepreneur)
    assert membership.listed_publicly
    confirmed.refresh_from_db()
    assert confirmed.status == JoinRequestStatus.ACCEPTED
    assert confirmed.entrepreneur == entrepreneur
    assert [m.to for m in mail.outbox] == [["sanne@example.invalid"]]
    assert "Welkom bij Kantoor Utrecht" in mail.outbox[0].subject
    assert OfficeMonthlyReach.objects.get(office=world.office).accepted == 1


def test_accepting_a_known_kvk_number_asks_the_business_itself(
    world, confirmed, client, django_capture_on_commit_callbacks
):
    known = EntrepreneurFactory(
        kvk_number="12345678", business_name="Padel Sanne BV", email="info@padelsanne.invalid"
    )
    client.force_login(world.users["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail(confirmed), {"action": "accept", "municipality": world.utrecht.pk})
    assert Entrepreneur.objects.filter(kvk_number="12345678").count() == 1
    assert not Membership.objects.filter(office=world.office, entrepreneur=known).exists()
    assert MembershipClaim.objects.get(office=world.office).entrepreneur == known
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["info@padelsanne.invalid", "sanne@example.invalid"]


def test_listed_only_when_chosen(world, confirmed, client, visitor):
    client.force_login(world.users["lead"])
    client.post(detail(confirmed), {"action": "accept", "municipality": world.utrecht.pk})
    assert "Padel Sanne" not in visitor.get("/kantoren/kantoor-utrecht/").content.decode()


def test_declining_needs_a_reason_and_mails_it(world, confirmed, client):
    client.force_login(world.users["lead"])
    empty = client.post(detail(confirmed), {"action": "decline", "reason": ""})
    assert empty.status_code == 400
    assert not mail.outbox
    client.post(detail(confirmed), {"action": "decline", "reason": "U zit buiten onze regio."})
    confirmed.refresh_from_db()
    assert confirmed.status == JoinRequestStatus.DECLINED
    assert confirmed.decided_by == world.users["lead"]
    assert mail.outbox[0].to == ["sanne@example.invalid"]
    assert "U zit buiten onze regio." in mail.outbox[0].body
    assert not Membership.objects.filter(entrepreneur__kvk_number="12345678").exists()


def test_a_decided_request_cannot_be_decided_again(world, confirmed):
    services.join_request_decline(join_request=confirmed, actor=None, reason="Nee.")
    with pytest.raises(services.ValidationError):
        services.join_request_accept(join_request=confirmed, actor=None)


def test_unconfirmed_request_cannot_be_accepted(world, confirmed):
    confirmed.status = JoinRequestStatus.UNCONFIRMED
    confirmed.save()
    with pytest.raises(services.ValidationError):
        services.join_request_accept(join_request=confirmed, actor=None)


def test_funnel_shows_views_requests_confirmed_and_accepted_per_month(world, confirmed, client):
    services.reach_count(office=world.office, field="views")
    services.reach_count(office=world.office, field="views")
    services.join_request_accept(join_request=confirmed, actor=world.users["lead"])
    client.force_login(world.users["lead"])
    funnel = client.get(LIST).context["funnel"]
    this_month = funnel[0]
    assert this_month["month"] == timezone.localdate().replace(day=1)
    assert (this_month["views"], this_month["join_requests"]) == (2, 1)
    assert (this_month["confirmed"], this_month["accepted"]) == (1, 1)
    assert this_month["request_rate"] == 50
    assert len(funnel) == 12
    assert funnel[1]["views"] == 0


def test_purge_deletes_unconfirmed_and_old_decided_requests_only(world, confirmed):
    now = timezone.now()
    stale = JoinRequest.objects.create(
        office=world.office,
        full_name="Oud",
        business_name="Oud BV",
        kvk_number="11111111",
        email="oud@example.invalid",
        privacy_accepted_at=now,
    )
    JoinRequest.objects.filter(pk=stale.pk).update(updated_at=now - datetime.timedelta(days=31))
    assert services.join_requests_purge(now=now) == 1
    assert JoinRequest.objects.filter(pk=confirmed.pk).exists()  # waits for the lead
    services.join_request_decline(join_request=confirmed, actor=None, reason="Nee.")
    assert services.join_requests_purge(now=now + datetime.timedelta(days=29)) == 0
    assert services.join_requests_purge(now=now + datetime.timedelta(days=31)) == 1


def test_purge_command_reports_what_it_did(world, capsys):
    from django.core.management import call_command

    call_command("purge_join_requests")
    assert "0 aanmeldingen verwijderd" in capsys.readouterr().out
