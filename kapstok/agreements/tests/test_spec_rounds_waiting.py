"""A round of the role agreement on the start pages of the parties that still have to act.

Specifications of `agreements.selectors.rounds_waiting_for`: each party the viewer speaks for
is asked for its view while views are collected, then to confirm the proposal; POS follows the
rounds from the offices' pages and is never asked here; an agreed version asks nothing.
"""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.agreements import services
from kapstok.agreements.models import AgreementStatus
from kapstok.agreements.selectors import rounds_waiting_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world):
    """A new round of Kantoor Utrecht: parties POS, the office, Utrecht and the partner."""
    return services.agreement_start(office=world.office, actor=world.users["lead"])


def items(world, persona):
    return rounds_waiting_for(viewer_for(world.users[persona]))


def give_view(world, agreement, party, persona):
    services.view_submit(
        agreement=agreement,
        party=party,
        cells=services.starting_cells(agreement),
        actor=world.users[persona],
    )


def test_every_party_but_pos_is_asked_for_its_view(world, round_):
    assert set(round_.parties) == {"pos", "office", "municipality", "partner"}
    for persona, party in (("lead", "kantoor"), ("civil_servant", "gemeente")):
        (item,) = items(world, persona)
        assert item.title == "Geef uw beeld van de rolverdeling bij Kantoor Utrecht"
        assert item.detail == f"Ronde 1 van de rollenafspraak, namens: {party}."
    assert len(items(world, "partner")) == 1
    assert items(world, "pos") == []


def test_the_view_link_opens_the_form_of_that_party(world, round_):
    (item,) = items(world, "civil_servant")
    assert item.url.endswith("/municipality/")


def test_a_party_that_gave_its_view_is_not_asked_again(world, round_):
    give_view(world, round_, "office", "lead")
    assert items(world, "lead") == []
    assert len(items(world, "civil_servant")) == 1


def test_someone_speaking_for_two_parties_is_asked_once_for_each(world, round_):
    grant_role(user=world.users["lead"], role=Role.CIVIL_SERVANT, scope=world.utrecht)
    titles = [item.detail for item in items(world, "lead")]
    assert titles == [
        "Ronde 1 van de rollenafspraak, namens: kantoor.",
        "Ronde 1 van de rollenafspraak, namens: gemeente.",
    ]


def test_after_the_proposal_each_party_is_asked_to_confirm_until_it_has(world, round_):
    give_view(world, round_, "office", "lead")
    services.agreement_propose(
        agreement=round_, cells=services.starting_cells(round_), actor=world.users["lead"]
    )
    (item,) = items(world, "civil_servant")
    assert item.title == "Bevestig de voorgestelde rollenafspraak van Kantoor Utrecht"
    assert item.url == round_.get_absolute_url()
    services.agreement_acknowledge(
        agreement=round_, party="municipality", actor=world.users["civil_servant"]
    )
    assert items(world, "civil_servant") == []
    assert len(items(world, "lead")) == 1


def test_an_agreed_version_asks_nobody_anything(world, round_):
    give_view(world, round_, "office", "lead")
    services.agreement_propose(
        agreement=round_, cells=services.starting_cells(round_), actor=world.users["lead"]
    )
    for party, persona in (
        ("pos", "pos"),
        ("office", "lead"),
        ("municipality", "civil_servant"),
        ("partner", "partner"),
    ):
        services.agreement_acknowledge(agreement=round_, party=party, actor=world.users[persona])
    round_.refresh_from_db()
    assert round_.status == AgreementStatus.AGREED
    for persona in ("lead", "civil_servant", "partner"):
        assert items(world, persona) == []


@pytest.mark.parametrize("persona", ["other_lead", "member", "researcher", "outsider"])
def test_people_outside_the_round_are_asked_nothing(world, round_, persona):
    assert items(world, persona) == []


# --- the decision warnings --------------------------------------------------------------------


def test_a_task_nobody_decides_is_warned_about_and_the_template_needs_no_warning(world, round_):
    cells = services.starting_cells(round_)
    assert services.warnings_for(round_, cells) == {}
    task = next(iter(cells))
    undecided = {**cells, task: {party: "" for party in round_.parties}}
    warnings = services.warnings_for(round_, undecided)
    assert set(warnings) == {task}
    assert warnings[task]
