"""The influence pages step by step: who may open, withdraw, answer, download and edit what."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.files.base import ContentFile

from kapstok.influence.factories import (
    AchievementFactory,
    EndorsementFactory,
    PositionFactory,
    SeatFactory,
)
from kapstok.influence.models import Endorsement, Outcome, Position, PositionStatus, Seat
from kapstok.influence.selectors import national_overview, public_register

from .conftest import url

pytestmark = pytest.mark.django_db

REGISTER = "/netwerk/kantoren/kantoor-utrecht/invloed/"


def html(response):
    return response.content.decode()


@pytest.fixture
def concept(world):
    return PositionFactory(office=world.office, title="Zaalhuur omlaag")


# --- the register page ---------------------------------------------------------------------


def test_the_register_shows_each_positions_support_count(world, login, concept):
    concept.status = PositionStatus.OPEN
    concept.save()
    EndorsementFactory(position=concept, entrepreneur=world.member_entrepreneur)
    response = login(world.users["lead"]).get(REGISTER)
    [position] = response.context["positions"]
    assert position.endorsement_count == 1
    assert "gemeente Utrecht" in html(response)


def test_an_empty_register_says_so(world, login):
    page = html(login(world.users["member"]).get(REGISTER))
    assert "Er zijn nog geen standpunten." in page
    assert "Er zijn nog geen zetels vastgelegd." in page


def test_only_leads_and_pos_get_the_buttons_to_add(world, login):
    assert "Nieuw standpunt" in html(login(world.users["lead"]).get(REGISTER))
    assert "Nieuw standpunt" in html(login(world.users["pos"]).get(REGISTER))
    assert "Nieuw standpunt" not in html(login(world.users["member"]).get(REGISTER))


def test_outsiders_and_other_offices_cannot_read_the_register(world, login):
    assert login(world.users["outsider"]).get(REGISTER).status_code == 403
    assert login(world.users["other_lead"]).get(REGISTER).status_code == 403


def test_the_partner_sees_the_register_but_no_positions(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.save()
    response = login(world.users["partner"]).get(REGISTER)
    assert response.status_code == 200
    assert response.context["positions"] == []


# --- a position's life ---------------------------------------------------------------------


def test_a_lead_opens_a_concept_for_endorsement(world, login, concept):
    response = login(world.users["lead"]).post(url(concept, "openstellen/"), follow=True)
    assert "De leden kunnen het standpunt nu steunen." in html(response)
    concept.refresh_from_db()
    assert concept.status == PositionStatus.OPEN


def test_opening_twice_explains_why_not(world, login, concept):
    client = login(world.users["lead"])
    client.post(url(concept, "openstellen/"))
    response = client.post(url(concept, "openstellen/"), follow=True)
    assert "Alleen een concept kan worden opengesteld voor steun." in html(response)


def test_members_cannot_open_or_edit_a_position(world, login, concept):
    concept.status = PositionStatus.OPEN
    concept.save()
    member = login(world.users["member"])
    assert member.post(url(concept, "openstellen/")).status_code == 403
    assert member.post(url(concept, "bewerken/"), {"title": "Gekaapt"}).status_code == 403
    concept.refresh_from_db()
    assert concept.title == "Zaalhuur omlaag"


def test_a_lead_edits_a_concept(world, login, concept):
    data = {"title": "Zaalhuur eerlijk", "body": "Nieuwe tekst", "municipality": world.utrecht.pk}
    response = login(world.users["lead"]).post(url(concept, "bewerken/"), data)
    assert response["Location"] == concept.get_absolute_url()
    concept.refresh_from_db()
    assert (concept.title, concept.body) == ("Zaalhuur eerlijk", "Nieuwe tekst")


def test_the_edit_form_only_offers_the_offices_own_municipalities(world, login, concept):
    response = login(world.users["lead"]).get(url(concept, "bewerken/"))
    assert list(response.context["form"].fields["municipality"].queryset) == [world.utrecht]


def test_a_member_sees_their_endorsement_and_can_withdraw_it(world, login, concept):
    concept.status = PositionStatus.OPEN
    concept.save()
    client = login(world.users["member"])
    response = client.post(url(concept, "steunen/"), {"show_name": "on"}, follow=True)
    page = html(response)
    assert "U steunt dit standpunt. Uw bedrijfsnaam staat erin." in page
    response = client.post(url(concept, "intrekken/"), follow=True)
    assert "Uw steun is ingetrokken." in html(response)
    assert not Endorsement.objects.exists()


def test_endorsing_a_sent_position_explains_it_is_closed(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.save()
    response = login(world.users["member"]).post(url(concept, "steunen/"), {}, follow=True)
    assert "U kunt dit standpunt niet (meer) steunen" in html(response)
    assert not Endorsement.objects.exists()


def test_the_send_page_skips_the_confirmation_when_members_endorse(world, login, concept):
    concept.status = PositionStatus.OPEN
    concept.save()
    client = login(world.users["lead"])
    assert "confirm_empty" in client.get(url(concept, "versturen/")).context["form"].fields
    EndorsementFactory(position=concept, entrepreneur=world.member_entrepreneur)
    assert "confirm_empty" not in client.get(url(concept, "versturen/")).context["form"].fields


def test_a_wrong_email_address_is_refused_at_the_field(world, login, concept):
    response = login(world.users["lead"]).post(
        url(concept, "versturen/"), {"recipient_email": "geen-adres", "confirm_empty": "on"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["recipient_email"] == ["Voer een geldig e-mailadres in."]
    concept.refresh_from_db()
    assert concept.status == PositionStatus.CONCEPT


def test_the_send_page_of_a_sent_position_goes_back_to_it(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.save()
    response = login(world.users["lead"]).get(url(concept, "versturen/"))
    assert response["Location"] == concept.get_absolute_url()


def test_an_answer_before_sending_is_refused_on_the_form(world, login, concept):
    response = login(world.users["lead"]).post(
        url(concept, "antwoord/"), {"outcome": Outcome.ADOPTED, "answered_on": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "pas worden vastgelegd als het standpunt is verstuurd" in html(response)
    concept.refresh_from_db()
    assert concept.outcome == ""


def test_an_answer_needs_an_outcome(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.save()
    response = login(world.users["lead"]).post(url(concept, "antwoord/"), {"answer": "Ja"})
    assert response.context["form"].errors["outcome"] == ["Dit veld is verplicht."]


def test_the_answer_shows_on_the_position_page(world, login):
    position = PositionFactory(
        office=world.office,
        status=PositionStatus.ANSWERED,
        outcome=Outcome.PARTLY,
        answered_on=datetime.date(2026, 3, 9),
        answer="We kijken naar de tarieven.",
    )
    page = html(login(world.users["member"]).get(url(position)))
    assert "deels overgenomen" in page
    assert "9 maart 2026" in page
    assert "We kijken naar de tarieven." in page


# --- the PDF -------------------------------------------------------------------------------


def test_leads_get_a_preview_before_sending_members_do_not(world, login, concept):
    concept.status = PositionStatus.OPEN
    concept.save()
    preview = login(world.users["lead"]).get(url(concept, "standpunt.pdf"))
    assert preview["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.content)).pages)
    assert "Zaalhuur omlaag" in text
    assert login(world.users["member"]).get(url(concept, "standpunt.pdf")).status_code == 403


def test_the_sent_pdf_is_served_as_stored_to_whoever_may_read_the_position(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.pdf.save("standpunt.pdf", ContentFile(b"%PDF-1.4 zoals verstuurd"), save=True)
    for persona in ["member", "civil_servant"]:
        response = login(world.users[persona]).get(url(concept, "standpunt.pdf"))
        assert b"".join(response.streaming_content) == b"%PDF-1.4 zoals verstuurd"


def test_a_lost_pdf_file_is_not_found(world, login, concept):
    concept.status = PositionStatus.SENT
    concept.pdf.name = "influence/positions/weg.pdf"
    concept.save()
    assert login(world.users["lead"]).get(url(concept, "standpunt.pdf")).status_code == 404


# --- seats and evidence --------------------------------------------------------------------


def test_a_lead_ends_a_seat(world, login):
    seat = SeatFactory(office=world.office, person="Piet Zetel")
    data = {
        "kind": seat.kind,
        "person": "Piet Zetel",
        "started_on": "2024-01-01",
        "ended_on": "2025-12-31",
    }
    response = login(world.users["lead"]).post(f"{REGISTER}zetels/{seat.pk}/", data)
    assert response["Location"] == REGISTER
    seat.refresh_from_db()
    assert seat.ended_on == datetime.date(2025, 12, 31)


def test_another_offices_seat_cannot_be_edited_through_this_office(world, login):
    seat = SeatFactory(office=world.other_office)
    assert login(world.users["lead"]).get(f"{REGISTER}zetels/{seat.pk}/").status_code == 404


def test_public_evidence_is_downloadable_by_anyone(world, client):
    achievement = AchievementFactory(
        office=world.office, public=True, evidence_type="application/pdf"
    )
    achievement.evidence_file.save("bewijs.pdf", ContentFile(b"%PDF-1.4 besluit"), save=True)
    response = client.get(f"{REGISTER}resultaten/{achievement.pk}/bewijs/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 besluit"


def test_private_evidence_sends_anonymous_visitors_to_the_login(world, client):
    achievement = AchievementFactory(office=world.office)
    response = client.get(f"{REGISTER}resultaten/{achievement.pk}/bewijs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=")


def test_an_outcome_with_only_a_link_has_no_document_to_download(world, login):
    achievement = AchievementFactory(office=world.office, public=True)
    response = login(world.users["member"]).get(f"{REGISTER}resultaten/{achievement.pk}/bewijs/")
    assert response.status_code == 404


# --- overviews -----------------------------------------------------------------------------


def test_the_public_register_holds_only_public_seats_and_outcomes(world):
    SeatFactory(office=world.office, public=True, person="Openbaar")
    SeatFactory(office=world.office, person="Stil")
    AchievementFactory(office=world.office, public=True, title="Open resultaat")
    AchievementFactory(office=world.office, title="Stil resultaat")
    register = public_register(world.office)
    assert [seat.person for seat in register["seats"]] == ["Openbaar"]
    assert [a.title for a in register["achievements"]] == ["Open resultaat"]


def test_the_national_overview_counts_only_current_seats(world):
    today = datetime.date(2026, 3, 16)
    SeatFactory(office=world.office, kind="sport_council")
    SeatFactory(office=world.office, kind="sport_council", ended_on=datetime.date(2026, 3, 16))
    SeatFactory(office=world.office, kind="core_team", ended_on=datetime.date(2025, 1, 1))
    overview = national_overview(today=today)
    assert dict(overview.seats_per_kind)["sportraad"] == 2
    assert dict(overview.seats_per_kind)["kernteam sportakkoord"] == 0
    [row] = overview.rows
    assert len(row["seats"]) == 2


def test_the_national_overview_lists_years_newest_first_and_offices_by_name(world):
    AchievementFactory(office=world.other_office, achieved_on=datetime.date(2024, 5, 1))
    AchievementFactory(office=world.office, achieved_on=datetime.date(2025, 5, 1))
    AchievementFactory(office=world.office, achieved_on=datetime.date(2025, 6, 1))
    PositionFactory(office=world.office, status=PositionStatus.ANSWERED, outcome=Outcome.REJECTED)
    overview = national_overview()
    assert overview.achievements_per_year == [(2025, 2), (2024, 1)]
    assert [row["office"].name for row in overview.rows] == ["Kantoor Utrecht", "Kantoor Zwolle"]
    assert (overview.positions_sent, overview.positions_answered) == (1, 1)
    assert dict(overview.outcomes)["afgewezen"] == 1


def test_an_office_without_any_influence_is_not_in_the_overview(world):
    PositionFactory(office=world.office)  # a concept is no influence yet
    assert national_overview().rows == []


def test_the_overview_page_reads_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["pos"])

    def grow(office):
        SeatFactory(office=office)
        AchievementFactory(office=office)
        PositionFactory(office=office, status=PositionStatus.SENT)

    grow(world.office)
    with django_assert_max_num_queries(30) as few:
        client.get("/netwerk/invloed/")
    grow(world.other_office)
    for _ in range(3):
        grow(world.office)
    with django_assert_max_num_queries(30) as many:
        client.get("/netwerk/invloed/")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert Position.objects.count() == 5
    assert Seat.objects.count() == 5
