"""The member check feeds the stall signals: a low or falling score, or too few answers, opens a
signal with Dutch advice on the office's dashboard; a better round resolves it."""

import datetime

import pytest

from django.utils import timezone

from kapstok.membercheck import services
from kapstok.monitor import services as monitor_services
from kapstok.progress import services as progress_services
from kapstok.progress.models import Signal
from kapstok.progress.texts import signal_explanation, signal_next_step

pytestmark = pytest.mark.django_db


def member_signals(office):
    return {
        s.rule: s for s in Signal.objects.open().filter(office=office, rule__startswith="member_")
    }


def closed_round(days_ago, users, value, answer):
    """A round opened `days_ago`, answered by `users` with `value`, then closed."""
    wave = services.round_open(today=timezone.localdate() - datetime.timedelta(days=days_ago))
    wave.closes_on = timezone.localdate()
    wave.save()
    for user in users:
        answer(wave, user, value=value)
    monitor_services.wave_close(wave=wave)
    return wave


def test_a_score_that_drops_clearly_opens_a_signal_with_advice(world, add_members, answer):
    users = add_members(world.office, 5)
    closed_round(200, users, 4, answer)
    closed_round(0, users, 3, answer)

    progress_services.signals_compute()
    signal = member_signals(world.office)["member_value"]
    assert signal.severity == "critical"  # a full point down
    text = signal_explanation(signal.rule, signal.params)
    assert "gaven 5 leden gemiddeld een 3,0 (van 5)" in text
    assert "de ronde ervoor was dat 4,0" in text
    assert "vraag vertrokken leden waarom" in signal_next_step(signal.rule)


def test_a_low_score_opens_the_signal_without_an_earlier_round(world, add_members, answer):
    closed_round(0, add_members(world.office, 5), 2, answer)
    progress_services.signals_compute()
    signal = member_signals(world.office)["member_value"]
    assert signal.params["previous"] == "–"


def test_a_steady_good_score_opens_nothing(world, add_members, answer):
    users = add_members(world.office, 5)
    closed_round(200, users, 4, answer)
    closed_round(0, users, 4, answer)
    progress_services.signals_compute()
    assert member_signals(world.office) == {}


def test_a_small_round_says_nothing_about_the_score_but_counts_as_too_few(
    world, add_members, answer
):
    users = add_members(world.office, 9)
    closed_round(0, users[:2], 1, answer)  # 2 of 10 answered, both unhappy
    progress_services.signals_compute()
    signals = member_signals(world.office)
    assert set(signals) == {"member_response"}
    assert "Maar 2 van de 10 leden" in signal_explanation(
        "member_response", signals["member_response"].params
    )


def test_a_better_round_resolves_the_signal(world, add_members, answer):
    users = add_members(world.office, 5)
    closed_round(400, users, 2, answer)
    progress_services.signals_compute()
    assert "member_value" in member_signals(world.office)

    closed_round(200, users, 4, answer)
    progress_services.signals_compute()
    assert member_signals(world.office) == {}


def test_an_open_round_does_not_count_yet(world, add_members, answer):
    wave = services.round_open(today=timezone.localdate())
    for user in add_members(world.office, 5):
        answer(wave, user, value=1)
    progress_services.signals_compute()
    assert member_signals(world.office) == {}


def test_the_lead_sees_the_signal_on_the_dashboard(world, add_members, answer, login):
    closed_round(0, add_members(world.office, 5), 2, answer)
    progress_services.signals_compute()
    html = (
        login(world.users["lead"])
        .get(f"/netwerk/kantoren/{world.office.slug}/dashboard/")
        .content.decode()
    )
    assert "Leden halen weinig uit het kantoor" in html
