"""The rest of the desk: the report period and export, knowledge, contributions, files."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.municipality import services as municipality_services
from kapstok.municipality.models import Contribution
from kapstok.network.factories import MunicipalityFactory
from kapstok.support import report, services
from kapstok.support.models import (
    Attachment,
    Category,
    KnowledgeArticle,
    Status,
    SupportOffer,
    SupportRequest,
)

from .conftest import PDF

pytestmark = pytest.mark.django_db
AMS = datetime.timezone(datetime.timedelta(hours=2))


# --- the report ----------------------------------------------------------------------------------


def test_a_request_filed_late_on_the_last_evening_belongs_to_the_period(world, category):
    SupportRequest.objects.create(
        office=world.office, category=category, description="Laat",
        created_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=AMS),
    )  # fmt: skip
    SupportRequest.objects.create(
        office=world.office, category=category, description="Te laat",
        created_at=datetime.datetime(2026, 7, 1, 0, 30, tzinfo=AMS),
    )  # fmt: skip
    rows = report.supply_demand_report(
        datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), today=datetime.date(2026, 7, 2)
    )
    assert next(row for row in rows if row.category == "rechtsvorm").requests == 1


def test_capacity_grows_with_the_quarters_of_the_period(world, category):
    SupportOffer.objects.create(
        category=category, service="Advies", delivered_by="POS", capacity_per_quarter=4
    )
    rows = report.supply_demand_report(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert next(row for row in rows if row.category == "rechtsvorm").capacity == 8


def test_an_inactive_category_without_requests_is_left_out(world, category):
    Category.objects.create(name="oud onderwerp", active=False)
    rows = report.supply_demand_report(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert "oud onderwerp" not in [row.category for row in rows]


def test_the_export_has_a_dutch_header_and_the_period_in_its_name(world, login, category):
    response = login(world.users["pos"]).get(
        "/netwerk/ondersteuning/rapport.xlsx", {"van": "2026-04-01", "tot": "2026-06-30"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="kapstok-vraag-en-aanbod-2026-04-01-2026-06-30.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Categorie", "Vragen", "Geen aanbod"]


def test_an_impossible_date_falls_back_to_this_quarter(world, login):
    page = login(world.users["pos"]).get("/netwerk/ondersteuning/rapport/", {"van": "2026-02-31"})
    start, end = page.context["start"], page.context["end"]
    assert start.day == 1 and start.month in (1, 4, 7, 10) and end >= start


@pytest.mark.parametrize("persona", ["lead", "partner", "researcher"])
def test_the_report_is_for_pos(world, login, persona):
    client = login(world.users[persona])
    assert client.get("/netwerk/ondersteuning/rapport/").status_code == 403
    assert client.get("/netwerk/ondersteuning/rapport.xlsx").status_code == 403


def test_phases_are_charted_in_their_own_order():
    assert report._phase_order({"uitvoeren": 1, "opgericht": 2, "onbekend": 3}) == [
        "opgericht",
        "uitvoeren",
        "onbekend",
    ]


# --- knowledge articles --------------------------------------------------------------------------


def test_an_article_needs_an_address_or_a_text(world):
    with pytest.raises(ValidationError) as refused:
        services.knowledge_article_save(
            article=KnowledgeArticle(title="Leeg", summary="Niets"), actor=world.users["pos"]
        )
    assert refused.value.message_dict == {"url": ["Vul een webadres of een tekst in."]}
    assert not KnowledgeArticle.objects.exists()


@pytest.mark.parametrize(
    ("persona", "published", "status"),
    [
        ("member", True, 200),
        ("member", False, 404),
        ("pos", False, 200),
        ("civil_servant", True, 404),
        ("researcher", True, 404),
    ],
)
def test_who_reads_an_article(world, login, persona, published, status):
    article = KnowledgeArticle.objects.create(
        title="Statuten", summary="Hoe", body="Zo", published=published
    )
    assert login(world.users[persona]).get(article.get_absolute_url()).status_code == status


def test_an_articles_own_text_is_shown_as_text(world, login):
    article = KnowledgeArticle.objects.create(
        title="Statuten", summary="Hoe", body="<script>alert(1)</script>"
    )
    html = login(world.users["member"]).get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


# --- contributions -------------------------------------------------------------------------------


def contribution(world, **fields):
    defaults = {"office": world.office, "municipality": world.utrecht, "kind": "facilities",
                "given_on": datetime.date(2026, 3, 1), "purpose": "Zaal"}  # fmt: skip
    return Contribution(**defaults | fields)


def test_a_contribution_of_a_municipality_outside_the_office_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        municipality_services.contribution_record(
            contribution=contribution(world, municipality=world.zwolle), actor=world.users["pos"]
        )
    assert refused.value.message_dict == {"municipality": ["Kies een gemeente van dit kantoor."]}
    assert not Contribution.objects.exists()


def test_facilities_need_no_amount(world):
    saved = municipality_services.contribution_record(
        contribution=contribution(world), actor=world.users["lead"]
    )
    assert (saved.amount, saved.recorded_by) == (None, world.users["lead"])


def test_a_civil_servant_records_only_for_their_own_municipality(world, login):
    world.office.municipalities.add(MunicipalityFactory(code="GM0307", name="Amersfoort"))
    page = login(world.users["civil_servant"]).get(
        "/netwerk/ondersteuning/kantoor/kantoor-utrecht/bijdragen/"
    )
    assert list(page.context["form"].fields["municipality"].queryset) == [world.utrecht]


@pytest.mark.parametrize("persona", ["other_lead", "partner", "outsider"])
def test_contributions_are_closed_to_others(world, login, persona):
    url = "/netwerk/ondersteuning/kantoor/kantoor-utrecht/bijdragen/"
    assert login(world.users[persona]).get(url).status_code == 403


# --- files and the catalogue ---------------------------------------------------------------------


def test_an_uploaded_file_is_stored_under_our_name_with_its_real_type(world, category):
    request = services.request_file(
        request=SupportRequest(office=world.office, category=category, description="Vraag"),
        files=[SimpleUploadedFile("../statuten.exe", PDF, content_type="application/x-msdownload")],
        actor=world.users["lead"],
    )
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.content_type) == ("statuten.pdf", "application/pdf")
    assert attachment.file.name.startswith(f"support/{request.pk}/")
    assert attachment.uploaded_by == world.users["lead"]


def test_a_refused_file_keeps_the_request_unsaved(world, category):
    with pytest.raises(ValidationError, match="geen PDF-"):
        services.request_file(
            request=SupportRequest(office=world.office, category=category, description="Vraag"),
            files=[SimpleUploadedFile("a.pdf", b"MZ\x90\x00")],
            actor=world.users["lead"],
        )
    assert not SupportRequest.objects.exists()


def test_a_file_of_another_offices_request_is_forbidden(world, login, category):
    request = services.request_file(
        request=SupportRequest(office=world.other_office, category=category, description="V"),
        files=[SimpleUploadedFile("a.pdf", PDF)],
        actor=world.users["other_lead"],
    )
    attachment = Attachment.objects.get(request=request)
    response = login(world.users["lead"]).get(f"/netwerk/ondersteuning/bijlagen/{attachment.pk}/")
    assert response.status_code == 403


def test_the_catalogue_lists_active_categories_with_their_offers(world, login, category):
    SupportOffer.objects.create(category=category, service="Statutenadvies", delivered_by="POS")
    Category.objects.create(name="verouderd", active=False)
    page = login(world.users["member"]).get("/netwerk/ondersteuning/aanbod/")
    names = [c.name for c in page.context["categories"]]
    assert "rechtsvorm" in names and "verouderd" not in names
    assert "Statutenadvies" in page.content.decode()
    assert login(world.users["outsider"]).get("/netwerk/ondersteuning/aanbod/").status_code == 403


def test_a_request_of_another_office_is_closed_to_a_lead(world, login, category):
    request = SupportRequest.objects.create(
        office=world.other_office, category=category, description="Zwolle", status=Status.NEW
    )
    assert login(world.users["lead"]).get(request.get_absolute_url()).status_code == 403
