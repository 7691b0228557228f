"""The coverage page's short cache (issue #19): its content is kept per office, day, language
and what the viewer may see (prospects' names only for those who may manage the landscape),
comes from the cache until the next write on the site, and then equals the content computed
from scratch, after creates, updates, deletes and a person's erasure alike."""

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core.generation import generation_bump
from kapstok.network import services as network_services
from kapstok.network.factories import EntrepreneurFactory, SportBranchFactory
from kapstok.representation import jobs, selectors, services, views
from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory
from kapstok.representation.models import ImportStatus, LandscapeBusiness, ProspectStage

from .conftest import business, csv_bytes
from .test_coverage_figures import rounded
from .test_pages import landscape  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

OFFICE = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"


def assert_fresh(html: str, office, *, can_manage: bool) -> None:
    """The page shows exactly the content rendered now without any cache, and the stored
    figures it is drawn from equal the figures counted from scratch."""
    assert views.coverage_content(office, can_manage) in html
    kept = selectors.stored_coverage(office, timezone.localdate())
    scratch = selectors.office_coverage(office)
    shown = ("index", "members", "landscape", "rows", "chains", "series", "landscape_counts")
    assert rounded({k: getattr(kept, k) for k in shown}) == rounded(
        {k: getattr(scratch, k) for k in shown}
    )


def prospects_of(html: str) -> str:
    """The "wie nu benaderen" list of a page (empty when the page has none)."""
    if 'class="rep-next"' not in html:
        return ""
    return html.split('class="rep-next"')[1].split("</ol>")[0]


def test_a_second_view_reads_no_figures(world, login, landscape):  # noqa: F811
    lead = login(world.users["lead"])
    with CaptureQueriesContext(connection) as first:
        lead.get(OFFICE)
    with CaptureQueriesContext(connection) as second:
        lead.get(OFFICE)
    assert len(second) < len(first) - 5
    read = " ".join(query["sql"] for query in second.captured_queries)
    assert "representation_landscapebusiness" not in read
    assert "representation_branchcoveragefigure" not in read


def test_without_a_write_on_the_site_the_page_may_be_a_minute_old(world, login, landscape):  # noqa: F811
    """A change made around the site (a command, a factory) shows within the cache's minute;
    this test proves that the cache is used at all."""
    lead = login(world.users["lead"])
    assert "Tennisclub Later" not in lead.get(OFFICE).content.decode()
    LandscapeBusinessFactory(
        office=world.office, trade_name="Tennisclub Later", branch=landscape[0].branch
    )
    services.coverage_refresh([world.office.pk])
    assert "Tennisclub Later" not in lead.get(OFFICE).content.decode()
    generation_bump()
    html = lead.get(OFFICE).content.decode()
    assert "Tennisclub Later" in prospects_of(html)
    assert_fresh(html, world.office, can_manage=True)


def test_after_writes_on_the_site_the_page_equals_the_one_computed_from_scratch(
    world,
    login,
    landscape,  # noqa: F811
):
    office = world.office
    padel_centre, golf_course = landscape[0], landscape[3]
    lead = login(world.users["lead"])
    assert_fresh(lead.get(OFFICE).content.decode(), office, can_manage=True)

    # Create: the owner of a padel centre joins (through the services, then a write request).
    joiner = EntrepreneurFactory(business_name="Padel Nieuw", kvk_number=padel_centre.kvk_number)
    joiner.branches.set([padel_centre.branch])
    network_services.membership_add(
        office=office, entrepreneur=joiner, joined_on=timezone.localdate()
    )
    generation_bump()
    html = lead.get(OFFICE).content.decode()
    assert_fresh(html, office, can_manage=True)
    assert padel_centre.trade_name not in prospects_of(html)

    # Update: the lead moves the golf course to "interested" with the pipeline's form.
    moved = lead.post(
        OFFICE + f"werving/{golf_course.pk}/",
        {"stage": ProspectStage.INTERESTED, "owner": "", "notes": "", "next_step": ""},
    )
    assert moved.status_code == 302
    html = lead.get(OFFICE).content.decode()
    assert_fresh(html, office, can_manage=True)
    assert "geïnteresseerd" in prospects_of(html)

    # Delete: the golf course leaves the landscape (a new import would drop it).
    LandscapeBusiness.objects.filter(pk=golf_course.pk).delete()
    services.coverage_refresh([office.pk])
    generation_bump()
    html = lead.get(OFFICE).content.decode()
    assert_fresh(html, office, can_manage=True)
    assert golf_course.trade_name not in html

    # Erasure (AVG): the member erases their account with the site's form.
    member = login(world.users["member"])
    assert member.post(reverse("trust:erase"), {"confirm": "ja"}).status_code == 302
    lead = login(world.users["lead"])
    html = lead.get(OFFICE).content.decode()
    assert_fresh(html, office, can_manage=True)


def test_the_municipality_never_gets_the_part_with_prospects_names(world, login, landscape):  # noqa: F811
    lead_html = login(world.users["lead"]).get(OFFICE).content.decode()
    assert "Padelhal 0" in prospects_of(lead_html)

    civil_servant = login(world.users["civil_servant"]).get(OFFICE).content.decode()
    assert "Dekking per tak van sport" in civil_servant
    assert "Padelhal 0" not in civil_servant and "Wie nu benaderen" not in civil_servant
    assert_fresh(civil_servant, world.office, can_manage=False)


def test_those_who_may_manage_never_get_the_municipalitys_part(world, login, landscape):  # noqa: F811
    """The other way round: the figures-only part, cached first, is not what a lead gets."""
    login(world.users["civil_servant"]).get(OFFICE)
    for persona in ("lead", "pos"):
        html = login(world.users[persona]).get(OFFICE).content.decode()
        assert "Padelhal 0" in prospects_of(html)
        assert "Landschap importeren" in html


def test_the_part_of_one_office_is_never_shown_for_another(world, login, landscape):  # noqa: F811
    pos = login(world.users["pos"])
    pos.get(OFFICE)
    other = pos.get("/netwerk/kantoren/kantoor-zwolle/afspiegeling/").content.decode()
    assert "Afspiegeling Kantoor Zwolle" in other
    assert "Padelhal 0" not in other and "Lees het sportlandschap in" in other


def test_the_part_is_kept_per_language(world, login, landscape):  # noqa: F811
    lead = login(world.users["lead"])
    dutch = lead.get(OFFICE).content.decode()
    lead.cookies["django_language"] = "en"
    english = lead.get(OFFICE).content.decode()
    assert "Wie nu benaderen" in dutch and "Who to approach now" not in dutch
    assert "Who to approach now" in english and "Wie nu benaderen" not in english


def test_the_part_holds_nothing_of_the_viewer(world, login, landscape):  # noqa: F811
    """Two leads of the office get the same content; each page names only its own viewer."""
    other = UserFactory(email="lotte@example.invalid", full_name="Lotte Kartrekker")
    grant_role(user=other, role=Role.LEAD, scope=world.office, starts_on=timezone.localdate())
    first = login(world.users["lead"]).get(OFFICE).content.decode()
    again = login(other).get(OFFICE).content.decode()
    assert "kees@example.invalid" in first and "kees@example.invalid" not in again
    assert "lotte@example.invalid" in again
    assert prospects_of(first) == prospects_of(again) != ""


@pytest.mark.parametrize("cached", [False, True])
def test_the_page_reads_as_many_queries_for_many_businesses(world, login, landscape, cached):  # noqa: F811
    """First view and repeat view alike: the number of queries does not grow with the
    landscape."""
    lead = login(world.users["lead"])
    services.coverage_refresh([world.office.pk])  # as every write through the services does

    def queries() -> int:
        generation_bump()
        if cached:
            lead.get(OFFICE)
        with CaptureQueriesContext(connection) as captured:
            assert lead.get(OFFICE).status_code == 200
        return len(captured)

    few = queries()
    golf = SportBranchFactory(slug="golf-extra")
    for number in range(40):
        LandscapeBusinessFactory(office=world.office, trade_name=f"Golf {number}", branch=golf)
    services.coverage_refresh([world.office.pk])
    assert queries() == few


def test_an_import_that_ends_after_its_request_shows_at_once(world, login, landscape):  # noqa: F811
    """A landscape is stored in a thread, after the request that confirmed it has ended: the
    job itself marks the cached parts stale, so the page viewed meanwhile is not kept."""
    lead = login(world.users["lead"])
    lead.get(OFFICE)
    job = ImportJobFactory(office=world.office, status=ImportStatus.IMPORT_PENDING)
    row = business("12345678", "Tennispark Laat")
    job.file.save("landschap.csv", ContentFile(csv_bytes([row])))
    assert jobs.import_job_run(job.pk) is True
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert LandscapeBusiness.objects.filter(trade_name="Tennispark Laat").exists()
    assert_fresh(lead.get(OFFICE).content.decode(), world.office, can_manage=True)


def detail_queries(client) -> list[str]:
    """The queries of one view that count the details: members' rows, chains, history."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(OFFICE).status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "MIN(" in query["sql"] or '"network_membership"."joined_on"' in query["sql"]
    ]


def test_a_write_elsewhere_renders_the_page_again_but_does_not_recount_its_details(
    world,
    login,
    landscape,  # noqa: F811
):
    """The chains and the index history are kept with the stored figures: only a write that
    computes those again (a member joining, a landscape stored) counts them again."""
    lead = login(world.users["lead"])
    LandscapeBusinessFactory(office=world.office, kvk_number="55550000", is_chain=True)
    services.coverage_refresh([world.office.pk])
    assert detail_queries(lead)  # counted on the first view
    generation_bump()  # a write anywhere else on the site
    assert detail_queries(lead) == []
    joiner = EntrepreneurFactory()
    joiner.branches.set([landscape[0].branch])
    network_services.membership_add(
        office=world.office, entrepreneur=joiner, joined_on=timezone.localdate()
    )
    generation_bump()
    html = lead.get(OFFICE).content.decode()
    assert_fresh(html, world.office, can_manage=True)


def test_details_written_past_the_services_show_within_the_minute_or_at_the_next_refresh(
    world,
    login,
    landscape,  # noqa: F811
):
    """Like the stored figures, which the page dates: a chain added past the services is
    counted when the figures are computed again (or when the minute has passed)."""
    lead = login(world.users["lead"])
    services.coverage_refresh([world.office.pk])
    assert "Er staan geen ketens in het landschap." in lead.get(OFFICE).content.decode()
    for number in range(2):
        LandscapeBusinessFactory(
            office=world.office,
            kvk_number="55550000",
            establishment_number=f"00000000000{number}",
            is_chain=True,
            trade_name="Keten BV",
        )
    generation_bump()
    assert "Keten BV" not in lead.get(OFFICE).content.decode()
    services.coverage_refresh([world.office.pk])
    generation_bump()
    html = lead.get(OFFICE).content.decode()
    assert "Keten BV" in html
    assert_fresh(html, world.office, can_manage=True)
