"""The portal's lists and counts, and the consent links with every way they can be wrong."""

import datetime
import decimal

import pytest

from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.messaging.models import MessageStatus, OfficeMessage
from kapstok.municipality import selectors, services
from kapstok.municipality.models import Contribution
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    PartnerFactory,
)
from kapstok.network.models import Membership

pytestmark = pytest.mark.django_db
SHARING = "/netwerk/kantoren/kantoor-utrecht/delen-met-gemeente/"


# --- consent ---------------------------------------------------------------------------------


def test_a_business_cannot_consent_for_a_municipality_where_it_is_no_member(world):
    with pytest.raises(ValidationError, match="geen lid van een POS-kantoor in Zwolle"):
        services.contact_consent_set(
            entrepreneur=world.member_entrepreneur, municipality=world.zwolle, given=True,
            user=world.users["member"], source="test",
        )  # fmt: skip


def test_a_consent_link_works_only_while_the_membership_stands(world):
    token = services.ask_token(entrepreneur=world.member_entrepreneur, office=world.office)
    assert services.ask_for_token(token) == (world.member_entrepreneur, world.office)
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(
        left_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError, match="ongeldig of verlopen"):
        services.ask_for_token(token)


def test_a_consent_link_older_than_thirty_days_is_refused(world, monkeypatch):
    token = services.ask_token(entrepreneur=world.member_entrepreneur, office=world.office)
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(ValidationError, match="Vraag uw kartrekker om een nieuwe."):
        services.ask_for_token(token)


def test_a_broken_consent_link_explains_in_dutch(client, world):
    response = client.get("/netwerk/toestemming-gemeente/kapot/")
    assert response.status_code == 400
    assert "Deze link is ongeldig of verlopen." in response.content.decode()


def test_asking_a_business_without_any_address_says_so(world, login):
    quiet = EntrepreneurFactory(business_name="Stille Studio", email="")
    MembershipFactory(office=world.office, entrepreneur=quiet)
    response = login(world.users["lead"]).post(
        SHARING, {"action": "ask", "entrepreneur": quiet.pk}, follow=True
    )
    assert "Van Stille Studio is geen e-mailadres bekend." in response.content.decode()
    assert mail.outbox == []


def test_only_a_current_member_of_the_office_can_be_asked(world, login):
    response = login(world.users["lead"]).post(
        SHARING, {"action": "ask", "entrepreneur": world.other_entrepreneur.pk}
    )
    assert response.status_code == 404
    assert mail.outbox == []


def test_a_member_cannot_send_the_request_to_others(world, login):
    login(world.users["member"]).post(
        SHARING, {"action": "ask", "entrepreneur": world.member_entrepreneur.pk}
    )
    assert mail.outbox == []


def test_the_request_mail_names_the_office_and_its_municipalities(world):
    sent = services.contact_consent_ask(
        office=world.office, entrepreneur=world.member_entrepreneur, actor=world.users["lead"]
    )
    [message] = mail.outbox
    assert sent == len(message.to) == 2  # the business address and Marieke's account
    assert message.subject == "Kantoor Utrecht vraagt of de gemeente uw contactgegevens mag zien"
    assert "/netwerk/toestemming-gemeente/" in message.body


# --- the portal ----------------------------------------------------------------------------------


def test_a_civil_servant_of_one_municipality_goes_straight_to_its_portal(world, login):
    response = login(world.users["civil_servant"]).get("/netwerk/gemeenteportaal/")
    assert response.url == "/netwerk/gemeenteportaal/GM0344/"


def test_an_alderman_of_two_municipalities_chooses_and_pos_sees_those_with_offices(world, login):
    alderman = UserFactory(email="wethouder@example.invalid")
    grant_role(user=alderman, role=Role.ALDERMAN, scope=world.utrecht)
    grant_role(user=alderman, role=Role.ALDERMAN, scope=world.zwolle)
    listed = login(alderman).get("/netwerk/gemeenteportaal/").context["municipalities"]
    assert [m.name for m in listed] == ["Utrecht", "Zwolle"]
    MunicipalityFactory(code="GM0001", name="Zonder kantoor")
    pos_list = login(world.users["pos"]).get("/netwerk/gemeenteportaal/").context["municipalities"]
    assert [(m.name, m.office_count) for m in pos_list] == [("Utrecht", 1), ("Zwolle", 1)]


@pytest.mark.parametrize("persona", ["lead", "member", "partner", "researcher"])
def test_the_portal_list_is_for_municipalities_and_pos(world, login, persona):
    assert login(world.users[persona]).get("/netwerk/gemeenteportaal/").status_code == 403


def test_the_portal_counts_this_municipalitys_messages_and_money_only(world):
    second = OfficeFactory(name="Kantoor Tweede", municipalities=[world.utrecht])
    for status in (MessageStatus.SENT, MessageStatus.SENT, MessageStatus.PENDING):
        OfficeMessage.objects.create(
            office=world.office, sender_kind="municipality", municipality=world.utrecht,
            sender_label="Gemeente Utrecht", subject="x", body="y", status=status,
        )  # fmt: skip
    OfficeMessage.objects.create(
        office=world.office, sender_kind="pos", sender_label="POS", subject="x", body="y",
        status=MessageStatus.SENT,
    )  # fmt: skip
    for office, amount in ((world.office, "600"), (second, "250.50")):
        Contribution.objects.create(
            office=office, municipality=world.utrecht, kind="money", amount=amount,
            given_on=datetime.date(2026, 1, 1), purpose="Sportakkoord",
        )  # fmt: skip
    Contribution.objects.create(
        office=world.office, municipality=world.utrecht, kind="facilities",
        given_on=datetime.date(2026, 2, 1), purpose="Zaal",
    )  # fmt: skip
    page = selectors.portal(world.utrecht)
    rows = {row["office"].name: row for row in page["rows"]}
    assert rows["Kantoor Utrecht"]["messages"]["sent"] == 2
    assert rows["Kantoor Utrecht"]["messages"]["pending"] == 1
    assert rows["Kantoor Tweede"]["messages"] == {"sent": 0, "pending": 0}
    assert page["contributed_total"] == decimal.Decimal("850.50")
    assert [c.purpose for c in page["contributions"]] == ["Zaal", "Sportakkoord", "Sportakkoord"]


def test_partners_of_the_municipality_or_its_offices_are_listed_once(world):
    both = PartnerFactory(name="Beide", offices=[world.office])
    both.municipalities.add(world.utrecht)
    PartnerFactory(name="Elders", offices=[world.other_office])
    names = [partner.name for partner in selectors.portal(world.utrecht)["partners"]]
    assert names == ["Beide", "Sportservice Midden"]


def test_offices_without_a_landscape_have_no_coverage(world):
    assert selectors.coverages([world.office, world.other_office]) == {}
