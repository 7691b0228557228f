"""The roles group, its personas and the session board, at a tiny scale (four offices).

Issue #19 requires every page it lists to answer 200 for the persona that requests it: a page
listed as "not available" would leave its target unchecked. No wall-clock thresholds.
"""

import datetime

import pytest

from benchmarks import personas, scale
from benchmarks.scale_kapstok import BOARD_TITLE, BOARD_UNPLACED_SHARE
from benchmarks.scenarios import GROUPS, clients_for, group_run, world_find
from kapstok.accounts import access
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.network.models import Membership, Office
from kapstok.strategy.models import Card, SessionPhase, StrategySession

from .test_scale import TINY, TODAY


@pytest.fixture
def tiny_world(db, time_machine):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    scale.generate(TINY, today=TODAY)
    return world_find(User.objects.get(email=scale.POS_EMAIL))


def test_the_data_set_has_a_session_board_with_300_cards_in_the_largest_office(tiny_world):
    board = StrategySession.objects.get(title=BOARD_TITLE)
    cards = Card.objects.filter(session=board)

    assert board.phase == SessionPhase.CLUSTER and board.office.slug == tiny_world.largest_office
    assert (tiny_world.board_session, tiny_world.board_cards) == (board.pk, 300)
    assert cards.count() == TINY.board_cards == 300
    assert cards.values("theme").distinct().count() > 10
    unplaced = cards.filter(theme__isnull=True).count()
    assert 0 < unplaced < 3 * BOARD_UNPLACED_SHARE * 300
    assert cards.filter(placement_confidence__lt=0.5, placement_confirmed=False).exists()
    assert cards.values("participant").distinct().count() > 20


def test_the_board_is_drawn_the_same_way_every_time(tiny_world):
    first = list(Card.objects.order_by("pk").values_list("text", "kind", "theme__label"))
    Card.objects.all().delete()
    StrategySession.objects.filter(title=BOARD_TITLE).delete()

    scale.board_generate(TINY, Office.objects.get(slug=tiny_world.largest_office), TODAY)

    again = list(Card.objects.order_by("pk").values_list("text", "kind", "theme__label"))
    assert again == first


def test_a_version_2_data_set_is_extended_with_the_board_not_regenerated(tiny_world):
    StrategySession.objects.filter(title=BOARD_TITLE).delete()
    User.objects.filter(email=scale.POS_EMAIL).update(full_name=scale.EXTENDABLE_POS_NAME)
    offices = set(Office.objects.values_list("pk", flat=True))
    assert not scale.is_generated(TINY)

    assert scale.extend(TINY, today=TODAY)

    assert scale.is_generated(TINY)
    assert set(Office.objects.values_list("pk", flat=True)) == offices
    assert Card.objects.count() == 300
    assert not scale.extend(TINY, today=TODAY)  # already version 3: nothing to add


def test_a_data_set_that_is_not_version_2_is_not_extended(tiny_world):
    StrategySession.objects.filter(title=BOARD_TITLE).delete()
    User.objects.filter(email=scale.POS_EMAIL).update(full_name="Bench POS (data set 1)")

    assert not scale.extend(TINY, today=TODAY)
    assert not Card.objects.exists()


def test_personas_have_the_roles_the_issue_names(tiny_world):
    users = personas.persona_users(tiny_world)

    member = access.viewer_for(users["member"])
    largest = Office.objects.get(slug=tiny_world.largest_office)
    assert access.can_view_sessions(member, largest)  # as the office's members may
    lead = RoleGrant.objects.get(user=users["lead"], role=Role.LEAD)
    assert lead.office.slug == tiny_world.goals_office
    servant = RoleGrant.objects.get(user=users["civil_servant"], role=Role.CIVIL_SERVANT)
    assert servant.municipality.code == tiny_world.municipality
    assert RoleGrant.objects.filter(user=users["researcher"], role=Role.RESEARCHER).exists()
    assert users["pos"] == tiny_world.pos_user
    assert Membership.objects.current().filter(
        office=largest, entrepreneur=RoleGrant.objects.get(user=users["member"]).entrepreneur
    )


def test_personas_are_made_once(tiny_world):
    personas.persona_users(tiny_world)
    grants = RoleGrant.objects.count()

    again = personas.persona_users(tiny_world)

    assert RoleGrant.objects.count() == grants
    assert set(again) == {"pos", "member", "lead", "civil_servant", "researcher"}


def test_every_persona_gets_a_logged_in_client(tiny_world):
    clients = clients_for(tiny_world)

    assert set(clients) == {"anonymous", "pos", "member", "lead", "civil_servant", "researcher"}
    for persona, client in clients.items():
        if persona != "anonymous":
            assert client.session.get("_auth_user_id"), persona


def test_roles_group_pages_answer_200_for_their_personas(tiny_world):
    group = GROUPS["roles"]

    result = group_run(group, tiny_world, repeat=1, warmup=0)

    for scenario in group.scenarios:
        assert result.measurements[scenario.key].available, scenario.key
    assert result.measurements["board"].size_bytes > result.measurements["start_member"].size_bytes
    labels = {target.name: target.label for target in result.targets}
    assert labels["Session board measured with 300 cards"] == "PASS"
    assert "Member's start page (largest office) p95 ≤ 15× login page p95" in labels
    assert "Research overview p95 ≤ 30× login page p95" in labels
    assert "Every page's HTML ≤ 120 kB" in labels


@pytest.mark.parametrize("group_key", ["foundation", "kapstok"])
def test_the_issues_pages_in_the_data_set_groups_answer_200(tiny_world, group_key):
    group = GROUPS[group_key]

    result = group_run(group, tiny_world, repeat=1, warmup=0)

    for scenario in group.scenarios:
        if scenario.max_ratio is not None:
            assert result.measurements[scenario.key].available, scenario.key
    assert all(target.label != "SKIP" for target in result.targets if "login page" in target.name)
