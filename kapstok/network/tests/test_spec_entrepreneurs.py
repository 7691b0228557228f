"""Entrepreneurs and memberships: who sees and edits what, audits, mails, and the claim rules."""

import datetime

import pytest

from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.access import MemberDetail
from kapstok.network import selectors, services
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    SportBranchFactory,
)
from kapstok.network.forms import MembershipAddForm
from kapstok.network.models import (
    ClaimStatus,
    Entrepreneur,
    EventKind,
    Membership,
    MembershipClaim,
    OfficeEvent,
)
from kapstok.trust.models import AuditEntry

pytestmark = pytest.mark.django_db
LIST = "/netwerk/ondernemers/"


def entrepreneur_data(world, **changes):
    data = {
        "business_name": "Yoga Marieke",
        "kvk_number": world.member_entrepreneur.kvk_number,
        "establishment_number": "",
        "branches": [world.member_entrepreneur.branches.get().pk],
        "municipality": world.utrecht.pk,
        "website": "",
        "email": "",
        "phone": "",
        "size_band": "small",
        "is_chain": "",
    }
    return data | changes


# --- who sees whom -----------------------------------------------------------------------------


def test_a_lead_finds_only_the_current_members_of_their_office(world, login):
    former = EntrepreneurFactory(business_name="Oud Lid")
    MembershipFactory(office=world.office, entrepreneur=former, left_on=datetime.date(2024, 1, 1))
    page = login(world.users["lead"]).get(LIST).context["page"]
    assert [e.business_name for e in page] == ["Yoga Marieke"]


def test_pos_searches_by_name_or_the_start_of_the_kvk_number(world, login):
    pos = login(world.users["pos"])
    by_name = pos.get(LIST, {"q": "boks"}).context["page"]
    kvk = world.member_entrepreneur.kvk_number
    by_kvk = pos.get(LIST, {"q": kvk[:5]}).context["page"]
    assert [e.business_name for e in by_name] == ["Boks Zwolle"]
    assert world.member_entrepreneur in list(by_kvk)
    assert pos.get(LIST, {"q": kvk[2:]}).context["page"].object_list.count() == 0


@pytest.mark.parametrize("persona", ["member", "civil_servant", "partner", "researcher"])
def test_only_leads_and_pos_open_the_entrepreneur_list(world, login, persona):
    assert login(world.users[persona]).get(LIST).status_code == 403


def test_a_lead_sees_only_their_own_offices_membership_of_a_shared_member(world, login):
    MembershipFactory(office=world.other_office, entrepreneur=world.member_entrepreneur)
    url = world.member_entrepreneur.get_absolute_url()
    lead_view = login(world.users["lead"]).get(url).context["memberships"]
    assert [m.office for m in lead_view] == [world.office]
    member_view = login(world.users["member"]).get(url).context["memberships"]
    assert {m.office for m in member_view} == {world.office, world.other_office}


# --- saving an entrepreneur ------------------------------------------------------------------


def test_editing_an_entrepreneur_is_audited_with_before_and_after(world, login):
    login(world.users["lead"]).post(
        world.member_entrepreneur.get_absolute_url() + "bewerken/",
        entrepreneur_data(world, business_name="Yoga Marieke & Co"),
    )
    entry = AuditEntry.objects.filter(model="network.entrepreneur").latest("pk")
    assert entry.before["business_name"] == "Yoga Marieke"
    assert entry.after["business_name"] == "Yoga Marieke & Co"
    assert entry.actor == world.users["lead"]


def test_a_kvk_number_typed_with_spaces_is_accepted_when_adding_a_member(world):
    form = MembershipAddForm(
        data={"kvk_number": "1234 5678", "joined_on": "2025-01-01", "business_name": "Padel",
              "branches": [world.member_entrepreneur.branches.get().pk],
              "municipality": world.utrecht.pk},
        office=world.office,
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kvk_number"] == "12345678"


def test_a_kvk_number_typed_with_spaces_is_stored_without(world, login):
    login(world.users["pos"]).post(
        "/netwerk/ondernemers/nieuw/",
        entrepreneur_data(world, business_name="Padel Nieuw", kvk_number="1234 5678"),
    )
    assert Entrepreneur.objects.get(business_name="Padel Nieuw").kvk_number == "12345678"


def test_a_second_entrepreneur_with_the_same_numbers_is_refused_in_dutch(world, login):
    response = login(world.users["pos"]).post(
        "/netwerk/ondernemers/nieuw/", entrepreneur_data(world, business_name="Dubbel")
    )
    assert "Er is al een sportondernemer met dit KvK-nummer en vestigingsnummer." in (
        response.content.decode()
    )
    assert not Entrepreneur.objects.filter(business_name="Dubbel").exists()


def test_the_service_needs_a_branch_and_saves_nothing_without(world):
    new = Entrepreneur(
        business_name="Zonder tak", kvk_number="12345678", municipality=world.utrecht
    )
    with pytest.raises(ValidationError) as refused:
        services.entrepreneur_save(entrepreneur=new, branches=[])
    assert refused.value.message_dict == {"branches": ["Kies ten minste één tak van sport."]}
    assert not Entrepreneur.objects.filter(kvk_number="12345678").exists()


def test_a_changed_phone_number_is_told_at_the_address_on_file(
    world, django_capture_on_commit_callbacks
):
    marieke = world.member_entrepreneur
    marieke.email = "info@yogamarieke.invalid"
    marieke.save()
    marieke.phone = "06 1111 2222"
    with django_capture_on_commit_callbacks(execute=True):
        services.entrepreneur_save(
            entrepreneur=marieke, branches=marieke.branches.all(), actor=world.users["lead"]
        )
    [message] = mail.outbox
    assert message.to == ["info@yogamarieke.invalid"]
    assert "06 1111 2222" in message.body and "Kees Kartrekker" in message.body


def test_removing_the_address_is_told_at_the_address_removed(
    world, django_capture_on_commit_callbacks
):
    marieke = world.member_entrepreneur
    old_address = marieke.email
    marieke.email = ""
    with django_capture_on_commit_callbacks(execute=True):
        services.entrepreneur_save(entrepreneur=marieke, branches=marieke.branches.all())
    assert [message.to for message in mail.outbox] == [[old_address]]


def test_no_mail_when_the_contact_details_stay_or_there_was_no_address(
    world, django_capture_on_commit_callbacks
):
    newcomer = EntrepreneurFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.email = "nieuw@example.invalid"  # no address on file before: nobody to tell
        services.entrepreneur_save(entrepreneur=newcomer, branches=newcomer.branches.all())
        newcomer.business_name = "Andere naam"  # name only
        services.entrepreneur_save(entrepreneur=newcomer, branches=newcomer.branches.all())
    assert mail.outbox == []


# --- memberships -------------------------------------------------------------------------------


def test_ending_a_membership_is_audited_and_in_the_timeline(world):
    membership = Membership.objects.get(office=world.office)
    services.membership_end(
        membership=membership, left_on=datetime.date(2025, 1, 31), actor=world.users["lead"]
    )
    event = OfficeEvent.objects.get(office=world.office, kind=EventKind.MEMBER_LEFT)
    assert event.summary == "Yoga Marieke is geen lid meer."
    entry = AuditEntry.objects.filter(model="network.membership").latest("pk")
    assert (entry.before["left_on"], entry.after["left_on"]) == (None, "2025-01-31")


def test_an_ended_membership_cannot_be_ended_again(world, login):
    membership = Membership.objects.get(office=world.office)
    membership.left_on = datetime.date(2025, 1, 31)
    membership.save()
    url = f"/netwerk/kantoren/kantoor-utrecht/leden/{membership.pk}/beeindigen/"
    assert login(world.users["lead"]).get(url).status_code == 404


def test_a_membership_of_another_office_cannot_be_ended_through_this_one(world, login):
    zwolle = Membership.objects.get(office=world.other_office)
    url = f"/netwerk/kantoren/kantoor-utrecht/leden/{zwolle.pk}/beeindigen/"
    response = login(world.users["pos"]).post(url, {"left_on": "2025-01-31"})
    assert response.status_code == 404
    zwolle.refresh_from_db()
    assert zwolle.left_on is None


def test_ending_without_a_date_is_refused_in_dutch(world, login):
    membership = Membership.objects.get(office=world.office)
    url = f"/netwerk/kantoren/kantoor-utrecht/leden/{membership.pk}/beeindigen/"
    response = login(world.users["lead"]).post(url, {"left_on": ""})
    assert response.context["form"].errors["left_on"] == [
        "Vul de datum in waarop het lidmaatschap eindigt."
    ]


def test_adding_by_kvk_reuses_the_known_business_and_keeps_its_details(world):
    known = world.other_entrepreneur
    membership = services.membership_add_by_kvk(
        office=world.office,
        entrepreneur_data={"kvk_number": known.kvk_number, "business_name": "Iets Anders"},
        branches=[],
        joined_on=datetime.date(2025, 1, 1),
    )
    known.refresh_from_db()
    assert membership.entrepreneur == known and known.business_name == "Boks Zwolle"


def test_a_new_member_is_added_to_the_timeline_and_the_audit(world):
    newcomer = EntrepreneurFactory(business_name="Padel Nieuw")
    services.membership_add(
        office=world.office, entrepreneur=newcomer, joined_on=datetime.date(2025, 1, 1)
    )
    event = OfficeEvent.objects.get(office=world.office, kind=EventKind.MEMBER_JOINED)
    assert event.summary == "Padel Nieuw is lid geworden."
    assert AuditEntry.objects.filter(model="network.membership", action="create").exists()


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        (MemberDetail.NONE, []),
        (MemberDetail.PUBLIC, ["Publiek Lid"]),
        (MemberDetail.NETWORK, ["Publiek Lid", "Yoga Marieke"]),
        (MemberDetail.FULL, ["Publiek Lid", "Yoga Marieke"]),
    ],
)
def test_members_are_shown_as_far_as_the_viewer_may_see(world, detail, expected):
    public = EntrepreneurFactory(business_name="Publiek Lid")
    MembershipFactory(office=world.office, entrepreneur=public, listed_publicly=True)
    gone = EntrepreneurFactory(business_name="Oud Publiek Lid")
    MembershipFactory(office=world.office, entrepreneur=gone, listed_publicly=True,
                      left_on=datetime.date(2024, 1, 1))  # fmt: skip
    shown = selectors.members_for(world.office, detail)
    assert [m.entrepreneur.business_name for m in shown] == expected


# --- claims ------------------------------------------------------------------------------------


@pytest.fixture
def claim(world):
    return services.membership_claim_create(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2025, 1, 1),
        actor=world.users["other_lead"],
    )


def test_a_link_older_than_thirty_days_is_refused(claim, monkeypatch):
    token = services.claim_token(claim)
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(ValidationError, match="ongeldig of verlopen"):
        services.claim_for_token(token)


def test_a_link_to_a_removed_request_is_refused(claim):
    token = services.claim_token(claim)
    MembershipClaim.objects.all().delete()
    with pytest.raises(ValidationError, match="ongeldig of verlopen"):
        services.claim_for_token(token)


def test_a_claim_is_confirmed_with_the_date_asked_but_never_in_the_future(world):
    later = timezone.localdate() + datetime.timedelta(days=20)
    claim = services.membership_claim_create(
        office=world.other_office, entrepreneur=world.member_entrepreneur, joined_on=later
    )
    membership = services.membership_claim_confirm(claim=claim, listed_publicly=True)
    assert membership.joined_on == timezone.localdate() and membership.listed_publicly


def test_confirming_after_becoming_a_member_anyway_leaves_the_request_open(world, claim):
    MembershipFactory(office=world.other_office, entrepreneur=world.member_entrepreneur)
    with pytest.raises(ValidationError, match="is al lid van dit kantoor"):
        services.membership_claim_confirm(claim=claim, listed_publicly=False)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    assert Membership.objects.filter(office=world.other_office).count() == 2


def test_a_decided_request_cannot_be_withdrawn(world, claim):
    services.membership_claim_decline(claim=claim)
    with pytest.raises(ValidationError, match="Over dit verzoek is al besloten."):
        services.membership_claim_withdraw(claim=claim)
    claim.refresh_from_db()
    assert (claim.status, claim.decided_at is not None) == (ClaimStatus.DECLINED, True)


def test_the_business_is_asked_at_its_address_and_its_members_accounts(world):
    marieke = world.member_entrepreneur
    marieke.email = "Info@YogaMarieke.invalid"
    marieke.save()
    assert services.entrepreneur_addresses(marieke) == [
        "info@yogamarieke.invalid",
        "marieke@example.invalid",
    ]
    world.users["member"].is_active = False
    world.users["member"].save()
    assert services.entrepreneur_addresses(marieke) == ["info@yogamarieke.invalid"]


# --- municipalities ----------------------------------------------------------------------------


def test_ended_municipalities_leave_the_list_and_a_province_filter_narrows_it(world, login):
    MunicipalityFactory(code="GM0999", name="Opgeheven", ended_on=datetime.date(2020, 1, 1))
    client = login(world.users["member"])
    listed = [m.name for m in client.get("/netwerk/gemeenten/").context["municipalities"]]
    assert "Opgeheven" not in listed and {"Utrecht", "Zwolle"} <= set(listed)
    overijssel = client.get("/netwerk/gemeenten/", {"provincie": "Overijssel"})
    assert [m.name for m in overijssel.context["municipalities"]] == ["Zwolle"]


def test_a_municipality_page_counts_its_offices_members_and_businesses(world, login):
    EntrepreneurFactory(municipality=world.utrecht, branches=[SportBranchFactory(slug="golf")])
    page = login(world.users["member"]).get("/netwerk/gemeenten/GM0344/")
    assert page.context["offices"] == [world.office]
    assert (page.context["member_count"], page.context["entrepreneur_count"]) == (1, 2)
    assert login(world.users["member"]).get("/netwerk/gemeenten/GM9999/").status_code == 404
