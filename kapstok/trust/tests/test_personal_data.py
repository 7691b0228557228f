"""A person's own data: shown, downloaded as JSON, erased on request; retention per category."""

import datetime
import json

import pytest

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.models import RoleGrant, User
from kapstok.network.models import Entrepreneur, Membership
from kapstok.trust import retention
from kapstok.trust.models import AuditEntry, ErasureRecord, OutboxMessage

pytestmark = pytest.mark.django_db


def test_member_sees_own_data_and_link_to_the_privacy_statement(client, world):
    client.force_login(world.users["member"])
    page = client.get(reverse("trust:my_data")).content.decode()
    assert "marieke@example.invalid" in page
    assert "Yoga Marieke" in page
    assert reverse("public:privacy") in page


def fields(record: dict) -> dict:
    """{machine key: formatted value} of one record of the download."""
    return {item["sleutel"]: item["waarde"] for item in record["velden"]}


def test_member_downloads_own_data_as_json(client, world):
    client.force_login(world.users["member"])
    response = client.get(reverse("trust:my_data_json"))
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    [account] = data["account"]["records"]
    assert fields(account)["email"] == "marieke@example.invalid"
    [business] = data["ondernemingen"]
    assert fields(business["onderneming"]["records"][0])["business_name"] == "Yoga Marieke"
    [membership] = business["lidmaatschappen"]["records"]
    assert fields(membership)["joined_on"] == "1 juni 2023"


def test_the_download_includes_what_other_apps_keep_about_the_business(client, world):
    from kapstok.messaging.models import SenderKind
    from kapstok.messaging.services import opt_out_set
    from kapstok.trust.consent import municipality_contact_set

    member = world.users["member"]
    entrepreneur = world.member_entrepreneur
    opt_out_set(
        entrepreneur=entrepreneur,
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
        opted_out=True,
    )
    municipality_contact_set(
        entrepreneur=entrepreneur, municipality=world.utrecht, given=True, user=member, source="t"
    )

    client.force_login(member)
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    [exported] = data["ondernemingen"]
    linked = {group["soort"]: group["records"] for group in exported["gegevens"]}
    [opt_out] = linked["messaging.optout"]
    assert fields(opt_out)["sender_kind"] == "de gemeente"
    consents = [fields(record) for record in data["toestemmingen"]["records"]]
    [consent] = [c for c in consents if c["municipality"] == "Utrecht"]
    assert consent["given"] == "ja" and consent["entrepreneur"] == "Yoga Marieke"


def test_anonymous_must_log_in(client):
    response = client.get(reverse("trust:my_data"))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_erasure_anonymises_the_person_and_their_business_and_keeps_the_counts(client, world):
    member = world.users["member"]
    entrepreneur_id = world.member_entrepreneur.pk
    members_before = Membership.objects.filter(office=world.office).count()
    client.force_login(member)
    response = client.post(reverse("trust:erase"), {"confirm": "ja"})
    assert response.status_code == 302

    member.refresh_from_db()
    assert member.email == f"verwijderd-{member.pk}@kapstok.invalid"
    assert member.full_name == "" and not member.is_active
    assert not member.has_usable_password()
    assert not RoleGrant.objects.filter(user=member).exists()
    entrepreneur = Entrepreneur.objects.get(pk=entrepreneur_id)
    assert "Yoga Marieke" not in entrepreneur.business_name
    assert entrepreneur.email == "" and entrepreneur.phone == ""
    assert Membership.objects.filter(office=world.office).count() == members_before
    record = ErasureRecord.objects.get()
    assert record.user_id_erased == member.pk and record.entrepreneurs_anonymised == 1
    erasure_entries = AuditEntry.objects.filter(summary__contains="Geanonimiseerd")
    assert erasure_entries.count() == 2
    assert all("marieke" not in json.dumps(e.before).lower() for e in erasure_entries)
    # Logged out, and the old address no longer logs in.
    assert client.get(reverse("trust:my_data")).status_code == 302


def test_erasure_needs_the_confirmation(client, world):
    client.force_login(world.users["member"])
    client.post(reverse("trust:erase"), {})
    assert User.objects.filter(email="marieke@example.invalid").exists()
    assert not ErasureRecord.objects.exists()


def test_a_business_with_another_representative_is_kept(world):
    from kapstok.accounts.models import Role
    from kapstok.accounts.services import grant_role
    from kapstok.trust.personal_data import personal_data_erase

    grant_role(user=world.users["outsider"], role=Role.MEMBER, scope=world.member_entrepreneur)
    personal_data_erase(user=world.users["member"])
    world.member_entrepreneur.refresh_from_db()
    assert world.member_entrepreneur.business_name == "Yoga Marieke"


def test_retention_removes_what_is_past_its_term_and_keeps_the_rest(world):
    now = timezone.now()
    old = OutboxMessage.objects.create(subject="oud", sent_at=now - datetime.timedelta(days=40))
    recent = OutboxMessage.objects.create(subject="nieuw", sent_at=now - datetime.timedelta(days=3))
    waiting = OutboxMessage.objects.create(subject="wacht")
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=now - retention.DAY)
    result = retention.apply_retention(now=now)
    assert result["Verstuurde e-mails in de wachtrij"] == 1
    assert result["Sessies"] == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


def test_apply_retention_command_reports_per_category(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Auditlog: 0 verwijderd" in out.getvalue()


def test_site_admin_sees_the_inventory_others_do_not(client, world):
    client.force_login(world.users["admin"])
    page = client.get(reverse("trust:data_inventory")).content.decode()
    assert "Inlogpogingen" in page and "30 dagen" in page
    client.force_login(world.users["pos"])
    assert client.get(reverse("trust:data_inventory")).status_code == 403


def test_member_downloads_own_data_as_pdf(client, world):
    client.force_login(world.users["member"])
    response = client.get(reverse("trust:my_data_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
