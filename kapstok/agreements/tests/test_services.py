"""The rules of a role agreement round, service by service."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.agreements import services
from kapstok.agreements.factories import PartyViewFactory, RoleAgreementFactory
from kapstok.agreements.models import Acknowledgement, AgreementStatus, PartyView, RoleAgreement
from kapstok.agreements.starting_point import TEMPLATE
from kapstok.network.factories import OfficeFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def task_id(agreement, name):
    return str(agreement.tasks.get(name=name).pk)


def agree(agreement, cells=None):
    """Run a round to the end: one view, a proposal, every party confirming."""
    services.view_submit(agreement=agreement, party="office", cells=cells or {}, actor=None)
    services.agreement_propose(agreement=agreement, cells=cells or {}, actor=None)
    for party in agreement.parties:
        agreement = services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
    return agreement


# --- parties and rounds --------------------------------------------------------------------


def test_an_office_without_a_partner_agrees_between_three_parties():
    assert services.agreement_parties(OfficeFactory()) == ["pos", "office", "municipality"]


def test_an_office_with_a_partner_brings_it_to_the_table():
    office = OfficeFactory()
    PartnerFactory(offices=[office])
    assert services.agreement_parties(office) == ["pos", "office", "municipality", "partner"]


def test_the_first_round_has_the_reports_tasks_in_order():
    office = OfficeFactory()
    agreement = services.agreement_start(office=office, actor=None)
    assert agreement.version == 1
    assert agreement.status == AgreementStatus.VIEWS
    assert [task.name for task in agreement.tasks.all()] == [name for name, _cells in TEMPLATE]


def test_a_new_round_cannot_start_while_one_is_proposed():
    office = OfficeFactory()
    agreement = services.agreement_start(office=office, actor=None)
    services.view_submit(agreement=agreement, party="office", cells={}, actor=None)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    with pytest.raises(ValidationError) as refused:
        services.agreement_start(office=office, actor=None)
    assert refused.value.messages == ["Er loopt al een ronde; rond die eerst af."]
    assert RoleAgreement.objects.count() == 1


def test_rounds_are_numbered_per_office():
    office, other = OfficeFactory(), OfficeFactory()
    agree(services.agreement_start(office=office, actor=None))
    second = services.agreement_start(office=office, actor=None)
    elsewhere = services.agreement_start(office=other, actor=None)
    assert (second.version, elsewhere.version) == (2, 1)


def test_the_next_round_starts_from_the_last_agreed_matrix():
    office = OfficeFactory()
    first = services.agreement_start(office=office, actor=None)
    services.agreement_tasks_save(agreement=first, names=["Financieren", "Sportdag"])
    cells = {task_id(first, "Sportdag"): {"office": "decides", "municipality": "supports"}}
    agree(first, cells)
    second = services.agreement_start(office=office, actor=None)
    start = services.starting_cells(second)
    assert start[task_id(second, "Sportdag")] == {
        "pos": "",
        "office": "decides",
        "municipality": "supports",
    }
    assert start[task_id(second, "Financieren")] == {"pos": "", "office": "", "municipality": ""}


def test_a_first_round_starts_from_the_template_and_leaves_own_tasks_empty():
    agreement = services.agreement_start(office=OfficeFactory(), actor=None)
    services.agreement_tasks_save(
        agreement=agreement, names=["Financieren", "Ledenavond organiseren"]
    )
    start = services.starting_cells(agreement)
    assert start[task_id(agreement, "Financieren")] == {
        "pos": "",
        "office": "informed",
        "municipality": "decides",
    }
    assert set(start[task_id(agreement, "Ledenavond organiseren")].values()) == {""}


# --- tasks ---------------------------------------------------------------------------------


def test_saving_tasks_keeps_the_cells_of_tasks_that_stay_and_follows_the_new_order():
    agreement = RoleAgreementFactory(tasks=["Financieren", "Sportdag organiseren"])
    kept = task_id(agreement, "Financieren")
    services.view_submit(
        agreement=agreement, party="office", cells={kept: {"office": "decides"}}, actor=None
    )
    services.agreement_tasks_save(agreement=agreement, names=["  Ledenwerving ", "", "Financieren"])
    assert [task.name for task in agreement.tasks.all()] == ["Ledenwerving", "Financieren"]
    assert task_id(agreement, "Financieren") == kept
    view = PartyView.objects.get()
    assert view.cells[kept] == {"office": "decides"}


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["", "   "], "Noem minstens één taak."),
        ([f"Taak {n}" for n in range(31)], "Hoogstens 30 taken."),
        (["Financieren", "Sportdag", "Financieren"], "Deze taak staat er dubbel in: Financieren"),
        (["x" * 121], "Een taak is hoogstens 120 tekens lang."),
    ],
)
def test_a_bad_task_list_is_refused_and_the_old_one_stays(names, message):
    agreement = RoleAgreementFactory(tasks=["Financieren", "Sportdag organiseren"])
    with pytest.raises(ValidationError) as refused:
        services.agreement_tasks_save(agreement=agreement, names=names)
    assert refused.value.message_dict == {"tasks": [message]}
    assert [task.name for task in agreement.tasks.all()] == ["Financieren", "Sportdag organiseren"]


def test_thirty_tasks_of_120_characters_are_allowed():
    agreement = RoleAgreementFactory()
    names = [f"{n:02d}" + "é" * 118 for n in range(30)]
    services.agreement_tasks_save(agreement=agreement, names=names)
    assert agreement.tasks.count() == 30


def test_tasks_are_fixed_once_there_is_a_proposal():
    agreement = RoleAgreementFactory()
    PartyViewFactory(agreement=agreement)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    with pytest.raises(ValidationError) as refused:
        services.agreement_tasks_save(agreement=agreement, names=["Iets anders"])
    assert refused.value.messages == ["De taken liggen vast zodra er een voorstel is."]
    assert [task.name for task in agreement.tasks.all()] == ["Financieren", "Sportdag organiseren"]


# --- views ---------------------------------------------------------------------------------


def test_a_view_keeps_only_known_tasks_parties_and_responsibilities():
    agreement = RoleAgreementFactory()
    financing = task_id(agreement, "Financieren")
    cells = {
        financing: {
            "office": "informed",
            "municipality": "decides",
            "pos": "",  # empty: dropped
            "partner": "supports",  # not a party of this round
            "sportraad": "decides",  # not a party at all
        },
        "999999": {"office": "decides"},  # not a task of this round
        task_id(agreement, "Sportdag organiseren"): {"office": "baas"},  # not a responsibility
    }
    services.view_submit(agreement=agreement, party="office", cells=cells, actor=None)
    assert PartyView.objects.get().cells == {
        financing: {"office": "informed", "municipality": "decides"},
        task_id(agreement, "Sportdag organiseren"): {},
    }


def test_submitting_a_view_returns_the_decision_warnings():
    agreement = RoleAgreementFactory()
    financing = task_id(agreement, "Financieren")
    sportday = task_id(agreement, "Sportdag organiseren")
    cells = {
        financing: {"office": "decides", "municipality": "decides"},
        sportday: {"office": "executes"},
    }
    warnings = services.view_submit(agreement=agreement, party="office", cells=cells, actor=None)
    assert warnings == {financing: "many", sportday: "none"}


def test_a_party_may_change_its_view_until_a_proposal_is_made(world):
    agreement = RoleAgreementFactory(office=world.office)
    financing = task_id(agreement, "Financieren")
    lead = world.users["lead"]
    services.view_submit(agreement=agreement, party="office", cells={}, actor=None)
    services.view_submit(
        agreement=agreement, party="office", cells={financing: {"pos": "decides"}}, actor=lead
    )
    view = PartyView.objects.get()
    assert view.cells == {financing: {"pos": "decides"}}
    assert view.submitted_by == lead


def test_a_view_cannot_change_after_the_proposal():
    agreement = RoleAgreementFactory()
    PartyViewFactory(agreement=agreement, party="office", cells={})
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    with pytest.raises(ValidationError) as refused:
        services.view_submit(agreement=agreement, party="municipality", cells={}, actor=None)
    assert refused.value.messages == [
        "Er ligt al een voorstel; de beelden kunnen niet meer worden gewijzigd."
    ]
    assert list(PartyView.objects.values_list("party", flat=True)) == ["office"]


def test_a_party_outside_the_round_cannot_submit_a_view():
    agreement = RoleAgreementFactory()  # no partner at this office
    with pytest.raises(ValidationError) as refused:
        services.view_submit(agreement=agreement, party="partner", cells={}, actor=None)
    assert refused.value.messages == ["Deze partij doet niet mee aan deze rollenafspraak."]
    assert not PartyView.objects.exists()


# --- proposal and confirmation -------------------------------------------------------------


def test_no_proposal_without_any_view():
    agreement = RoleAgreementFactory()
    with pytest.raises(ValidationError) as refused:
        services.agreement_propose(agreement=agreement, cells={}, actor=None)
    assert "Er is nog geen enkel beeld ingevuld." in refused.value.messages[0]
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VIEWS


def test_a_proposal_is_cleaned_stored_and_put_to_the_parties(world):
    agreement = RoleAgreementFactory(office=world.office)
    PartyViewFactory(agreement=agreement)
    financing = task_id(agreement, "Financieren")
    services.agreement_propose(
        agreement=agreement,
        cells={financing: {"municipality": "decides", "office": "onzin"}},
        actor=world.users["lead"],
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED
    assert agreement.cells == {financing: {"municipality": "decides"}}
    assert agreement.proposed_by == world.users["lead"]
    assert agreement.proposed_at is not None


def test_an_agreed_version_cannot_be_proposed_again():
    agreement = agree(RoleAgreementFactory())
    with pytest.raises(ValidationError) as refused:
        services.agreement_propose(agreement=agreement, cells={}, actor=None)
    assert refused.value.messages == ["Deze versie is al vastgesteld. Begin een nieuwe ronde."]


def test_confirming_before_a_proposal_is_refused():
    agreement = RoleAgreementFactory()
    with pytest.raises(ValidationError) as refused:
        services.agreement_acknowledge(agreement=agreement, party="office", actor=None)
    assert refused.value.messages == ["Er ligt geen voorstel om te bevestigen."]
    assert not Acknowledgement.objects.exists()


def test_a_party_outside_the_round_cannot_confirm():
    agreement = RoleAgreementFactory()
    PartyViewFactory(agreement=agreement)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    with pytest.raises(ValidationError):
        services.agreement_acknowledge(agreement=agreement, party="partner", actor=None)
    assert not Acknowledgement.objects.exists()


def test_confirming_twice_counts_once_and_does_not_agree_the_version():
    agreement = RoleAgreementFactory()
    PartyViewFactory(agreement=agreement)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    for _ in range(3):
        agreement = services.agreement_acknowledge(agreement=agreement, party="pos", actor=None)
    assert agreement.acknowledgements.count() == 1
    assert agreement.status == AgreementStatus.PROPOSED
    assert agreement.agreed_at is None


def test_the_last_confirmation_agrees_the_version():
    agreement = RoleAgreementFactory()
    PartyViewFactory(agreement=agreement)
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    for party in ["municipality", "pos"]:
        agreement = services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
        assert agreement.status == AgreementStatus.PROPOSED
    agreement = services.agreement_acknowledge(agreement=agreement, party="office", actor=None)
    assert agreement.status == AgreementStatus.AGREED
    agreement.refresh_from_db()
    assert agreement.agreed_at is not None


def test_an_agreed_version_takes_no_more_confirmations():
    agreement = agree(RoleAgreementFactory())
    with pytest.raises(ValidationError):
        services.agreement_acknowledge(agreement=agreement, party="office", actor=None)


def test_last_agreed_and_open_round_tell_the_rounds_apart():
    office = OfficeFactory()
    assert services.last_agreed(office) is None
    assert services.open_round(office) is None
    first = agree(services.agreement_start(office=office, actor=None))
    second = services.agreement_start(office=office, actor=None)
    assert services.last_agreed(office) == first
    assert services.open_round(office) == second
