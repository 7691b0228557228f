"""Rules of the pipeline and landscape services, the exports' cells and the template helpers."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory

from kapstok.accounts.access import viewer_for
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, SportBranchFactory
from kapstok.representation import exports, jobs, selectors, services
from kapstok.representation.factories import (
    ImportJobFactory,
    LandscapeBusinessFactory,
    ProspectFactory,
)
from kapstok.representation.models import (
    ImportJob,
    ImportStatus,
    LandscapeBusiness,
    MatchKind,
    Prospect,
    ProspectStage,
)
from kapstok.representation.templatetags import representation_tags as tags

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 2)
NOW = datetime.datetime(2025, 6, 2, 12, tzinfo=datetime.UTC)


# --- the pipeline ----------------------------------------------------------------------------


def test_notes_too_long_leave_no_prospect_behind(world):
    row = LandscapeBusinessFactory(office=world.office)
    with pytest.raises(ValidationError) as refused:
        services.prospect_update(
            business=row, stage=ProspectStage.APPROACHED, notes="x" * 4001, today=TODAY
        )
    assert "notes" in refused.value.message_dict
    assert not Prospect.objects.exists()


def test_an_unknown_stage_is_refused_at_the_stage_field_in_dutch(world):
    row = LandscapeBusinessFactory(office=world.office)
    with pytest.raises(ValidationError) as refused:
        services.prospect_update(business=row, stage="gezellig")
    assert refused.value.message_dict == {"stage": ["Kies een fase."]}


def test_a_prospect_keeps_its_owner_and_next_step_until_changed(world):
    row = LandscapeBusinessFactory(office=world.office)
    services.prospect_update(
        business=row,
        stage=ProspectStage.APPROACHED,
        owner=world.users["lead"],
        next_step=" Bellen ",
        next_step_on=datetime.date(2025, 7, 1),
        today=TODAY,
    )
    prospect = services.prospect_update(
        business=row, stage=ProspectStage.INTERESTED, today=TODAY + datetime.timedelta(days=2)
    )
    assert (prospect.owner, prospect.next_step, prospect.next_step_on) == (None, "", None)
    assert prospect.stage_changed_on == TODAY + datetime.timedelta(days=2)
    assert Prospect.objects.count() == 1


def test_of_a_chain_only_the_establishment_linked_to_the_new_member_joins(world):
    newcomer = EntrepreneurFactory(kvk_number="90000001", municipality=world.utrecht)
    mine = LandscapeBusinessFactory(
        office=world.office,
        kvk_number="90000001",
        establishment_number="000000000001",
        entrepreneur=newcomer,
        is_chain=True,
    )
    other = LandscapeBusinessFactory(
        office=world.office,
        kvk_number="90000001",
        establishment_number="000000000002",
        is_chain=True,
    )
    MembershipFactory(office=world.office, entrepreneur=newcomer, joined_on=TODAY)
    assert services.prospect_mark_joined(entrepreneur=newcomer, today=TODAY) == 1
    assert Prospect.objects.get(business=mine).stage == ProspectStage.JOINED
    assert not Prospect.objects.filter(business=other).exists()


def test_a_member_with_an_establishment_number_joins_with_that_establishment(world):
    newcomer = EntrepreneurFactory(
        kvk_number="90000001", establishment_number="000000000002", municipality=world.utrecht
    )
    LandscapeBusinessFactory(
        office=world.office, kvk_number="90000001", establishment_number="000000000001"
    )
    theirs = LandscapeBusinessFactory(
        office=world.office, kvk_number="90000001", establishment_number="000000000002"
    )
    MembershipFactory(office=world.office, entrepreneur=newcomer, joined_on=TODAY)
    assert services.prospect_mark_joined(entrepreneur=newcomer, today=TODAY) == 1
    theirs.refresh_from_db()
    assert (theirs.entrepreneur, theirs.prospect.stage) == (newcomer, ProspectStage.JOINED)


def test_someone_whose_membership_ended_moves_nothing(world):
    former = EntrepreneurFactory(kvk_number="12345678", municipality=world.utrecht)
    MembershipFactory(
        office=world.office,
        entrepreneur=former,
        joined_on=datetime.date(2024, 1, 1),
        left_on=datetime.date(2025, 1, 1),
    )
    ProspectFactory(
        business__office=world.office, business__kvk_number="12345678", stage="interested"
    )
    assert services.prospect_mark_joined(entrepreneur=former, today=TODAY) == 0
    assert Prospect.objects.get().stage == ProspectStage.INTERESTED


# --- suggestions -----------------------------------------------------------------------------


def test_confirming_without_a_suggestion_is_refused_in_dutch(world):
    row = LandscapeBusinessFactory(office=world.office)
    with pytest.raises(ValidationError, match="Er is geen voorgestelde koppeling meer."):
        services.suggestion_confirm(business=row)
    row.refresh_from_db()
    assert (row.entrepreneur, row.match_kind) == (None, MatchKind.NONE)


# --- storing a landscape ---------------------------------------------------------------------


def store(office, write_file, rows, **options):
    path = write_file(csv_bytes(rows))
    return services.landscape_import(office=office, path=path, save=True, **options)


def test_removing_missing_businesses_takes_their_pipeline_and_spares_other_offices(
    world, taxonomy, write_file
):
    store(world.office, write_file, [business("11111111", "A"), business("22222222", "B")], now=NOW)
    ProspectFactory(business=LandscapeBusiness.objects.get(kvk_number="22222222"))
    elsewhere = LandscapeBusinessFactory(office=world.other_office, kvk_number="33333333")
    later = NOW + datetime.timedelta(days=30)
    outcome = store(
        world.office, write_file, [business("11111111", "A")], remove_missing=True, now=later
    )
    assert outcome.removed == 1
    assert set(LandscapeBusiness.objects.values_list("kvk_number", flat=True)) == {
        "11111111",
        elsewhere.kvk_number,
    }
    assert not Prospect.objects.exists()


def test_a_reviewed_link_gives_way_to_a_kvk_number_link(world, taxonomy, write_file):
    store(world.office, write_file, [business("12345678", "Padelhal")], now=NOW)
    row = LandscapeBusiness.objects.get()
    guessed = EntrepreneurFactory(business_name="Padelhal", municipality=world.utrecht)
    row.entrepreneur, row.match_kind = guessed, MatchKind.REVIEWED
    row.save()
    owner = EntrepreneurFactory(kvk_number="12345678", municipality=world.utrecht)
    MembershipFactory(office=world.office, entrepreneur=owner)  # only members are linked
    store(world.office, write_file, [business("12345678", "Padelhal")], now=NOW)
    row.refresh_from_db()
    assert (row.entrepreneur, row.match_kind) == (owner, MatchKind.KVK)


def test_a_stored_landscape_is_dated_first_and_last_imported(world, taxonomy, write_file):
    store(world.office, write_file, [business("12345678", "Padelhal")], now=NOW)
    later = NOW + datetime.timedelta(days=10)
    store(world.office, write_file, [business("12345678", "Padelhal")], now=later)
    row = LandscapeBusiness.objects.get()
    assert (row.first_imported_at, row.last_imported_at) == (NOW, later)


def test_the_check_report_previews_the_index_with_the_file(world, taxonomy):
    world.member_entrepreneur.branches.set([SportBranchFactory(slug="padel")])
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    rows = [business("12345678", "Padelhal Een"), business("87654321", "Golfbaan", "93.12.2")]
    job.file.save("landschap.csv", ContentFile(csv_bytes(rows)))
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    preview = job.report["preview"]
    assert preview["index_now"] is None  # no landscape stored yet
    assert preview["index_with_file"] == pytest.approx(0.5)  # padel 1 of 2 businesses
    assert job.report["valid"] == 2 and job.report["chains"] == 0
    assert not LandscapeBusiness.objects.exists()


def test_a_failed_import_keeps_nothing_and_the_job_says_so(world, taxonomy, monkeypatch):
    job = ImportJobFactory(
        office=world.office,
        status=ImportStatus.IMPORT_PENDING,
        mapping={"columns": {"kvk_number": 0, "trade_name": 2, "sbi_codes": 3}},
    )
    job.file.save("landschap.csv", ContentFile(csv_bytes([business("12345678", "Padelhal")])))

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "_update", broken)
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.message == "Er ging iets mis bij het verwerken."
    assert not LandscapeBusiness.objects.exists()
    assert ImportJob.objects.get().file  # kept for a retry until the week is over


# --- exports and template helpers ------------------------------------------------------------


def test_an_export_row_without_prospect_reads_to_approach_and_unknown_branch(world):
    row = LandscapeBusinessFactory(office=world.office, trade_name="Iets", branch=None)
    coverage = selectors.office_coverage(world.office, details=False)
    [cells] = exports.pipeline_rows(selectors.businesses([row.pk], coverage))
    assert cells[0:2] == [1, "Iets"]
    assert cells[4] == "onbekend"
    assert cells[9:15] == ["te benaderen", "", "", "", "", ""]


def test_an_export_row_carries_the_prospects_details_and_the_gain_in_points(world):
    padel = SportBranchFactory(slug="padel", name="Padel")
    prospect = ProspectFactory(
        business__office=world.office,
        business__branch=padel,
        stage=ProspectStage.APPROACHED,
        owner=world.users["lead"],
        next_step="Mailen",
        next_step_on=datetime.date(2025, 7, 1),
        notes="Wil eerst cijfers zien",
    )
    coverage = selectors.office_coverage(world.office, details=False)
    [cells] = exports.pipeline_rows(selectors.businesses([prospect.pk], coverage))
    # Members: one fitness; landscape: one padel. With the padel business joined: D = 0.5.
    assert cells[9:15] == [
        "benaderd",
        "Kees Kartrekker",
        "Mailen",
        "2025-07-01",
        "Wil eerst cijfers zien",
        50.0,
    ]


def test_the_rejected_rows_csv_has_a_dutch_header_and_a_byte_order_mark():
    data = exports.rejected_csv([{"line": 3, "reason": "KvK-nummer ontbreekt"}])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["Regel;Reden", "3;KvK-nummer ontbreekt"]


@pytest.mark.parametrize(
    ("gain", "shown"), [(None, "–"), (0.035, "+3,5"), (-0.012, "-1,2"), (0.0, "+0,0")]
)
def test_a_gain_is_shown_in_signed_points_with_a_dutch_comma(gain, shown):
    assert tags.gain_points(gain) == shown


def test_the_index_is_shown_with_two_decimals_or_a_dash():
    assert (tags.index_display(0.6234), tags.index_display(None)) == ("62%", "–")
    assert tags.index_gap_percent(0.62) == 38


def render_summary(user, office) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load representation_tags %}{% representation_summary office %}")
    return template.render(Context({"request": request, "office": office}))


@pytest.mark.parametrize(("persona", "shown"), [("lead", True), ("member", False)])
def test_the_summary_on_other_pages_is_only_for_who_may_see_the_coverage(world, persona, shown):
    LandscapeBusinessFactory(office=world.office, branch=SportBranchFactory(slug="padel"))
    html = render_summary(world.users[persona], world.office)
    assert ("Afspiegeling" in html) is shown


def test_the_summary_is_empty_without_a_landscape(world):
    assert "Afspiegeling" not in render_summary(world.users["lead"], world.office)
    assert viewer_for(world.users["lead"]).lead_office_ids == {world.office.pk}
