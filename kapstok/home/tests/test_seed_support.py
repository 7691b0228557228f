"""The demo's support desk tells the report's story: slow, unstructured support, measurable.

What a demo-giver shows POS: half a year of questions from the offices, most answered within
their category's norm, some late, a few still open past their norm today (first on POS's start
page, and the office's "support_overdue" signal is on), questions waiting for the office, and
a catalogue of offers that covers part of the questions, not all. Seeded once per module.
"""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import User
from kapstok.analysis.sla import BREACHED
from kapstok.home import demo
from kapstok.home.demo_support import ASKS, OFFERS
from kapstok.home.tests.seeded_demo import demo_seeded_for_module, on_one_worker
from kapstok.network.models import Office
from kapstok.progress.models import Signal
from kapstok.support.models import OPEN_STATUSES, Status, SupportOffer, SupportRequest
from kapstok.support.selectors import clocks, requests_to_handle

TODAY = datetime.date(2026, 11, 16)  # a Monday


@pytest.fixture(scope="module", autouse=True)
def _seeded(django_db_setup, django_db_blocker):
    with demo_seeded_for_module(
        django_db_blocker, seed=lambda: demo.demo_seed(today=TODAY)
    ) as output:
        yield output


pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]


def demo_requests():
    return SupportRequest.objects.filter(office__is_demo=True).select_related("category")


def test_the_desk_has_half_a_year_of_questions_from_the_report_offices_and_others():
    requests = list(demo_requests().select_related("office"))
    assert len(requests) == len(ASKS) >= 20
    letters = {
        Office.objects.get(description__contains=f"kantoor {letter} ").pk for letter in "ABCDE"
    }
    from_report = [r for r in requests if r.office_id in letters]
    assert len({r.office_id for r in from_report}) == 5
    assert len(requests) > len(from_report)  # other offices ask too
    oldest = min(r.created_at for r in requests)
    assert oldest.date() <= TODAY - datetime.timedelta(days=150)


def test_some_questions_are_late_and_most_are_not():
    states = [clock.state for clock in clocks(demo_requests(), TODAY)]
    late = states.count(BREACHED)
    assert 3 <= late < len(states) / 2


def test_open_questions_past_their_norm_fire_the_office_signal():
    open_late = [
        clock.request.office_id
        for clock in clocks(demo_requests().filter(status__in=OPEN_STATUSES), TODAY)
        if clock.state == BREACHED
    ]
    assert open_late
    signalled = set(
        Signal.objects.open().filter(rule="support_overdue").values_list("office_id", flat=True)
    )
    assert signalled and signalled <= set(open_late)


def test_pos_start_page_leads_with_the_requests_past_their_norm():
    viewer = viewer_for(User.objects.get(email="pos@demo.invalid"))
    items = requests_to_handle(viewer)
    assert items
    assert "Vraag van" in items[0].title


def test_every_status_of_a_request_is_shown_somewhere():
    statuses = set(demo_requests().values_list("status", flat=True))
    assert {Status.NEW, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED} <= statuses
    waiting = demo_requests().filter(status=Status.WAITING)
    assert all(request.pauses.filter(ended_at__isnull=True).exists() for request in waiting)


def test_the_catalogue_covers_part_of_the_questions_not_all():
    assert SupportOffer.objects.filter(service__in=[o[1] for o in OFFERS]).count() == len(OFFERS)
    answered = demo_requests().filter(first_response_at__isnull=False)
    with_offer = answered.filter(offer__isnull=False).count()
    without = answered.filter(no_offer=True).count()
    assert with_offer and without
    assert with_offer + without == answered.count()


def test_resolved_questions_are_rated_and_partners_handle_some():
    resolved = demo_requests().filter(status=Status.RESOLVED)
    assert resolved.exists()
    assert not resolved.filter(rating__isnull=True).exists()
    assert demo_requests().filter(partner__isnull=False).exists()


# --- The municipality's side of the report's story ------------------------------------------


def _office(letter: str) -> Office:
    return Office.objects.get(description__contains=f"kantoor {letter} ")


def test_office_b_received_money_and_an_assignment_from_its_municipality():
    from kapstok.municipality.models import ContributionKind

    kinds = set(_office("B").contributions.values_list("kind", flat=True))
    assert {ContributionKind.MONEY, ContributionKind.COMMISSION} <= kinds
    money = _office("B").contributions.get(kind=ContributionKind.MONEY)
    assert money.amount > 0 and money.municipality in _office("B").municipalities.all()


def test_in_the_open_round_the_municipality_claims_no_directing_role():
    """Report 2.1/5.1: municipalities see themselves supporting, not directing; office A's
    open round shows the two views apart on exactly that."""
    from kapstok.agreements.models import PartyView

    view = PartyView.objects.get(
        party="municipality", agreement__office=_office("A"), agreement__agreed_at__isnull=True
    )
    roles = {cells.get("municipality") for cells in view.cells.values()}
    assert "decides" not in roles
    assert "supports" in roles


# --- Seeding again (last in the module) -----------------------------------------------------
# Seeding a second time inside a test's savepoint leaves the tables with the rolled-back copy's
# dead rows, and on PostgreSQL every later query of the module then reads past them (one test
# went from under a second to 80). So the tests that seed again come last.


def test_seeding_again_keeps_one_desk():
    demo.demo_seed(today=TODAY)
    assert demo_requests().count() == len(ASKS)
    assert SupportOffer.objects.filter(service__in=[o[1] for o in OFFERS]).count() == len(OFFERS)
