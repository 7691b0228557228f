"""The personal-data overview reads as Dutch for people, on the page, in the PDF and in JSON.

Marieke (the member of the root conftest's `world`) gets records in many apps; the page, the
PDF (text extracted with pypdf) and the JSON must then show no Python values (`datetime.`,
`None`, `{'`), no internal ids (`_id`) and no field names outside the JSON's machine keys.
"""

import datetime
import io
import json
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role

pytestmark = pytest.mark.django_db

PYTHON_VALUES = ("datetime.", "Decimal(", "None", "{'", "['", "_id", "True", "False")
MACHINE_KEYS = {"soort", "sleutel", "intrekken_url", "intrekken_toestemming"}


def first_choice(model, name):
    return model._meta.get_field(name).choices[0][0]


@pytest.fixture
def marieke(world):
    """Marieke with records in many apps (and a lead role, so she made things too)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kapstok.coding.factories import build_study
    from kapstok.coding.models import Coding
    from kapstok.goals.factories import GoalFactory, MeasurementFactory
    from kapstok.influence.models import Position, PositionStatus
    from kapstok.influence.services import position_endorse
    from kapstok.messaging.factories import OfficeMessageFactory
    from kapstok.messaging.models import Delivery, SenderKind
    from kapstok.messaging.services import opt_out_set
    from kapstok.monitor.models import Invitation
    from kapstok.network.models import OfficeEvent
    from kapstok.network.services import membership_claim_create
    from kapstok.peers.models import ExchangePost, Meeting, MeetingRsvp
    from kapstok.public.models import JoinRequest
    from kapstok.representation.factories import LandscapeBusinessFactory
    from kapstok.strategy.factories import ParticipantFactory, StrategySessionFactory
    from kapstok.support.models import Category, Message, SupportRequest
    from kapstok.trust.consent import consent_record
    from kapstok.trust.models import ConsentPurpose

    person = world.users["member"]
    business = world.member_entrepreneur
    office = world.office
    grant_role(user=person, role=Role.LEAD, scope=office)
    membership = business.memberships.get()
    now = timezone.now()

    ParticipantFactory(
        session=StrategySessionFactory(office=office), user=person, display_name="Marieke"
    )
    goal = GoalFactory(office=office, owner=person, created_by=person)
    MeasurementFactory(goal=goal, created_by=person, value=Decimal("12.50"))
    OfficeEvent.objects.create(
        office=office, actor=person, kind=first_choice(OfficeEvent, "kind"), summary="Lid erbij"
    )
    membership_claim_create(
        office=world.other_office, entrepreneur=business, joined_on=datetime.date(2025, 1, 1)
    )
    JoinRequest.objects.create(
        office=office,
        full_name="Marieke Lid",
        business_name="Yoga Marieke",
        kvk_number="12345678",
        email="marieke@example.invalid",
        entrepreneur=business,
        privacy_accepted_at=now,
    )
    LandscapeBusinessFactory(office=office, entrepreneur=business, trade_name="Yoga Marieke")
    opt_out_set(
        entrepreneur=business, office=office, sender_kind=SenderKind.MUNICIPALITY, opted_out=True
    )
    consent_record(
        purpose=ConsentPurpose.MUNICIPALITY_CONTACT,
        given=True,
        source="test",
        user=person,
        entrepreneur=business,
        municipality=world.utrecht,
    )
    message = OfficeMessageFactory(office=office, author=world.users["lead"])
    Delivery.objects.create(message=message, entrepreneur=business, status="sent")
    position = Position.objects.create(
        office=office,
        title="Meer sportvelden",
        body="Wij vragen…",
        status=PositionStatus.OPEN,
        created_by=person,
    )
    position_endorse(position=position, entrepreneur_id=business.pk, actor=person, show_name=True)
    category = Category.objects.create(name="Subsidies")
    request = SupportRequest.objects.create(
        office=office, category=category, description="Hulp gezocht", created_by=person
    )
    Message.objects.create(request=request, author=person, body="Dank u")
    ExchangePost.objects.create(
        office=office,
        author=person,
        kind=first_choice(ExchangePost, "kind"),
        topic=first_choice(ExchangePost, "topic"),
        title="Wie deelt een zaal?",
    )
    meeting = Meeting.objects.create(
        scope=first_choice(Meeting, "scope"),
        office=office,
        title="Regiobijeenkomst",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
        invited_roles=[Role.LEAD, Role.MEMBER],
        created_by=person,
    )
    MeetingRsvp.objects.create(
        meeting=meeting, user=person, answer=first_choice(MeetingRsvp, "answer")
    )
    study = build_study(world)
    Invitation.objects.create(
        wave=study.waves[0],
        office=office,
        audience=study.questionnaire.audience,
        questionnaire=study.questionnaire,
        respondent=person,
        email=person.email,
        name=person.full_name,
    )
    answer = study.responses[(2025, "lead")].answers[0]
    Coding.objects.create(
        answer=answer, code=study.codes["leden"], coder=person, start=0, end=4, fragment="Wij "
    )
    for purpose in (ConsentPurpose.PRIVACY_STATEMENT, ConsentPurpose.PUBLIC_LISTING):
        consent_record(
            purpose=purpose, given=True, source="test", user=person, entrepreneur=business
        )
    membership.listed_publicly = True
    membership.save()
    TOTPDevice.objects.create(user=person, name="telefoon", confirmed=True)
    return person


class VisibleText(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def machine_keys(data) -> set[str]:
    """The field names (`sleutel`) in the JSON: the words people must never read."""
    found = set()
    if isinstance(data, dict):
        if "sleutel" in data:
            found.add(data["sleutel"])
        for value in data.values():
            found |= machine_keys(data=value)
    elif isinstance(data, list):
        for item in data:
            found |= machine_keys(item)
    return found


def human_texts(data, key=None):
    """Every string of the JSON that is meant for people (not a machine key)."""
    if isinstance(data, dict):
        for k, value in data.items():
            yield from human_texts(value, k)
    elif isinstance(data, list):
        for item in data:
            yield from human_texts(item, key)
    elif isinstance(data, str) and key not in MACHINE_KEYS:
        yield data


def assert_readable(text: str, field_names: set[str], where: str) -> None:
    for python in PYTHON_VALUES:
        assert python not in text, f"{where}: {python!r} in {text[:200]!r}"
    # Internal field names: spelled with an underscore ("business_name", "kvk_number").
    for name in field_names:
        if "_" in name:
            assert not re.search(rf"\b{re.escape(name)}\b", text), f"{where}: {name}"


@pytest.fixture
def downloads(client, marieke):
    """The JSON download and the page, for Marieke."""
    client.force_login(marieke)
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    page = client.get(reverse("trust:my_data")).content.decode()
    return data, page


def test_the_download_describes_records_from_many_apps(downloads):
    data, _page = downloads
    [business] = data["ondernemingen"]
    kinds = {group["soort"] for group in data["gegevens"] + business["gegevens"]}
    expected = {
        "strategy.participant",
        "goals.goal",
        "goals.measurement",
        "network.officeevent",
        "network.membershipclaim",
        "public.joinrequest",
        "representation.landscapebusiness",
        "messaging.optout",
        "messaging.delivery",
        "influence.position",
        "influence.endorsement",
        "support.supportrequest",
        "support.message",
        "peers.exchangepost",
        "peers.meeting",
        "peers.meetingrsvp",
        "monitor.invitation",
        "coding.coding",
        "otp_totp.totpdevice",
    }
    assert expected <= kinds, sorted(expected - kinds)
    for group in data["gegevens"] + business["gegevens"]:
        assert group["omschrijving"] and group["doel"] and group["grondslag"]
        assert group["bewaartermijn"] and group["aantal"] == len(group["records"])
        for record in group["records"]:
            assert record["soort"] == group["soort"] and record["sinds"] != "–"
            for item in record["velden"]:
                assert (
                    item["label"] and item["sleutel"] != item["label"] or "_" not in item["label"]
                )


def test_a_row_found_through_the_person_and_the_business_is_shown_once(downloads):
    data, _page = downloads
    [business] = data["ondernemingen"]
    everywhere = [g["soort"] for g in data["gegevens"] + business["gegevens"]]
    assert everywhere.count("influence.endorsement") == 1
    [endorsements] = [g for g in business["gegevens"] if g["soort"] == "influence.endorsement"]
    assert endorsements["aantal"] == 1


def test_values_are_formatted_for_people(downloads):
    data, _page = downloads
    [business] = data["ondernemingen"]
    [membership] = business["lidmaatschappen"]["records"]
    values = {item["sleutel"]: item for item in membership["velden"]}
    assert values["joined_on"]["waarde"] == "1 juni 2023"
    assert values["joined_on"]["label"] == "lid sinds"
    assert values["left_on"]["waarde"] == "–"
    assert values["listed_publicly"]["waarde"] == "ja"
    assert values["office"]["waarde"] == "Kantoor Utrecht"
    groups = {g["soort"]: g for g in data["gegevens"]}
    [measurement] = groups["goals.measurement"]["records"]
    assert {i["sleutel"]: i["waarde"] for i in measurement["velden"]}["value"] == "12,50"
    [meeting] = groups["peers.meeting"]["records"]
    roles = {i["sleutel"]: i["waarde"] for i in meeting["velden"]}["invited_roles"]
    assert roles == "kartrekker, lid (ondernemer)"


def test_the_json_keeps_machine_keys_beside_dutch_words(downloads):
    data, _page = downloads
    names = machine_keys(data)
    assert {"joined_on", "business_name", "kvk_number"} <= names
    for text in human_texts(data):
        assert_readable(text, names, "json")


def test_the_page_reads_as_dutch_without_python_values_or_field_names(downloads):
    data, page = downloads
    text = visible(page)
    assert_readable(text, machine_keys(data), "page")
    assert "Deelname aan strategische sessies" in text
    assert "Yoga Marieke" in text and "1 juni 2023" in text


def test_the_pdf_reads_as_dutch_without_python_values_or_field_names(client, downloads):
    data, _page = downloads
    pdf = client.get(reverse("trust:my_data_pdf")).content
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert_readable(pdf_text, machine_keys(data), "pdf")
    assert "Deelname aan strategische sessies" in pdf_text
    assert "Grondslag" in pdf_text and "Hoe lang" in pdf_text


def test_the_person_sees_who_has_their_contact_details_and_can_withdraw(downloads, world):
    data, page = downloads
    lines = {line["wie"]: line for line in data["wie_ziet_uw_contactgegevens"]}
    lead = lines["De kartrekkers van Kantoor Utrecht"]
    assert lead["grond"] == "uw lidmaatschap van Kantoor Utrecht"
    assert lead["sinds"] == "1 juni 2023"
    municipality = lines["Beleidsambtenaren en wethouders van gemeente Utrecht"]
    assert municipality["grond"] == "uw toestemming om te delen met de gemeente"
    assert municipality["intrekken_toestemming"] == "municipality_contact"
    assert municipality["intrekken_gemeente"] == world.utrecht.pk
    listing = lines["Iedereen, op de openbare pagina van Kantoor Utrecht"]
    assert listing["intrekken_toestemming"] == "public_listing"
    assert "Medewerkers van het POS" in lines
    assert f'name="municipality" value="{world.utrecht.pk}"' in page
    assert reverse("trust:consent_withdraw") in page


def test_without_consent_the_municipality_is_not_listed(client, world):
    client.force_login(world.users["member"])
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    who = [line["wie"] for line in data["wie_ziet_uw_contactgegevens"]]
    assert who == ["De kartrekkers van Kantoor Utrecht", "Medewerkers van het POS"]


def test_someone_without_a_business_has_no_contact_lines(client, world):
    client.force_login(world.users["researcher"])
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    assert data["wie_ziet_uw_contactgegevens"] == [] and data["ondernemingen"] == []
    assert data["rollen"]["records"][0]["velden"][0]["waarde"] == "onderzoeker"


def test_the_withdraw_button_withdraws_the_consent_for_that_municipality_only(client, world):
    from kapstok.trust.consent import municipality_contact_given, municipality_contact_set

    member, business = world.users["member"], world.member_entrepreneur
    for municipality in (world.utrecht, world.zwolle):
        municipality_contact_set(
            entrepreneur=business, municipality=municipality, given=True, user=member, source="t"
        )
    client.force_login(member)
    response = client.post(
        reverse("trust:consent_withdraw"),
        {"purpose": "municipality_contact", "municipality": str(world.utrecht.pk)},
    )
    assert response.status_code == 302
    assert not municipality_contact_given(business.pk, world.utrecht.pk)
    assert municipality_contact_given(business.pk, world.zwolle.pk)
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    who = [line["wie"] for line in data["wie_ziet_uw_contactgegevens"]]
    assert "Beleidsambtenaren en wethouders van gemeente Utrecht" not in who
