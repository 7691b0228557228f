"""The representativeness pages with bad input, foreign objects and large landscapes."""

import io

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.network.factories import EntrepreneurFactory, SportBranchFactory
from kapstok.representation.factories import (
    ImportJobFactory,
    LandscapeBusinessFactory,
    ProspectFactory,
)
from kapstok.representation.models import (
    BranchClassification,
    ImportJob,
    ImportStatus,
    LandscapeBusiness,
    Prospect,
    ProspectStage,
)

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db

OFFICE = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"


@pytest.fixture
def lead(world, login, taxonomy):
    return login(world.users["lead"])


def upload(client, data: bytes, name="kvk-export.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(OFFICE + "importeren/", {"file": file})


def job_with_file(office, status, data=None):
    job = ImportJobFactory(office=office, status=status)
    data = data or csv_bytes([business("12345678", "Padelhal")])
    job.file.save("landschap.csv", ContentFile(data))
    return job


def page_text(response) -> str:
    return response.content.decode()


# --- upload and mapping ----------------------------------------------------------------------


def test_a_file_that_is_no_csv_or_excel_is_refused_in_dutch(lead):
    response = upload(lead, b"%PDF-1.4 ...", name="landschap.pdf")
    assert "Kies een CSV-bestand of een Excel-bestand (.xlsx)." in page_text(response)
    assert not ImportJob.objects.exists()


def test_one_column_for_two_fields_is_refused_and_nothing_is_checked(world, lead):
    job = job_with_file(world.office, ImportStatus.UPLOADED)
    response = lead.post(
        job.get_absolute_url(), {"action": "map", "kvk_number": "0", "trade_name": "0"}
    )
    assert "Elke kolom kan maar voor één gegeven gekozen worden." in page_text(response)
    job.refresh_from_db()
    assert (job.status, job.mapping) == (ImportStatus.UPLOADED, {})


def test_a_mapping_without_the_kvk_column_is_refused(world, lead):
    job = job_with_file(world.office, ImportStatus.UPLOADED)
    response = lead.post(job.get_absolute_url(), {"action": "map", "trade_name": "2"})
    assert response.status_code == 200
    assert response.context["form"].errors["kvk_number"] == ["Dit veld is verplicht."]
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_a_file_without_a_header_is_explained_on_the_mapping_page(world, lead):
    job = job_with_file(world.office, ImportStatus.UPLOADED, data=b"\r\n  \r\n\r\n")
    response = lead.get(job.get_absolute_url())
    assert "Het bestand is leeg" in page_text(response)
    assert "Controleren" not in page_text(response)


def test_without_its_file_an_import_sends_the_lead_back_to_upload(world, lead):
    job = ImportJobFactory(office=world.office, status=ImportStatus.UPLOADED)
    response = lead.get(job.get_absolute_url(), follow=True)
    assert response.redirect_chain[-1][0] == OFFICE + "importeren/"
    assert "Het bestand is er niet meer; laad het opnieuw." in page_text(response)


def test_a_checked_import_may_be_mapped_again_but_not_a_running_one(world, lead):
    checked = job_with_file(world.office, ImportStatus.CHECKED)
    again = lead.post(checked.get_absolute_url(), {"action": "remap"})
    assert "Kolommen kiezen" in page_text(again)
    running = job_with_file(world.office, ImportStatus.CHECKING)
    busy = lead.post(running.get_absolute_url(), {"action": "remap"})
    assert "Kolommen kiezen" not in page_text(busy)
    running.refresh_from_db()
    assert running.status == ImportStatus.CHECKING


def test_a_second_confirm_stores_nothing_twice_and_says_so(world, lead):
    job = job_with_file(world.office, ImportStatus.CHECKED)
    job.mapping = {"columns": {"kvk_number": 0, "trade_name": 2, "sbi_codes": 3}}
    job.save()
    lead.post(OFFICE + f"importeren/{job.pk}/bevestigen/")
    again = lead.post(OFFICE + f"importeren/{job.pk}/bevestigen/", follow=True)
    assert "Deze import is niet (meer) klaar om op te slaan." in page_text(again)
    assert LandscapeBusiness.objects.count() == 1


@pytest.mark.parametrize("persona", ["lead", "pos"])
def test_an_import_of_another_office_is_not_found_through_this_office(world, login, persona):
    foreign = ImportJobFactory(office=world.other_office, status=ImportStatus.CHECKED)
    client = login(world.users[persona])
    for tail in ("", "voortgang/", "afgewezen.csv"):
        assert client.get(OFFICE + f"importeren/{foreign.pk}/{tail}").status_code == 404
    assert client.post(OFFICE + f"importeren/{foreign.pk}/bevestigen/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == ImportStatus.CHECKED


# --- classification and suggestions ----------------------------------------------------------


def test_a_business_of_another_office_cannot_be_touched_through_this_office(world, login):
    pos = login(world.users["pos"])
    golf = SportBranchFactory(slug="golf", name="Golf")
    foreign = LandscapeBusinessFactory(office=world.other_office)
    assert pos.post(OFFICE + f"bedrijven/{foreign.pk}/tak/", {"branch": golf.pk}).status_code == 404
    assert pos.get(OFFICE + f"werving/{foreign.pk}/").status_code == 404
    assert (
        pos.post(OFFICE + f"bedrijven/{foreign.pk}/koppeling/", {"decision": "reject"}).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.branch is None
    assert not BranchClassification.objects.exists()


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        (OFFICE + "bedrijven/?branch=golf", OFFICE + "bedrijven/?branch=golf"),
        ("https://kwaadwillend.example/", OFFICE + "bedrijven/"),
        ("/netwerk/kantoren/kantoor-zwolle/afspiegeling/bedrijven/", OFFICE + "bedrijven/"),
    ],
)
def test_after_classifying_the_lead_returns_only_to_this_offices_pages(
    world, lead, next_url, lands_on
):
    golf = SportBranchFactory(slug="golf", name="Golf")
    row = LandscapeBusinessFactory(office=world.office)
    response = lead.post(OFFICE + f"bedrijven/{row.pk}/tak/", {"branch": golf.pk, "next": next_url})
    assert response.url == lands_on


def test_classifying_without_a_branch_changes_nothing_and_says_why(world, lead):
    row = LandscapeBusinessFactory(office=world.office)
    response = lead.post(OFFICE + f"bedrijven/{row.pk}/tak/", {"branch": ""}, follow=True)
    assert "Kies een tak van sport." in page_text(response)
    row.refresh_from_db()
    assert row.branch is None and not BranchClassification.objects.exists()


def test_classifying_again_replaces_the_remembered_branch(world, lead):
    row = LandscapeBusinessFactory(office=world.office)
    golf = SportBranchFactory(slug="golf", name="Golf")
    padel = SportBranchFactory(slug="padel", name="Padel")
    lead.post(OFFICE + f"bedrijven/{row.pk}/tak/", {"branch": golf.pk})
    lead.post(OFFICE + f"bedrijven/{row.pk}/tak/", {"branch": padel.pk})
    [remembered] = BranchClassification.objects.all()
    assert (remembered.branch, remembered.classified_by) == (padel, world.users["lead"])


@pytest.fixture
def suggested(world):
    padel = EntrepreneurFactory(business_name="Padelhal Nul", municipality=world.utrecht)
    row = LandscapeBusinessFactory(
        office=world.office, suggested_entrepreneur=padel, suggestion_score=93
    )
    return row, padel


def test_an_unknown_decision_on_a_suggestion_changes_nothing(lead, suggested):
    row, padel = suggested
    response = lead.post(OFFICE + f"bedrijven/{row.pk}/koppeling/", {"decision": ""}, follow=True)
    assert "Kies bevestigen of afwijzen." in page_text(response)
    row.refresh_from_db()
    assert (row.suggested_entrepreneur, row.entrepreneur) == (padel, None)


def test_a_rejected_suggestion_is_remembered_and_no_longer_listed_for_review(lead, suggested):
    row, padel = suggested
    lead.post(OFFICE + f"bedrijven/{row.pk}/koppeling/", {"decision": "reject"})
    row.refresh_from_db()
    assert (row.rejected_entrepreneur, row.suggested_entrepreneur, row.entrepreneur) == (
        padel,
        None,
        None,
    )
    assert list(lead.get(OFFICE + "bedrijven/?review=1").context["page"].object_list) == []


def test_confirming_a_suggestion_that_is_gone_says_so_in_dutch(lead, suggested):
    row, _padel = suggested
    lead.post(OFFICE + f"bedrijven/{row.pk}/koppeling/", {"decision": "reject"})
    response = lead.post(
        OFFICE + f"bedrijven/{row.pk}/koppeling/", {"decision": "confirm"}, follow=True
    )
    assert "Er is geen voorgestelde koppeling meer." in page_text(response)
    row.refresh_from_db()
    assert row.entrepreneur is None


def test_the_landscape_list_filters_by_unknown_branch(world, lead):
    golf = SportBranchFactory(slug="golf", name="Golf")
    LandscapeBusinessFactory(office=world.office, trade_name="Golfbaan", branch=golf)
    LandscapeBusinessFactory(office=world.office, trade_name="Iets met sport")
    LandscapeBusinessFactory(office=world.other_office, trade_name="Elders zonder tak")
    page = lead.get(OFFICE + "bedrijven/?branch=onbekend").context["page"]
    assert [row.trade_name for row in page.object_list] == ["Iets met sport"]


def test_the_landscape_list_takes_the_same_queries_for_a_full_page(
    world, lead, django_assert_max_num_queries
):
    golf = SportBranchFactory(slug="golf", name="Golf")
    # One row of each kind the full page has (a suggestion costs one query for who may see it).
    LandscapeBusinessFactory(office=world.office, branch=golf)
    LandscapeBusinessFactory(office=world.office, suggested_entrepreneur=world.member_entrepreneur)
    with CaptureQueriesContext(connection) as one:
        lead.get(OFFICE + "bedrijven/")
    for n in range(60):
        LandscapeBusinessFactory(
            office=world.office,
            branch=golf if n % 2 else None,
            suggested_entrepreneur=world.member_entrepreneur if n % 3 == 0 else None,
        )
    with django_assert_max_num_queries(len(one)):
        lead.get(OFFICE + "bedrijven/")


# --- the pipeline ----------------------------------------------------------------------------


def test_a_prospect_owner_must_be_one_of_the_offices_people(world, lead):
    row = LandscapeBusinessFactory(office=world.office)
    response = lead.post(
        OFFICE + f"werving/{row.pk}/",
        {"stage": ProspectStage.APPROACHED, "owner": world.users["other_lead"].pk},
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Prospect.objects.exists()


def test_notes_longer_than_allowed_are_refused_and_nothing_is_saved(world, lead):
    row = LandscapeBusinessFactory(office=world.office)
    response = lead.post(
        OFFICE + f"werving/{row.pk}/", {"stage": ProspectStage.APPROACHED, "notes": "x" * 4001}
    )
    assert "niet meer dan 4000 tekens" in page_text(response)
    assert not Prospect.objects.exists()


def test_a_member_of_the_office_may_own_a_prospect(world, lead):
    row = LandscapeBusinessFactory(office=world.office)
    lead.post(
        OFFICE + f"werving/{row.pk}/",
        {"stage": ProspectStage.APPROACHED, "owner": world.users["member"].pk},
    )
    assert Prospect.objects.get(business=row).owner == world.users["member"]


def test_the_pipeline_export_follows_the_stage_filter(world, lead):
    padel = SportBranchFactory(slug="padel", name="Padel")
    interested = ProspectFactory(
        business__office=world.office,
        business__trade_name="Padel Geinteresseerd",
        business__branch=padel,
        stage=ProspectStage.INTERESTED,
        owner=world.users["lead"],
        next_step="Terugbellen",
    )
    LandscapeBusinessFactory(office=world.office, trade_name="Padel Nieuw", branch=padel)
    response = lead.get(OFFICE + "werving/export.csv?stage=interested")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="werving-kantoor-utrecht-'
    )
    header, *rows = response.content.decode("utf-8-sig").splitlines()
    assert header.split(";")[:3] == ["Volgorde", "Handelsnaam", "KvK-nummer"]
    [row] = rows
    cells = row.split(";")
    assert cells[:3] == ["1", "Padel Geinteresseerd", interested.business.kvk_number]
    assert cells[9:12] == ["geïnteresseerd", "Kees Kartrekker", "Terugbellen"]


def test_the_pipeline_page_takes_the_same_queries_for_many_prospects(
    world, lead, django_assert_max_num_queries
):
    padel = SportBranchFactory(slug="padel", name="Padel")
    ProspectFactory(
        business__office=world.office, business__branch=padel, owner=world.users["lead"]
    )
    with CaptureQueriesContext(connection) as one:
        assert lead.get(OFFICE + "werving/").status_code == 200
    for n in range(40):
        if n % 2:
            ProspectFactory(
                business__office=world.office,
                business__branch=padel,
                owner=world.users["lead"],
                stage=ProspectStage.APPROACHED,
            )
        else:
            LandscapeBusinessFactory(office=world.office, branch=padel)
    with django_assert_max_num_queries(len(one)):
        lead.get(OFFICE + "werving/")


# --- coverage --------------------------------------------------------------------------------


def test_the_coverage_page_takes_the_same_queries_for_a_larger_landscape(
    world, lead, django_assert_max_num_queries
):
    padel = SportBranchFactory(slug="padel", name="Padel")
    golf = SportBranchFactory(slug="golf", name="Golf")
    LandscapeBusinessFactory(office=world.office, branch=padel)
    with CaptureQueriesContext(connection) as one:
        assert lead.get(OFFICE).status_code == 200
    for n in range(30):
        business = LandscapeBusinessFactory(
            office=world.office,
            branch=(padel, golf, None)[n % 3],
            kvk_number=f"9000{n % 10:04d}" if n > 20 else f"{80000000 + n}",
            is_chain=n > 20,
        )
        if n % 4 == 0:
            ProspectFactory(business=business, stage=ProspectStage.INTERESTED)
    with django_assert_max_num_queries(len(one)):
        lead.get(OFFICE)
