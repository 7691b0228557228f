"""What the member check tells: per office and round, without names, small counts hidden; and the
to-do that asks a member to answer."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core.generation import generation_bump, generation_memo, generation_of_request
from kapstok.membercheck import selectors, services
from kapstok.monitor import services as monitor_services

pytestmark = pytest.mark.django_db


def test_below_five_answers_a_round_shows_only_that_it_has_too_few(
    world, check, add_members, answer
):
    for user in add_members(world.office, 3):
        answer(check, user, value=1, wish="Mijn geheime wens")

    [result] = selectors.office_rounds(world.office)
    assert (result.responses, result.responses_label, result.members) == (3, "< 5", 4)
    assert result.value is None and result.relevance is None
    assert result.time == [] and result.wishes == []


def test_from_five_answers_the_lead_sees_averages_time_and_wishes(
    world, check, add_members, answer, close
):
    users = add_members(world.office, 5)
    values = [
        (5, 4, "geen tijd op dit moment", "Zichtbaarheid"),
        (4, 4, "1 tot 4 uur per maand", ""),
        (3, 2, "1 tot 4 uur per maand", "bijeenkomsten overdag"),
        (4, 5, "meer dan 4 uur per maand", ""),
        (2, 3, "1 tot 4 uur per maand", "Afspraken met de gemeente"),
    ]
    for user, (value, relevance, time, wish) in zip(users, values, strict=True):
        answer(check, user, value=value, relevance=relevance, time=time, wish=wish)
    [running] = selectors.office_rounds(world.office)
    assert (running.responses, running.value, running.wishes) == (5, None, [])

    close(check)
    [result] = selectors.office_rounds(world.office)
    assert (result.responses, result.members, result.response_rate) == (5, 6, 83)
    assert (result.value, result.relevance) == (3.6, 3.6)
    assert result.time == [
        ("geen tijd op dit moment", 1),
        ("minder dan 1 uur per maand", 0),
        ("1 tot 4 uur per maand", 3),
        ("meer dan 4 uur per maand", 1),
    ]
    # Alphabetical, not in the order they came in; no names.
    assert result.wishes == ["Afspraken met de gemeente", "bijeenkomsten overdag", "Zichtbaarheid"]


def test_each_office_gets_its_own_results(world, check, add_members, answer, close):
    for user in add_members(world.other_office, 5):
        answer(check, user, office=world.other_office, value=1)
    answer(check, world.users["member"], value=5)
    close(check)

    assert selectors.office_rounds(world.office)[0].responses == 1
    assert selectors.office_rounds(world.other_office)[0].value == 1.0


def test_the_trend_compares_the_last_two_closed_rounds(world, add_members, answer):
    users = add_members(world.office, 5)
    spring = services.round_open(today=timezone.localdate() - datetime.timedelta(days=200))
    spring.closes_on = timezone.localdate() + datetime.timedelta(days=1)  # still answerable
    spring.save()
    for user in users:
        answer(spring, user, value=4)
    monitor_services.wave_close(wave=spring)
    autumn = services.round_open(today=timezone.localdate())
    for user in users:
        answer(autumn, user, value=2)
    assert selectors.closed_trends([world.office.pk])[world.office.pk].previous is None

    monitor_services.wave_close(wave=autumn)
    trend = selectors.closed_trends([world.office.pk])[world.office.pk]
    assert (trend.latest.value, trend.previous.value, trend.change) == (2.0, 4.0, -2.0)


def test_results_cost_the_same_queries_for_more_rounds_and_answers(
    world, add_members, answer, django_assert_num_queries
):
    wave = services.round_open(today=timezone.localdate())
    for user in add_members(world.office, 2):
        answer(wave, user)
    with django_assert_num_queries(4):
        selectors.office_rounds(world.office)
    for user in add_members(world.office, 6):
        answer(wave, user)
    older = services.round_open(today=timezone.localdate() - datetime.timedelta(days=190))
    assert older is not None
    with django_assert_num_queries(4):
        assert len(selectors.office_rounds(world.office)) == 2


# --- the to-do ---------------------------------------------------------------------------------


def test_a_member_is_asked_on_the_start_page_until_they_answer(world, check, answer):
    member = viewer_for(world.users["member"])
    [item] = selectors.checks_to_answer(member)
    assert item.title == "Vul de ledencheck van Kantoor Utrecht in"
    assert item.url == "/netwerk/kantoren/kantoor-utrecht/ledencheck/"

    answer(check, world.users["member"])
    assert selectors.checks_to_answer(viewer_for(world.users["member"])) == []


def test_nobody_but_members_is_asked(world, check):
    for persona in ("lead", "pos", "civil_servant", "partner", "researcher", "outsider"):
        assert selectors.checks_to_answer(viewer_for(world.users[persona])) == []


def test_no_open_round_no_item(world):
    assert selectors.checks_to_answer(viewer_for(world.users["member"])) == []


def test_the_item_turns_to_attention_in_the_last_week(world, check):
    member = viewer_for(world.users["member"])
    [item] = selectors.checks_to_answer(member, today=check.closes_on - datetime.timedelta(days=3))
    assert item.urgency.name == "SOON"


def test_the_to_do_costs_two_queries_and_one_once_the_open_rounds_are_cached(
    world, check, django_assert_num_queries
):
    member = viewer_for(world.users["member"])
    with generation_memo():
        generation_of_request()  # a page reads the generation once for all its cached parts
        with django_assert_num_queries(2):
            selectors.checks_to_answer(member)
        with django_assert_num_queries(1):  # whether this member answered: always afresh
            [item] = selectors.checks_to_answer(member)
    assert item.title == "Vul de ledencheck van Kantoor Utrecht in"


def test_without_an_open_round_a_cached_visit_asks_nothing_of_the_member(
    world, django_assert_num_queries
):
    member = viewer_for(world.users["member"])
    with generation_memo():
        generation_of_request()
        assert selectors.checks_to_answer(member) == []
        with django_assert_num_queries(0):
            assert selectors.checks_to_answer(member) == []


def test_a_round_opened_after_a_cached_visit_shows_once_the_generation_moves_on(world):
    member = viewer_for(world.users["member"])
    assert selectors.checks_to_answer(member) == []
    services.round_open(today=timezone.localdate())
    generation_bump()  # what every successful write request does
    [item] = selectors.checks_to_answer(member)
    assert item.url == "/netwerk/kantoren/kantoor-utrecht/ledencheck/"


def test_an_answer_leaves_the_to_do_at_once_even_with_the_rounds_cached(world, check, answer):
    member = viewer_for(world.users["member"])
    assert len(selectors.checks_to_answer(member)) == 1
    answer(check, world.users["member"])
    assert selectors.checks_to_answer(member) == []
