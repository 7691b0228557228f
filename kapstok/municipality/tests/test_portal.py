"""The municipality portal: what a civil servant sees of their offices and entrepreneurs, and the
member's consent to share contact details with the municipality."""

import datetime
import decimal

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.municipality.models import Contribution
from kapstok.network.factories import (
    BodyFactory,
    EntrepreneurFactory,
    MembershipFactory,
    OfficeFactory,
)
from kapstok.progress.models import Signal
from kapstok.trust.consent import municipality_contact_given, municipality_contact_set
from kapstok.trust.models import AuditEntry, ConsentPurpose, ConsentRecord

PORTAL = "/netwerk/gemeenteportaal/GM0344/"
SHARING = "/netwerk/kantoren/kantoor-utrecht/delen-met-gemeente/"


def consents(entrepreneur, municipality, user=None):
    """The business itself says yes for this municipality."""
    municipality_contact_set(
        entrepreneur=entrepreneur, municipality=municipality, given=True, user=user, source="test"
    )


@pytest.fixture
def listed(world):
    """Yoga Marieke is listed publicly and has a phone number; Gym Henk is not listed."""
    membership = world.member_entrepreneur.memberships.get()
    membership.listed_publicly = True
    membership.save()
    world.member_entrepreneur.phone = "0611111111"
    world.member_entrepreneur.save()
    hidden = EntrepreneurFactory(business_name="Gym Henk", email="henk@example.invalid")
    world.hidden_membership = MembershipFactory(office=world.office, entrepreneur=hidden)
    return world


def test_civil_servant_sees_public_fields_but_no_contact_details(listed, login):
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert "Yoga Marieke" in page
    assert listed.member_entrepreneur.website in page
    assert listed.member_entrepreneur.email not in page
    assert "0611111111" not in page
    # Not listed publicly, no consent: not there at all.
    assert "Gym Henk" not in page
    assert "henk@example.invalid" not in page


def test_consent_shows_email_and_phone_even_when_not_listed(listed, login):
    consents(listed.member_entrepreneur, listed.utrecht, listed.users["member"])
    consents(listed.hidden_membership.entrepreneur, listed.utrecht)
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert listed.member_entrepreneur.email in page
    assert "0611111111" in page
    assert "Gym Henk" in page and "henk@example.invalid" in page


def test_no_internal_notes_reach_the_portal(listed, login):
    Signal.objects.create(
        office=listed.office,
        rule="no_session",
        severity="warning",
        params={"months": 6, "since": "2024-09-01"},
        opened_on=datetime.date(2025, 1, 1),
        last_seen_on=datetime.date(2025, 1, 1),
        acknowledgement_note="Geheime notitie over de wethouder",
    )
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert "Geheime notitie" not in page


def test_portal_shows_phase_contributions_bodies_and_branch_counts(listed, login):
    Contribution.objects.create(
        office=listed.office,
        municipality=listed.utrecht,
        kind="money",
        given_on=datetime.date(2025, 3, 1),
        amount=decimal.Decimal("600"),
        purpose="Sportakkoord: groei van het netwerk",
    )
    BodyFactory(name="Sportraad Utrecht", municipalities=[listed.utrecht])
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert "Kantoor Utrecht" in page
    assert "Sportakkoord: groei van het netwerk" in page
    assert "€ 600" in page
    assert "Sportraad Utrecht" in page
    assert "Sportservice Midden" in page  # the office's partner
    assert "Fitness: 2" in page
    assert 'aria-current="step"' in page


def test_portal_lists_positions_sent_to_the_municipality_with_their_support(world, login):
    from django.utils import timezone

    from kapstok.influence.models import Position, PositionStatus

    def position(title, status, **fields):
        return Position.objects.create(
            office=world.office, title=title, body="Tekst", status=status, **fields
        )

    sent = timezone.now()
    position("Ruimte voor buitensport", PositionStatus.SENT, municipality=world.utrecht,
             sent_at=sent, endorsements_at_sending=12)  # fmt: skip
    position("Nog een concept", PositionStatus.CONCEPT, municipality=world.utrecht)
    position("Open voor steun", PositionStatus.OPEN, municipality=world.utrecht)
    page = login(world.users["civil_servant"]).get(PORTAL).content.decode()
    assert "Ruimte voor buitensport" in page and "12 ondernemers" in page
    assert "Nog een concept" not in page and "Open voor steun" not in page


def test_other_municipality_and_members_are_refused(world, login):
    for persona in ["member", "lead", "partner", "other_lead"]:
        assert login(world.users[persona]).get(PORTAL).status_code == 403
    assert (
        login(world.users["civil_servant"]).get("/netwerk/gemeenteportaal/GM0193/").status_code
        == 403
    )


def test_pos_sees_every_portal(world, login):
    client = login(world.users["pos"])
    assert client.get("/netwerk/gemeenteportaal/GM0193/").status_code == 200
    page = client.get("/netwerk/gemeenteportaal/").content.decode()
    assert "Utrecht" in page and "Zwolle" in page


def test_civil_servant_finds_the_portal_on_the_start_page(world, login):
    response = login(world.users["civil_servant"]).get("/start/")
    assert response.status_code == 200
    assert f'href="{PORTAL}"' in response.content.decode()


def _add_offices(world, count):
    for _n in range(count):
        office = OfficeFactory(municipalities=[world.utrecht])
        for _m in range(4):
            membership = MembershipFactory(office=office, listed_publicly=True)
            consents(membership.entrepreneur, world.utrecht)


def _queries(client, url, *, cold=True) -> int:
    if cold:
        cache.clear()  # the offices' figures are kept for a minute: count their queries too
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_portal_queries_do_not_grow_with_offices_and_members(world, login):
    _add_offices(world, 1)
    client = login(world.users["civil_servant"])
    client.get(PORTAL)  # warm the per-process caches (content types)
    few = _queries(client, PORTAL)
    _add_offices(world, 4)
    assert _queries(client, PORTAL) == few
    # From the cache: the four of every signed-in page (session, user, roles, offices), the
    # municipality, the content generation and the POS-wide positions (they depend on the viewer).
    assert _queries(client, PORTAL, cold=False) == 7
    assert few <= 26  # one for the POS-wide positions, two for the social value


def test_member_sets_own_consent_and_it_is_audited(listed, login):
    member = listed.member_entrepreneur
    client = login(listed.users["member"])
    page = client.get(SHARING).content.decode()
    # A member chooses only for their own business, not the others'.
    assert "Yoga Marieke" in page and "Gym Henk" not in page
    client.post(SHARING, {f"share-{member.pk}-{listed.utrecht.pk}": "on"})
    assert municipality_contact_given(member.pk, listed.utrecht.pk)
    record = ConsentRecord.objects.get(purpose=ConsentPurpose.MUNICIPALITY_CONTACT)
    assert (record.user, record.entrepreneur, record.municipality) == (
        listed.users["member"],
        member,
        listed.utrecht,
    )
    entry = AuditEntry.objects.get(model="trust.consentrecord")
    assert entry.actor == listed.users["member"]


def test_a_member_cannot_switch_someone_elses_consent(listed, login):
    hidden = listed.hidden_membership.entrepreneur
    client = login(listed.users["member"])
    client.post(SHARING, {f"share-{hidden.pk}-{listed.utrecht.pk}": "on"})
    assert not municipality_contact_given(hidden.pk, listed.utrecht.pk)


@pytest.mark.parametrize("persona", ["lead", "pos", "admin"])
def test_no_lead_pos_or_admin_action_gives_a_members_consent(listed, login, persona):
    hidden = listed.hidden_membership.entrepreneur
    member = listed.member_entrepreneur
    client = login(listed.users[persona])
    ticks = {f"share-{e.pk}-{listed.utrecht.pk}": "on" for e in (hidden, member)}
    client.post(SHARING, ticks)
    client.post(SHARING, {**ticks, "action": "ask", "entrepreneur": hidden.pk})
    assert not ConsentRecord.objects.filter(purpose=ConsentPurpose.MUNICIPALITY_CONTACT).exists()
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert "henk@example.invalid" not in page


def test_no_lead_action_withdraws_a_members_consent(listed, login):
    consents(listed.member_entrepreneur, listed.utrecht, listed.users["member"])
    login(listed.users["lead"]).post(SHARING, {})
    assert municipality_contact_given(listed.member_entrepreneur.pk, listed.utrecht.pk)


def test_the_lead_asks_and_the_business_answers_by_the_mailed_link(
    listed, login, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    hidden = listed.hidden_membership.entrepreneur
    lead = login(listed.users["lead"])
    page = lead.get(SHARING).content.decode()
    assert "Gym Henk" in page and "deelt niet" in page
    lead.post(SHARING, {"action": "ask", "entrepreneur": hidden.pk})
    (message,) = mail.outbox
    assert message.to == ["henk@example.invalid"]
    link = message.body.split("http://127.0.0.1:8000")[1].split()[0]
    client.logout()
    assert "Gemeente Utrecht mag" in client.get(link).content.decode()
    client.post(link, {f"share-{hidden.pk}-{listed.utrecht.pk}": "on"})
    assert municipality_contact_given(hidden.pk, listed.utrecht.pk)
    civil = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert "henk@example.invalid" in civil


def test_consent_is_per_municipality(listed, login):
    consents(listed.member_entrepreneur, listed.zwolle)
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert listed.member_entrepreneur.email not in page


def test_withdrawing_hides_the_details_at_once_and_is_audited(listed, login):
    consents(listed.member_entrepreneur, listed.utrecht, listed.users["member"])
    client = login(listed.users["member"])
    client.post("/account/mijn-gegevens/toestemming-intrekken/", {
        "purpose": ConsentPurpose.MUNICIPALITY_CONTACT,
    })  # fmt: skip
    assert not municipality_contact_given(listed.member_entrepreneur.pk, listed.utrecht.pk)
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert listed.member_entrepreneur.email not in page
    withdrawn = AuditEntry.objects.filter(model="trust.consentrecord").order_by("pk").last()
    assert "ingetrokken" in withdrawn.summary


def test_leaving_the_office_ends_what_the_municipality_sees(listed, login):
    consents(listed.member_entrepreneur, listed.utrecht, listed.users["member"])
    membership = listed.member_entrepreneur.memberships.get()
    membership.left_on = datetime.date(2025, 1, 1)
    membership.save()
    page = login(listed.users["civil_servant"]).get(PORTAL).content.decode()
    assert listed.member_entrepreneur.email not in page


def test_a_civil_servant_of_a_municipality_without_an_office_lands_on_an_empty_portal(db, login):
    from kapstok.accounts.factories import UserFactory
    from kapstok.accounts.models import Role
    from kapstok.accounts.services import grant_role
    from kapstok.network.factories import MunicipalityFactory

    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort")
    user = UserFactory(email="anne@example.invalid")
    grant_role(user=user, role=Role.CIVIL_SERVANT, scope=amersfoort)
    response = login(user).get("/netwerk/gemeenteportaal/", follow=True)
    assert "Er is (nog) geen POS-kantoor in deze gemeente." in response.content.decode()


def test_the_site_admin_cannot_write_a_consent_in_the_django_admin(listed, login):
    client = login(listed.users["admin"])
    assert client.get("/admin/trust/consentrecord/").status_code == 200  # may read
    add = client.post(
        "/admin/trust/consentrecord/add/",
        {"purpose": ConsentPurpose.MUNICIPALITY_CONTACT, "given": "on", "source": "admin"},
    )
    assert add.status_code == 403
    assert not ConsentRecord.objects.exists()
