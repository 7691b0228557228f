"""The dashboards as people use them: signals, what comes next, filters, export and settings."""

import datetime
from io import BytesIO

import openpyxl
import pytest
import time_machine

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import ActivityFactory, GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.progress import services
from kapstok.progress.models import Signal, StallSettings

pytestmark = pytest.mark.django_db

DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"
NATIONAL = "/netwerk/dashboard/"
SETTINGS = "/netwerk/signalen/instellingen/"
AMS = datetime.timezone(datetime.timedelta(hours=1))


def html(response):
    return response.content.decode()


def ack_url(signal, slug="kantoor-utrecht"):
    return f"/netwerk/kantoren/{slug}/signalen/{signal.pk}/gezien/"


@pytest.fixture
def signal(world):
    """An open `no_session` signal at Kantoor Utrecht."""
    return Signal.objects.create(
        office=world.office,
        rule="no_session",
        severity="warning",
        params={"months": 6, "since": "2024-11-01"},
        opened_on=datetime.date(2024, 11, 1),
        last_seen_on=datetime.date(2025, 6, 1),
    )


# --- the office dashboard ------------------------------------------------------------------


def test_a_signal_is_explained_with_its_dutch_dates(world, login, signal):
    page = html(login(world.users["lead"]).get(DASHBOARD))
    assert "Het kantoor bestaat al langer dan 6 maanden zonder strategische sessie." in page
    assert "Sinds 1 november 2024." in page
    assert "Plan een strategische sessie met de leden" in page


def test_an_office_without_signals_is_told_it_is_moving(world, login):
    page = html(login(world.users["member"]).get(DASHBOARD))
    assert "Geen doorpak-signalen: dit kantoor is in beweging." in page


def test_after_acknowledging_the_dashboard_says_who_saw_it_and_offers_no_form(world, login, signal):
    client = login(world.users["lead"])
    response = client.post(ack_url(signal), {"note": "Sessie in maart"}, follow=True)
    page = html(response)
    assert "Het signaal is gezien; het verdwijnt vanzelf als het is opgelost." in page
    assert "Gezien door Kees Kartrekker op" in page
    assert "“Sessie in maart”" in page
    assert ack_url(signal) not in page


def test_a_note_over_500_characters_is_refused_and_nothing_is_recorded(world, login, signal):
    response = login(world.users["lead"]).post(ack_url(signal), {"note": "x" * 501}, follow=True)
    assert "De notitie is te lang (maximaal 500 tekens)." in html(response)
    signal.refresh_from_db()
    assert signal.acknowledged_at is None


def test_a_resolved_signal_cannot_be_acknowledged(world, login, signal):
    signal.resolved_on = datetime.date(2025, 6, 2)
    signal.save()
    assert login(world.users["lead"]).post(ack_url(signal), {"note": ""}).status_code == 404


def test_another_offices_signal_cannot_be_acknowledged(world, login, signal):
    client = login(world.users["other_lead"])
    assert client.post(ack_url(signal), {"note": "x"}).status_code == 403
    assert client.post(ack_url(signal, "kantoor-zwolle"), {"note": "x"}).status_code == 404
    signal.refresh_from_db()
    assert signal.acknowledged_at is None


def test_members_see_acknowledgement_notes_the_municipality_does_not(world, login, signal):
    services.signal_acknowledge(signal=signal, user=world.users["lead"], note="Intern")
    assert "“Intern”" in html(login(world.users["member"]).get(DASHBOARD))
    assert "“Intern”" not in html(login(world.users["civil_servant"]).get(DASHBOARD))


def test_only_open_goals_are_on_the_dashboard(world, login):
    GoalFactory(office=world.office, title="Lopend doel")
    GoalFactory(office=world.office, title="Behaald doel", status="achieved")
    page = html(login(world.users["member"]).get(DASHBOARD))
    assert "Lopend doel" in page
    assert "Behaald doel" not in page


def test_what_comes_next_lists_open_work_by_date(world, login):
    goal = GoalFactory(office=world.office, title="Doel", deadline=datetime.date(2026, 9, 1))
    project = ProjectFactory(
        strategy=StrategyFactory(goal=goal), title="Padeldag", due_on=datetime.date(2026, 5, 1)
    )
    ActivityFactory(
        project=project, title="Flyers", status="planned", due_on=datetime.date(2026, 4, 1)
    )
    ProjectFactory(
        strategy=StrategyFactory(goal=goal),
        title="Klaar project",
        status="done",
        due_on=datetime.date(2026, 3, 1),
    )
    GoalFactory(office=world.office, title="Gestopt", status="dropped")
    GoalFactory(office=world.other_office, title="Zwols", deadline=datetime.date(2026, 1, 1))
    response = login(world.users["member"]).get(DASHBOARD)
    titles = [item["title"] for item in response.context["due_next"]]
    assert titles == ["Flyers", "Padeldag", "Doel"]


def test_what_comes_next_shows_at_most_eight_items(world, login):
    goal = GoalFactory(office=world.office, deadline=None)
    strategy = StrategyFactory(goal=goal)
    for day in range(1, 11):
        ProjectFactory(strategy=strategy, due_on=datetime.date(2026, 5, day))
    response = login(world.users["lead"]).get(DASHBOARD)
    dates = [item["date"].day for item in response.context["due_next"]]
    assert dates == [1, 2, 3, 4, 5, 6, 7, 8]


def test_the_office_dashboard_query_count_does_not_grow_with_goals(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["lead"])

    def grow():
        goal = GoalFactory(office=world.office)
        ProjectFactory(strategy=StrategyFactory(goal=goal), due_on=datetime.date(2026, 5, 1))

    grow()
    with django_assert_max_num_queries(60) as small:
        client.get(DASHBOARD)
    for _ in range(4):
        grow()
    generation_bump()  # as making them on the site would: the page is computed afresh
    with django_assert_max_num_queries(60) as large:
        client.get(DASHBOARD)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- the national dashboard ----------------------------------------------------------------


def test_the_national_figures_add_up(world, login):
    MembershipFactory(office=world.office)
    response = login(world.users["pos"]).get(NATIONAL)
    figures = response.context["figures"]
    assert figures["offices"] == 2
    assert figures["municipalities"] == 2
    assert figures["members"] == 3
    assert figures["smart_share"] == 0
    phases = {row["phase"]: row["percent"] for row in response.context["phases"]}
    assert phases["building"] == 100


def test_offices_with_the_worst_signals_come_first(world, login):
    day = datetime.date(2025, 6, 1)
    for office, rule, severity in [
        (world.office, "no_session", "warning"),
        (world.office, "no_activity", "warning"),
        (world.other_office, "shrinking", "critical"),
    ]:
        Signal.objects.create(
            office=office, rule=rule, severity=severity, opened_on=day, last_seen_on=day
        )
    response = login(world.users["pos"]).get(NATIONAL)
    rows = [
        (r["office"].name, r["signals"], r["severity"]) for r in response.context["signal_rows"]
    ]
    assert rows == [("Kantoor Zwolle", 1, "critical"), ("Kantoor Utrecht", 2, "warning")]


def test_the_national_dashboard_filters_by_initiative(world, login):
    world.other_office.initiative = "municipality"
    world.other_office.save()
    response = login(world.users["pos"]).get(NATIONAL, {"initiative": "municipality"})
    assert [row["office"].name for row in response.context["rows"]] == ["Kantoor Zwolle"]


def test_an_unknown_filter_value_shows_every_office(world, login):
    response = login(world.users["pos"]).get(NATIONAL, {"province": "Atlantis"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2


def test_the_map_colours_each_municipality_by_its_office(world, login):
    response = login(world.users["pos"]).get(NATIONAL)
    colours = response.context["map_colours"]
    assert colours["GM0344"]["office"] == world.office
    assert colours["GM0193"]["severity"] == "none"


def test_site_admins_are_not_pos_staff_for_the_thresholds(world, login):
    assert login(world.users["admin"]).get(SETTINGS).status_code == 403


def test_the_export_is_named_after_today_and_keeps_the_filters(world, login):
    world.other_office.initiative = "municipality"
    world.other_office.save()
    client = login(world.users["pos"])
    with time_machine.travel(datetime.datetime(2026, 3, 16, 12, tzinfo=AMS), tick=False):
        response = client.get(f"{NATIONAL}export.xlsx", {"initiative": "municipality"})
    assert response["Content-Disposition"] == (
        'attachment; filename="kapstok-kantoren-2026-03-16.xlsx"'
    )
    rows = list(openpyxl.load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("Kantoor", "Gemeenten", "Provincie", "Leden")
    assert [row[0] for row in rows[1:]] == ["Kantoor Zwolle"]
    assert rows[1][1:4] == ("Zwolle", "Overijssel", 1)


def test_members_cannot_export_the_national_dashboard(world, login):
    assert login(world.users["lead"]).get(f"{NATIONAL}export.xlsx").status_code == 403


# --- stall settings ------------------------------------------------------------------------


def settings_form(**overrides):
    data = {
        "months_to_first_session": 6,
        "months_session_to_goal": 3,
        "inactive_days": 90,
        "shrink_months": 6,
        "single_lead_days": 90,
        "single_lead_min_actions": 3,
        "enabled_rules": ["no_session", "no_smart_goal", "no_activity", "shrinking"],
    }
    data.update(overrides)
    return data


def test_the_settings_form_shows_which_rules_are_on(world, login):
    StallSettings.objects.create(disabled_rules=["single_lead"])
    response = login(world.users["pos"]).get(SETTINGS)
    enabled = response.context["form"].initial["enabled_rules"]
    assert "single_lead" not in enabled
    assert "no_session" in enabled


def test_pos_saves_thresholds_and_who_changed_them(world, login):
    client = login(world.users["pos"])
    response = client.post(SETTINGS, settings_form(inactive_days=120), follow=True)
    assert "De drempels zijn opgeslagen en de signalen opnieuw berekend." in html(response)
    row = StallSettings.current()
    assert row.inactive_days == 120
    assert row.updated_by == world.users["pos"]
    assert set(row.disabled_rules) == {
        "single_lead",
        "support_overdue",
        "member_value",
        "member_response",
    }
    assert StallSettings.objects.count() == 1


def test_a_threshold_of_zero_is_refused_and_nothing_changes(world, login):
    StallSettings.objects.create(inactive_days=90)
    client = login(world.users["pos"])
    response = client.post(SETTINGS, settings_form(inactive_days=0, shrink_months=0))
    form = response.context["form"]
    assert form.errors["inactive_days"] and form.errors["shrink_months"]
    assert StallSettings.current().inactive_days == 90


def test_leads_cannot_change_the_thresholds(world, login):
    response = login(world.users["lead"]).post(SETTINGS, settings_form(inactive_days=999))
    assert response.status_code == 403
    assert not StallSettings.objects.exists()


def test_saving_the_settings_recomputes_the_signals(world, login):
    old = OfficeFactory(founded_on=datetime.date(2020, 1, 1))
    assert not Signal.objects.filter(office=old).exists()
    login(world.users["pos"]).post(SETTINGS, settings_form())
    assert Signal.objects.open().filter(office=old, rule="no_session").exists()
