"""The pages of the POS-wide positions: POS writes and opens, members endorse from any office,
the municipality sees its own count and PDF, POS every municipality's PDF."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.access import viewer_for
from kapstok.core.generation import generation_bump
from kapstok.home.todo import sections_for
from kapstok.influence.factories import NationalEndorsementFactory, NationalPositionFactory
from kapstok.influence.models import NationalEndorsement, NationalPosition, NationalStatus
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/netwerk/invloed/landelijk/"
NEW = LIST + "nieuw/"


def page(position, tail=""):
    return f"{LIST}{position.pk}/{tail}"


def pdf_url(position, municipality):
    return f"{LIST}{position.pk}/gemeenten/{municipality.code}.pdf"


def pdf_text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def html(response) -> str:
    return response.content.decode()


def endorsers(position, office, municipality, count, show_name=False, prefix="Padel"):
    for i in range(count):
        entrepreneur = EntrepreneurFactory(
            business_name=f"{prefix} {municipality.name} {i}", municipality=municipality
        )
        MembershipFactory(office=office, entrepreneur=entrepreneur)
        NationalEndorsement.objects.create(
            position=position, entrepreneur=entrepreneur, office=office, show_name=show_name
        )


# --- POS writes -------------------------------------------------------------------------------


def test_pos_writes_a_concept_and_opens_it(world, login):
    client = login(world.users["pos"])
    response = client.post(
        NEW,
        {
            "title": "Geen btw-verhoging op sport",
            "body": "Het tarief gaat van 9 naar 21 procent.",
            "ask": "Spreek u uit tegen de verhoging.",
            "closes_on": "",
        },
    )
    position = NationalPosition.objects.get()
    assert response.status_code == 302 and response["Location"] == page(position)
    assert position.status == NationalStatus.CONCEPT

    client.post(page(position, "status/"), {"action": "open"})

    position.refresh_from_db()
    assert position.status == NationalStatus.OPEN


def test_a_form_without_the_ask_or_with_a_past_closing_day_saves_nothing(world, login):
    client = login(world.users["pos"])
    missing = client.post(NEW, {"title": "Btw", "body": "Tekst", "ask": ""})
    past = client.post(
        NEW, {"title": "Btw", "body": "Tekst", "ask": "Vraag", "closes_on": "2020-01-01"}
    )

    assert missing.status_code == past.status_code == 400
    assert "Dit veld is verplicht." in html(missing)
    assert "De sluitdatum ligt in het verleden" in html(past)
    assert not NationalPosition.objects.exists()


def test_an_unknown_status_action_is_refused_with_a_message(world, login):
    position = NationalPositionFactory(status=NationalStatus.CONCEPT)
    response = login(world.users["pos"]).post(
        page(position, "status/"), {"action": "weg"}, follow=True
    )
    assert "Kies openstellen, sluiten of versturen." in html(response)
    assert NationalPosition.objects.get().status == NationalStatus.CONCEPT


def test_an_opened_position_cannot_be_edited(world, login):
    position = NationalPositionFactory()
    response = login(world.users["pos"]).get(page(position, "bewerken/"), follow=True)
    assert "kan niet meer worden gewijzigd" in html(response)


def test_concepts_are_pos_only(world, login):
    concept = NationalPositionFactory(status=NationalStatus.CONCEPT, title="Nog geheim")
    assert login(world.users["member"]).get(page(concept)).status_code == 404
    assert "Nog geheim" not in html(login(world.users["member"]).get(LIST))
    assert "Nog geheim" in html(login(world.users["pos"]).get(LIST))


# --- members endorse --------------------------------------------------------------------------


def test_a_member_endorses_once_and_withdraws(world, login):
    position = NationalPositionFactory()
    client = login(world.users["other_member"])  # Kantoor Zwolle: any office will do

    client.post(page(position, "steunen/"), {"show_name": "on"})
    again = client.post(page(position, "steunen/"), {}, follow=True)

    [endorsement] = NationalEndorsement.objects.all()
    assert (endorsement.entrepreneur, endorsement.office) == (
        world.other_entrepreneur,
        world.other_office,
    )
    assert endorsement.show_name is True
    assert "Uw bedrijf steunt dit standpunt al" in html(again)

    client.post(page(position, "intrekken/"))
    assert not NationalEndorsement.objects.exists()


def test_the_page_shows_a_member_what_they_did(world, login):
    position = NationalPositionFactory()
    client = login(world.users["member"])
    assert "Ik steun dit standpunt" in html(client.get(page(position)))

    client.post(page(position, "steunen/"), {})
    shown = html(client.get(page(position)))

    assert "Uw bedrijf steunt dit standpunt." in shown and "U telt mee zonder naam." in shown
    assert "Steun intrekken" in shown


def test_a_closed_position_takes_no_endorsement(world, login):
    position = NationalPositionFactory(status=NationalStatus.CLOSED)
    response = login(world.users["member"]).post(page(position, "steunen/"), {}, follow=True)
    assert "niet open" in html(response)
    assert not NationalEndorsement.objects.exists()


def test_the_open_position_waits_on_the_members_start_page_until_endorsed(world, login):
    position = NationalPositionFactory(title="Geen btw-verhoging op sport")
    member = viewer_for(world.users["member"])

    titles = [item.title for section in sections_for(member) for item in section.items]
    assert "Steun het landelijke standpunt ‘Geen btw-verhoging op sport’" in titles

    NationalEndorsementFactory(
        position=position, entrepreneur=world.member_entrepreneur, office=world.office
    )
    generation_bump()  # as the endorsing request does: the start page's parts are cached
    titles = [item.title for section in sections_for(member) for item in section.items]
    assert not any("landelijke standpunt" in title for title in titles)


def test_the_offices_influence_page_shows_the_open_position_and_its_count(world, login):
    position = NationalPositionFactory(title="Geen btw-verhoging op sport")
    endorsers(position, world.office, world.utrecht, 6)
    register = "/netwerk/kantoren/kantoor-utrecht/invloed/"

    response = login(world.users["member"]).get(register)

    [row] = response.context["national_positions"]
    assert (row["position"], row["office_label"], row["waiting"]) == (position, "6", True)
    assert "wacht op uw steun" in html(response)


# --- totals as each role sees them ------------------------------------------------------------


def test_pos_sees_exact_counts_per_office_and_a_pdf_link_per_municipality(world, login):
    position = NationalPositionFactory()
    endorsers(position, world.office, world.utrecht, 6)
    endorsers(position, world.other_office, world.zwolle, 2)

    response = login(world.users["pos"]).get(page(position))

    body = html(response)
    assert response.context["totals"].total == 8
    assert [r.label for r in response.context["totals"].per_office] == ["6", "2"]
    assert pdf_url(position, world.utrecht) in body and pdf_url(position, world.zwolle) in body


def test_members_see_small_counts_as_a_band_and_no_municipality_list(world, login):
    position = NationalPositionFactory()
    endorsers(position, world.office, world.utrecht, 6)
    endorsers(position, world.other_office, world.zwolle, 2)

    response = login(world.users["member"]).get(page(position))

    assert [r.label for r in response.context["totals"].per_office] == ["6", "< 5"]
    assert pdf_url(position, world.utrecht) not in html(response)
    assert "Steun per gemeente" not in html(response)


def test_the_civil_servant_sees_their_own_count_and_pdf_only(world, login):
    position = NationalPositionFactory()
    endorsers(position, world.office, world.utrecht, 7)
    endorsers(position, world.other_office, world.zwolle, 9)
    client = login(world.users["civil_servant"])

    body = html(client.get(page(position)))
    portal = client.get(f"/netwerk/gemeenteportaal/{world.utrecht.code}/")

    assert "7 ondernemers steunen dit standpunt" in body
    assert pdf_url(position, world.utrecht) in body and pdf_url(position, world.zwolle) not in body
    assert "Steun per kantoor" not in body
    [row] = portal.context["national_positions"]
    assert (row["position"], row["label"]) == (position, "7")
    assert pdf_url(position, world.utrecht) in html(portal)
    assert client.get(pdf_url(position, world.zwolle)).status_code == 403


# --- the PDF per municipality -----------------------------------------------------------------


def test_the_pdf_has_the_municipalitys_count_and_only_consenting_names(world, login):
    position = NationalPositionFactory(title="Geen btw-verhoging op sport")
    endorsers(position, world.office, world.utrecht, 3, show_name=True, prefix="Genoemd")
    endorsers(position, world.office, world.utrecht, 3, show_name=False, prefix="Stil")
    endorsers(position, world.other_office, world.zwolle, 4, show_name=True, prefix="Zwols")

    response = login(world.users["civil_servant"]).get(pdf_url(position, world.utrecht))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="standpunt-geen-btw-verhoging-op-sport-utrecht-'
    )
    text = pdf_text(response.content)
    assert "Sportondernemers in Utrecht die dit standpunt steunen: 6" in text
    assert all(f"Genoemd Utrecht {i}" in text for i in range(3))
    assert "Stil" not in text and "Zwols" not in text
    assert "Spreek u uit tegen de verhoging." in text


def test_the_pdf_gives_a_small_count_as_a_band(world, login):
    position = NationalPositionFactory()
    endorsers(position, world.other_office, world.zwolle, 2, show_name=True)

    response = login(world.users["pos"]).get(pdf_url(position, world.zwolle))

    text = pdf_text(response.content)
    assert "steunen: < 5" in text and "Padel Zwolle 0" in text


def test_the_pdf_of_a_concept_or_unknown_municipality_is_not_found(world, login):
    concept = NationalPositionFactory(status=NationalStatus.CONCEPT)
    open_one = NationalPositionFactory()
    client = login(world.users["civil_servant"])
    assert client.get(pdf_url(concept, world.utrecht)).status_code == 404
    assert client.get(f"{LIST}{open_one.pk}/gemeenten/GM9999.pdf").status_code == 404


# --- queries stay flat ------------------------------------------------------------------------


def _queries(client, url) -> int:
    cache.clear()  # the portal keeps its offices' figures a minute: count every query each time
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["pos", "member", "civil_servant"])
def test_the_position_page_is_flat_in_endorsements_and_municipalities(world, login, persona):
    position = NationalPositionFactory()
    client = login(world.users[persona])
    endorsers(position, world.office, world.utrecht, 1)
    few = _queries(client, page(position))

    for _i in range(6):
        office, place = OfficeFactory(), MunicipalityFactory()
        endorsers(position, office, place, 3)
    endorsers(position, world.office, world.utrecht, 5)

    assert _queries(client, page(position)) == few
    assert few <= 20


def test_the_list_portal_and_office_page_are_flat_in_endorsements(world, login):
    positions = [NationalPositionFactory() for _i in range(2)]
    urls = {
        "pos": LIST,
        "civil_servant": f"/netwerk/gemeenteportaal/{world.utrecht.code}/",
        "member": "/netwerk/kantoren/kantoor-utrecht/invloed/",
    }
    before = {who: _queries(login(world.users[who]), url) for who, url in urls.items()}
    for position in positions:
        endorsers(position, world.office, world.utrecht, 4)
        endorsers(position, OfficeFactory(), MunicipalityFactory(), 4)
    positions.append(NationalPositionFactory())

    after = {who: _queries(login(world.users[who]), url) for who, url in urls.items()}
    assert after == before


def test_the_closing_day_is_on_the_list(world, login):
    NationalPositionFactory(closes_on=datetime.date(2099, 3, 1))
    assert "1 maart 2099" in html(login(world.users["member"]).get(LIST))
