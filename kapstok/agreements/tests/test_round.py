"""A role agreement round: each party its own view, the differences shown, one agreed version
confirmed by every party; versions kept."""

import pytest

from kapstok.agreements import services
from kapstok.agreements.models import AgreementStatus, PartyView, RoleAgreement

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/rollenafspraak/"


def field(task, party):
    return f"c-{task.pk}-{party}"


def matrix_post(agreement, overrides=None):
    """Every cell as the template suggests, then `overrides` {(task name, party): value}."""
    data = {}
    cells = services.starting_cells(agreement)
    for task in agreement.tasks.all():
        for party in agreement.parties:
            data[field(task, party)] = cells[str(task.pk)].get(party, "")
    for (name, party), value in (overrides or {}).items():
        data[field(agreement.tasks.get(name=name), party)] = value
    return data


@pytest.fixture
def agreement(world):
    return services.agreement_start(office=world.office, actor=world.users["lead"])


def test_a_round_starts_from_the_report_template_with_the_partner(agreement):
    assert agreement.version == 1
    assert agreement.parties == ["pos", "office", "municipality", "partner"]
    assert agreement.tasks.first().name == "Strategie en doelen bepalen"
    cells = services.starting_cells(agreement)
    strategy = str(agreement.tasks.get(name="Strategie en doelen bepalen").pk)
    # The report: the office decides its course; the municipality thinks along, it does not direct.
    assert cells[strategy]["office"] == "decides"
    assert cells[strategy]["municipality"] == "informed"


def test_two_differing_views_end_in_an_agreed_acknowledged_version(world, login, agreement):
    lead, civil, pos, partner = (
        world.users[p] for p in ("lead", "civil_servant", "pos", "partner")
    )
    detail = f"{BASE}versie-1/"
    login(lead).post(f"{detail}beeld/office/", matrix_post(agreement))
    login(civil).post(
        f"{detail}beeld/municipality/",
        matrix_post(agreement, {("Strategie en doelen bepalen", "municipality"): "decides"}),
    )
    page = login(lead).get(detail).content.decode()
    assert "De beelden verschillen in 1 vak" in page
    assert "≠ verschilt" in page
    assert "kantoor: wordt geïnformeerd" in page and "gemeente: beslist" in page

    # The lead drafts the agreed version: the municipality is informed, not deciding.
    response = login(lead).post(f"{detail}voorstel/", matrix_post(agreement))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED
    for user, party in ((lead, "office"), (civil, "municipality"), (pos, "pos")):
        login(user).post(f"{detail}bevestigen/{party}/")
        agreement.refresh_from_db()
        assert agreement.status == AgreementStatus.PROPOSED
    login(partner).post(f"{detail}bevestigen/partner/")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AGREED
    assert agreement.acknowledgements.count() == 4
    strategy = str(agreement.tasks.get(name="Strategie en doelen bepalen").pk)
    assert agreement.cells[strategy]["municipality"] == "informed"


def test_only_parties_fill_in_their_own_view(world, login, agreement):
    view = f"{BASE}versie-1/beeld/"
    assert login(world.users["civil_servant"]).get(f"{view}office/").status_code == 403
    assert login(world.users["member"]).get(f"{view}office/").status_code == 403
    assert login(world.users["lead"]).get(f"{view}municipality/").status_code == 403
    assert login(world.users["lead"]).get(f"{view}office/").status_code == 200
    assert login(world.users["partner"]).get(f"{view}partner/").status_code == 200
    assert login(world.users["lead"]).get(f"{view}iemand/").status_code == 404
    login(world.users["civil_servant"]).post(f"{view}office/", matrix_post(agreement))
    assert not PartyView.objects.exists()


def test_a_task_without_a_decider_is_saved_with_a_warning(world, login, agreement):
    response = login(world.users["lead"]).post(
        f"{BASE}versie-1/beeld/office/",
        matrix_post(agreement, {("Strategie en doelen bepalen", "office"): "executes"}),
        follow=True,
    )
    page = response.content.decode()
    assert "bij deze taken beslist niemand: Strategie en doelen bepalen" in page
    assert PartyView.objects.get().cells  # saved anyway


def test_a_new_proposal_clears_earlier_confirmations(world, agreement):
    services.view_submit(agreement=agreement, party="office", cells={}, actor=None)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    services.agreement_acknowledge(agreement=agreement, party="office", actor=None)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    assert not agreement.acknowledgements.exists()


def test_no_proposal_before_any_view(world, login, agreement):
    response = login(world.users["lead"]).post(f"{BASE}versie-1/voorstel/", matrix_post(agreement))
    assert response.status_code == 400
    assert "Er is nog geen enkel beeld ingevuld" in response.content.decode()


def test_versions_are_kept_and_a_new_round_copies_the_tasks(world, login, agreement):
    services.agreement_tasks_save(
        agreement=agreement, names=["Strategie en doelen bepalen", "Sportdag organiseren"]
    )
    services.view_submit(agreement=agreement, party="office", cells={}, actor=None)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    for party in agreement.parties:
        services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
    login(world.users["lead"]).post(f"{BASE}nieuwe-ronde/")
    second = RoleAgreement.objects.get(version=2)
    assert [t.name for t in second.tasks.all()] == [
        "Strategie en doelen bepalen", "Sportdag organiseren",
    ]  # fmt: skip
    assert login(world.users["member"]).get(f"{BASE}versie-1/").status_code == 200


def test_only_one_round_at_a_time(world, agreement):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Er loopt al een ronde"):
        services.agreement_start(office=world.office, actor=None)


def test_tasks_edit_refuses_duplicates_and_keeps_the_input(world, login, agreement):
    response = login(world.users["lead"]).post(
        f"{BASE}versie-1/taken/", {"tasks": "Financieren\nFinancieren\nNieuwe taak"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Deze taak staat er dubbel in: Financieren" in page and "Nieuwe taak" in page


def test_version_page_queries_are_bounded(world, login, agreement, django_assert_max_num_queries):
    for party in agreement.parties:
        services.view_submit(agreement=agreement, party=party, cells={}, actor=None)
    client = login(world.users["lead"])
    with django_assert_max_num_queries(14):
        assert client.get(f"{BASE}versie-1/").status_code == 200
