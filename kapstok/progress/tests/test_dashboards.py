"""The office dashboard and the national dashboard, per role."""

from io import BytesIO

import openpyxl
import pytest

from django.utils import timezone

from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.progress import services
from kapstok.progress.models import Signal

pytestmark = pytest.mark.django_db

DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"


def test_lead_sees_phase_evidence_and_signals(world, client):
    services.signals_compute()
    client.force_login(world.users["lead"])
    html = client.get(DASHBOARD).content.decode()
    assert "Fase: netwerk bouwen" in html
    assert "Nog geen strategische sessie gepland of gehouden." in html
    assert "Geen strategische sessie" in html
    assert "Volgende stap" in html


def test_lead_acknowledges_a_signal_with_a_note(world, client):
    services.signals_compute()
    signal = Signal.objects.open().get(office=world.office, rule="no_session")
    client.force_login(world.users["lead"])
    url = f"/netwerk/kantoren/kantoor-utrecht/signalen/{signal.pk}/gezien/"
    client.post(url, {"note": "Sessie gepland in maart"})
    signal.refresh_from_db()
    assert signal.acknowledgement_note == "Sessie gepland in maart"
    assert signal.is_open  # acknowledging does not hide it


def test_member_reads_the_dashboard_but_cannot_acknowledge(world, client):
    services.signals_compute()
    signal = Signal.objects.open().filter(office=world.office).first()
    client.force_login(world.users["member"])
    assert client.get(DASHBOARD).status_code == 200
    url = f"/netwerk/kantoren/kantoor-utrecht/signalen/{signal.pk}/gezien/"
    assert client.post(url, {"note": "x"}).status_code == 403


def test_municipality_does_not_see_acknowledgement_notes(world, client):
    services.signals_compute()
    signal = Signal.objects.open().filter(office=world.office).first()
    services.signal_acknowledge(signal=signal, user=world.users["lead"], note="Intern: ruzie")
    client.force_login(world.users["civil_servant"])
    html = client.get(DASHBOARD).content.decode()
    assert "Intern: ruzie" not in html


def test_national_dashboard_is_for_pos_staff_only(world, client):
    client.force_login(world.users["member"])
    assert client.get("/netwerk/dashboard/").status_code == 403
    client.force_login(world.users["pos"])
    response = client.get("/netwerk/dashboard/")
    assert response.status_code == 200
    assert response.context["figures"]["offices"] == 2
    assert 'id="map-title"' in response.content.decode()


def test_national_dashboard_filters_by_province(world, client):
    client.force_login(world.users["pos"])
    response = client.get("/netwerk/dashboard/", {"province": "Overijssel"})
    assert [row["office"].name for row in response.context["rows"]] == ["Kantoor Zwolle"]


def test_national_dashboard_queries_do_not_grow_with_offices(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kapstok.core.generation import generation_bump

    client.force_login(world.users["pos"])
    with CaptureQueriesContext(connection) as few:
        client.get("/netwerk/dashboard/")
    for _ in range(15):
        office = OfficeFactory(municipalities=[world.utrecht])
        MembershipFactory(office=office)
    generation_bump()  # as the write requests that add them would: the figures are computed again
    with CaptureQueriesContext(connection) as many:
        client.get("/netwerk/dashboard/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_export_is_an_xlsx_with_a_row_per_office(world, client):
    world.office.name = '=HYPERLINK("x")'
    world.office.save()
    client.force_login(world.users["pos"])
    response = client.get("/netwerk/dashboard/export.xlsx")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Kantoor"
    assert len(rows) == 3
    names = {row[0] for row in rows[1:]}
    assert '\'=HYPERLINK("x")' in names  # neutralised against formula injection


def test_stall_settings_refuse_zero_and_recompute(world, client):
    client.force_login(world.users["pos"])
    data = {
        "months_to_first_session": 0,
        "months_session_to_goal": 3,
        "inactive_days": 90,
        "shrink_months": 6,
        "single_lead_days": 90,
        "single_lead_min_actions": 3,
        "enabled_rules": ["no_session"],
    }
    response = client.post("/netwerk/signalen/instellingen/", data)
    assert "months_to_first_session" in response.context["form"].errors
    data["months_to_first_session"] = 1
    assert client.post("/netwerk/signalen/instellingen/", data).status_code == 302
    assert set(Signal.objects.open().values_list("rule", flat=True)) <= {"no_session"}


def test_office_founded_recently_has_no_session_signal(world):
    world.office.founded_on = timezone.localdate()
    world.office.save()
    services.signals_compute()
    assert not Signal.objects.filter(office=world.office, rule="no_session").exists()


def test_phases_alone_are_the_phases_of_the_full_office_states(world):
    from kapstok.progress.facts import office_phases, office_states

    empty = OfficeFactory()
    offices = [world.office, world.other_office, empty]
    full = office_states(offices)
    assert {pk: phase.phase for pk, phase in office_phases(offices).items()} == {
        pk: state.phase.phase for pk, state in full.items()
    }
