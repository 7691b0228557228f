"""The influence register: seats with a period, outcomes won with evidence, the public page and
POS's national overview with its export."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from kapstok.influence.models import Achievement, Outcome, PositionStatus, Seat
from kapstok.network.models import BodyKind

from .conftest import make_position

pytestmark = pytest.mark.django_db

REGISTER = "/netwerk/kantoren/kantoor-utrecht/invloed/"
PDF = b"%PDF-1.4\n% raadsbesluit\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def upload(name, content, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_lead_adds_a_seat_whose_kind_follows_the_body(world, login, council):
    response = login(world.users["lead"]).post(
        f"{REGISTER}zetels/nieuw/",
        {"body": council.pk, "person": "Kees Kartrekker", "started_on": "2024-01-01"},
    )
    assert response.status_code == 302
    seat = Seat.objects.get()
    assert (seat.kind, seat.body, seat.ended_on) == (BodyKind.SPORT_COUNCIL, council, None)


def test_a_seat_that_ends_before_it_starts_is_refused_and_keeps_the_input(world, login):
    response = login(world.users["lead"]).post(
        f"{REGISTER}zetels/nieuw/",
        {"kind": BodyKind.CORE_TEAM, "person": "Anna Akkoord", "started_on": "2025-03-01",
         "ended_on": "2024-03-01"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum" in page
    assert "Anna Akkoord" in page
    assert not Seat.objects.exists()


def test_a_seat_needs_a_body_or_a_kind(world, login):
    response = login(world.users["lead"]).post(
        f"{REGISTER}zetels/nieuw/", {"person": "Anna", "started_on": "2025-03-01"}
    )
    assert response.status_code == 400
    assert "Kies een orgaan of de soort zetel" in response.content.decode()


def test_members_cannot_add_seats(world, login):
    response = login(world.users["member"]).get(f"{REGISTER}zetels/nieuw/")
    assert response.status_code == 403


def test_an_outcome_with_a_document_is_checked_by_content(world, login):
    client = login(world.users["lead"])
    data = {"title": "Subsidieregeling opengesteld voor ondernemers", "achieved_on": "2025-05-01"}
    refused = client.post(
        f"{REGISTER}resultaten/nieuw/", {**data, "evidence": upload("x.pdf", EXE)}
    )
    assert refused.status_code == 400
    assert "geen PDF-" in refused.content.decode()
    assert "Subsidieregeling opengesteld" in refused.content.decode()
    accepted = client.post(
        f"{REGISTER}resultaten/nieuw/", {**data, "evidence": upload("besluit.pdf", PDF)}
    )
    assert accepted.status_code == 302
    achievement = Achievement.objects.get()
    assert (achievement.evidence_type, achievement.evidence_name) == (
        "application/pdf",
        "besluit.pdf",
    )
    download = client.get(f"{REGISTER}resultaten/{achievement.pk}/bewijs/")
    assert b"".join(download.streaming_content) == PDF


def test_an_outcome_needs_evidence(world, login):
    response = login(world.users["lead"]).post(
        f"{REGISTER}resultaten/nieuw/", {"title": "Iets bereikt", "achieved_on": "2025-05-01"}
    )
    assert response.status_code == 400
    assert "Voeg bewijs toe" in response.content.decode()


def test_private_evidence_stays_inside(world, client):
    achievement = Achievement.objects.create(
        office=world.office, title="T", achieved_on=datetime.date(2025, 1, 1),
        evidence_file="influence/x.pdf", evidence_type="application/pdf",
    )  # fmt: skip
    client.force_login(world.users["other_member"])
    assert client.get(f"{REGISTER}resultaten/{achievement.pk}/bewijs/").status_code == 403


def test_the_public_page_shows_only_what_is_marked_public(world, client):
    Seat.objects.create(office=world.office, kind=BodyKind.SPORT_COUNCIL, person="Openbare Piet",
                        started_on=datetime.date(2024, 1, 1), public=True)  # fmt: skip
    Seat.objects.create(office=world.office, kind=BodyKind.CORE_TEAM, person="Stille Sien",
                        started_on=datetime.date(2024, 1, 1))  # fmt: skip
    page = client.get("/kantoren/kantoor-utrecht/").content.decode()
    assert "Openbare Piet" in page and "Stille Sien" not in page


def test_the_office_page_shows_the_register(world, login):
    Seat.objects.create(office=world.office, kind=BodyKind.SPORT_COUNCIL, person="Piet Zetel",
                        started_on=datetime.date(2024, 1, 1))  # fmt: skip
    page = login(world.users["member"]).get("/netwerk/kantoren/kantoor-utrecht/").content.decode()
    assert "Piet Zetel" in page


def test_a_seat_added_on_the_site_shows_on_the_office_page_at_once(world, login, council):
    """The register on the office page comes from a short cache (issue #19), which any write on
    the site makes fresh."""
    client = login(world.users["lead"])
    office_page = "/netwerk/kantoren/kantoor-utrecht/"
    assert "Anna Zetel" not in client.get(office_page).content.decode()
    response = client.post(
        f"{REGISTER}zetels/nieuw/",
        {"body": council.pk, "person": "Anna Zetel", "started_on": "2024-01-01"},
    )
    assert response.status_code == 302
    assert "Anna Zetel" in client.get(office_page).content.decode()
    other = login(world.users["other_lead"]).get("/netwerk/kantoren/kantoor-zwolle/")
    assert "Anna Zetel" not in other.content.decode()


def test_national_overview_counts_and_exports(world, login):
    Seat.objects.create(office=world.office, kind=BodyKind.SPORT_COUNCIL, person="=cmd()",
                        started_on=datetime.date(2024, 1, 1))  # fmt: skip
    Achievement.objects.create(
        office=world.office, title="T", achieved_on=datetime.date(2025, 2, 1),
        evidence_url="https://example.org",
    )  # fmt: skip
    make_position(world, PositionStatus.ANSWERED, outcome=Outcome.ADOPTED)
    make_position(world, PositionStatus.SENT)
    make_position(world, PositionStatus.CONCEPT)
    client = login(world.users["pos"])
    page = client.get("/netwerk/invloed/").content.decode()
    assert "Kantoor Utrecht" in page
    book = load_workbook(io.BytesIO(client.get("/netwerk/invloed/export.xlsx").content))
    rows = list(book["Kantoren"].values)
    assert rows[1] == ("Kantoor Utrecht", "sportraad: =cmd()", 1, 2, 1)
    assert ("sportraad", 1) in list(book["Zetels per soort"].values)
    assert (2025, 1) in list(book["Resultaten per jaar"].values)
    assert ("overgenomen", 1) in list(book["Uitkomsten"].values)


def test_national_overview_is_for_pos_only(world, login):
    assert login(world.users["lead"]).get("/netwerk/invloed/").status_code == 403


def test_members_see_on_the_office_page_what_waits_for_their_endorsement(world, login):
    make_position(world, PositionStatus.OPEN)
    make_position(world, PositionStatus.CONCEPT)
    page = login(world.users["member"]).get("/netwerk/kantoren/kantoor-utrecht/").content.decode()
    assert "1 standpunt wacht op uw steun." in page
    civil = login(world.users["civil_servant"]).get("/netwerk/kantoren/kantoor-utrecht/")
    assert "wacht op uw steun" not in civil.content.decode()
