"""The representativeness pages: import flow, coverage, pipeline, exports, national view."""

import io
import re

import pytest
from openpyxl import load_workbook

from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    SportBranchFactory,
)
from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory
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


def upload(client, data: bytes, name="kvk-export.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(OFFICE + "importeren/", {"file": file})


@pytest.fixture
def lead(world, login, taxonomy):
    return login(world.users["lead"])


@pytest.fixture
def landscape(world, taxonomy):
    """Utrecht: the member's yoga studio, three padel centres, a golf course, one unknown."""
    padel = SportBranchFactory(slug="padel")
    yoga = SportBranchFactory(slug="yoga-pilates")
    world.member_entrepreneur.branches.set([yoga])
    rows = [
        LandscapeBusinessFactory(office=world.office, trade_name=f"Padelhal {n}", branch=padel)
        for n in range(3)
    ]
    rows.append(
        LandscapeBusinessFactory(
            office=world.office,
            trade_name="Golfbaan Domstad",
            branch=SportBranchFactory(slug="golf"),
        )
    )
    rows.append(
        LandscapeBusinessFactory(
            office=world.office,
            kvk_number=world.member_entrepreneur.kvk_number,
            trade_name="Yoga Marieke",
            branch=yoga,
        )
    )
    rows.append(LandscapeBusinessFactory(office=world.office, trade_name="Sportcentrum X"))
    return rows


def test_lead_uploads_maps_checks_and_stores_a_file(world, lead):
    rows = [
        business("12345678", "Padelcentrum Domstad"),
        business("1234", "Tennispark Kort"),
        business("87654321", "Manege Zwolle", "93.12.5", municipality="Zwolle"),
    ]
    response = upload(lead, csv_bytes(rows, encoding="cp1252"))
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    mapping_page = lead.get(job.get_absolute_url())
    assert "Kolommen kiezen" in mapping_page.content.decode()
    assert "Padelcentrum Domstad" in mapping_page.content.decode()  # the preview

    form = mapping_page.context["form"]
    data = {key: value for key, value in form.initial.items()} | {"action": "map"}
    data |= {name: field.initial for name, field in form.fields.items() if field.initial}
    lead.post(job.get_absolute_url(), data)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert job.report["valid"] == 1
    assert [r["line"] for r in job.report["rejected"]] == [3, 4]
    assert not LandscapeBusiness.objects.exists()

    report_page = lead.get(job.get_absolute_url()).content.decode()
    assert "bestaat niet uit 8 cijfers" in report_page
    assert "hoort niet bij dit kantoor" in report_page

    lead.post(OFFICE + f"importeren/{job.pk}/bevestigen/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.report["created"] == 1
    assert list(LandscapeBusiness.objects.values_list("trade_name", flat=True)) == [
        "Padelcentrum Domstad"
    ]
    assert not job.file  # the uploaded file is not kept


def test_a_file_over_50_mb_is_refused_at_upload(world, lead, monkeypatch):
    from kapstok.representation import forms

    monkeypatch.setattr(forms, "MAX_BYTES", 10)
    response = upload(lead, csv_bytes([business("12345678", "Padelhal")]))
    assert "groter dan 50 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_confirm_before_the_check_is_refused(world, lead):
    job = ImportJobFactory(office=world.office, status=ImportStatus.UPLOADED)
    lead.post(OFFICE + f"importeren/{job.pk}/bevestigen/")
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_the_progress_bar_polls_while_running_and_then_sends_the_page_on(world, lead):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECKING, progress=40)
    url = OFFICE + f"importeren/{job.pk}/voortgang/"
    running = lead.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert 'aria-valuenow="40"' in running.content.decode()
    job.status = ImportStatus.CHECKED
    job.save()
    done = lead.get(url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == job.get_absolute_url()


def test_the_rejected_rows_download_as_csv(world, lead):
    job = ImportJobFactory(
        office=world.office,
        status=ImportStatus.CHECKED,
        report={"rejected": [{"line": 7, "reason": "=foute regel"}]},
    )
    response = lead.get(OFFICE + f"importeren/{job.pk}/afgewezen.csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == ["Regel;Reden", "7;'=foute regel"]


def test_coverage_shows_index_gaps_and_next_prospects(world, lead, landscape):
    page = lead.get(OFFICE)
    coverage = page.context["coverage"]
    assert coverage.members == 1 and coverage.landscape == 6 and coverage.unknown == 1
    # members: yoga 1 of 1; landscape (known): padel 3, golf 1, yoga 1 → D = ½(.6+.2+.8) = .8
    assert coverage.index == pytest.approx(0.2)
    # Greedy: each next one raises the index most given the ones before joined.
    names = [b.trade_name for b in page.context["prospects"]]
    assert names == ["Padelhal 0", "Padelhal 1", "Golfbaan Domstad", "Padelhal 2"]
    html = page.content.decode()
    assert "20%" in html and "Wie nu benaderen" in html


def test_the_municipality_sees_figures_but_no_prospects(world, login, landscape):
    civil_servant = login(world.users["civil_servant"])
    html = civil_servant.get(OFFICE).content.decode()
    assert "Dekking per tak van sport" in html
    assert "Padelhal 0" not in html
    assert civil_servant.get(OFFICE + "werving/").status_code == 403


def test_an_office_without_landscape_says_so(world, lead):
    html = lead.get(OFFICE).content.decode()
    assert "Lees het sportlandschap in" in html


def test_the_pipeline_keeps_stage_owner_notes_and_next_step(world, lead, landscape):
    padel = landscape[0]
    response = lead.post(
        OFFICE + f"werving/{padel.pk}/",
        {
            "stage": ProspectStage.INTERESTED,
            "owner": world.users["lead"].pk,
            "notes": "Eigenaar wil eerst de ledenvergadering afwachten.",
            "next_step": "Terugbellen",
            "next_step_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    prospect = Prospect.objects.get(business=padel)
    assert (prospect.stage, prospect.owner, prospect.next_step) == (
        ProspectStage.INTERESTED, world.users["lead"], "Terugbellen",
    )  # fmt: skip
    listing = lead.get(OFFICE + "werving/").content.decode()
    assert "geïnteresseerd" in listing and "Terugbellen" in listing
    dropped = lead.get(OFFICE + "werving/?stage=interested").context["page"].object_list
    assert [b.pk for b in dropped] == [padel.pk]


def test_the_exports_neutralise_formulas(world, lead, landscape):
    landscape[0].trade_name = '=HYPERLINK("http://evil")'
    landscape[0].save()
    csv_text = lead.get(OFFICE + "werving/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    book = load_workbook(io.BytesIO(lead.get(OFFICE + "werving/export.xlsx").content))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in names
    assert not any(str(name).startswith("=") for name in names)


def test_a_lead_classifies_an_unknown_business_and_it_is_remembered(world, lead, landscape):
    unknown = landscape[-1]
    golf = landscape[3].branch
    lead.post(OFFICE + f"bedrijven/{unknown.pk}/tak/", {"branch": golf.pk})
    unknown.refresh_from_db()
    assert unknown.branch == golf and unknown.branch_source == "lead"
    assert BranchClassification.objects.get(kvk_number=unknown.kvk_number).branch == golf


def test_classifying_with_htmx_returns_the_row(world, lead, landscape):
    unknown = landscape[-1]
    response = lead.post(
        OFFICE + f"bedrijven/{unknown.pk}/tak/",
        {"branch": landscape[3].branch.pk, "next": OFFICE + "bedrijven/"},
        headers={"HX-Request": "true"},
    )
    assert response.content.decode().lstrip().startswith(f'<tr id="business-{unknown.pk}"')


def test_a_suggestion_is_confirmed_by_the_lead(world, lead, landscape):
    padel = EntrepreneurFactory(business_name="Padelhal Nul", municipality=world.utrecht)
    MembershipFactory(office=world.office, entrepreneur=padel)  # names shown: members only
    row = landscape[0]
    row.suggested_entrepreneur, row.suggestion_score = padel, 93
    row.save()
    assert "Is dit Padelhal Nul?" in lead.get(OFFICE + "bedrijven/?review=1").content.decode()
    lead.post(OFFICE + f"bedrijven/{row.pk}/koppeling/", {"decision": "confirm"})
    row.refresh_from_db()
    assert row.entrepreneur == padel and row.match_kind == "reviewed"


def test_the_national_view_lists_index_gaps_and_offices_without_landscape(world, login, landscape):
    page = login(world.users["pos"]).get("/netwerk/afspiegeling/")
    assert [row["pk"] for row in page.context["rows"]] == [world.office.pk]
    assert [office["pk"] for office in page.context["without"]] == [world.other_office.pk]
    assert page.context["gaps"][0]["gap"].branch == "padel"
    assert 'class="m band-' in page.content.decode()


def test_the_dashboard_shows_the_index_when_there_is_a_landscape(world, lead, landscape):
    html = lead.get("/netwerk/kantoren/kantoor-utrecht/dashboard/").content.decode()
    assert "Afspiegeling" in html and "20%" in html


def test_the_dashboard_of_the_member_shows_no_index(world, login, landscape):
    html = login(world.users["member"]).get("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    assert "Afspiegelingsindex" not in html.content.decode()


def test_the_index_reads_as_the_same_percentage_on_every_page(world, login, landscape):
    """Issue 17: "0,59" in one place and "59%" in another; now a percentage everywhere."""
    pages = {
        "office": login(world.users["lead"]).get(OFFICE),
        "dashboard": login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/dashboard/"),
        "national": login(world.users["pos"]).get("/netwerk/afspiegeling/"),
        "portal": login(world.users["civil_servant"]).get("/netwerk/gemeenteportaal/", follow=True),
    }
    for name, page in pages.items():
        html = page.content.decode()
        assert "20%" in html, name
        # A decimal comma index, not a coordinate of the map's outlines ("772.0,20.3").
        assert not re.search(r"(?<![\d.])0,20(?![\d.])", html), name
