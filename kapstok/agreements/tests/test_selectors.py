"""What the version page is built from: views side by side, the differences, the proposal."""

import pytest

from kapstok.agreements import services
from kapstok.agreements.factories import PartyViewFactory, RoleAgreementFactory
from kapstok.agreements.selectors import agreement_detail, view_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return RoleAgreementFactory(tasks=["Financieren", "Sportdag organiseren"])


def ids(agreement):
    return [str(task.pk) for task in agreement.tasks.all()]


def values(rows):
    return [[cell.value for cell in row.cells] for row in rows]


def test_before_any_view_every_party_is_still_to_fill_in(agreement):
    detail = agreement_detail(agreement)
    assert detail["view_count"] == 0
    assert [(party, view) for party, _label, view in detail["views"]] == [
        ("pos", None),
        ("office", None),
        ("municipality", None),
    ]
    assert not detail["has_proposal"]
    # Nothing agreed on yet: every task lacks a decider.
    assert detail["warning_count"] == 2


def test_one_view_is_the_consensus_and_shows_no_differences(agreement):
    financing, sportday = ids(agreement)
    PartyViewFactory(
        agreement=agreement,
        party="office",
        cells={financing: {"municipality": "decides"}, sportday: {"office": "decides"}},
    )
    detail = agreement_detail(agreement)
    assert detail["difference_count"] == 0
    assert values(detail["matrix_rows"]) == [["", "", "decides"], ["", "decides", ""]]
    assert detail["warning_count"] == 0
    assert [row.warning for row in detail["matrix_rows"]] == ["", ""]


def test_differing_views_show_what_each_party_said_in_each_differing_cell(agreement):
    financing, sportday = ids(agreement)
    PartyViewFactory(
        agreement=agreement,
        party="office",
        cells={financing: {"municipality": "decides"}, sportday: {"office": "decides"}},
    )
    PartyViewFactory(
        agreement=agreement,
        party="municipality",
        cells={financing: {"municipality": "decides", "pos": "supports"}},
    )
    detail = agreement_detail(agreement)
    assert detail["difference_count"] == 2  # financing/pos and sport day/office
    financing_row, sportday_row = detail["compare_rows"]
    pos_cell = financing_row.cells[0]
    assert pos_cell.differs
    assert dict(pos_cell.said) == {"kantoor": "", "gemeente": "ondersteunt"}
    municipality_cell = financing_row.cells[2]
    assert not municipality_cell.differs
    assert municipality_cell.label == "beslist"
    assert dict(sportday_row.cells[1].said) == {"kantoor": "beslist", "gemeente": ""}
    # Where the views differ, the consensus leaves the cell empty: the sport day has no decider.
    assert [row.warning for row in detail["matrix_rows"]] == ["", "none"]


def test_after_a_proposal_the_page_shows_the_proposed_matrix(agreement):
    financing, sportday = ids(agreement)
    PartyViewFactory(agreement=agreement, party="office", cells={})
    services.agreement_propose(
        agreement=agreement,
        cells={
            financing: {"municipality": "decides", "office": "decides"},
            sportday: {"office": "decides"},
        },
        actor=None,
    )
    services.agreement_acknowledge(agreement=agreement, party="office", actor=None)
    detail = agreement_detail(agreement)
    assert detail["has_proposal"]
    assert values(detail["matrix_rows"]) == [["", "decides", "decides"], ["", "decides", ""]]
    assert [row.warning for row in detail["matrix_rows"]] == ["many", ""]
    confirmed = [(party, ack is not None) for party, _label, ack in detail["acknowledgements"]]
    assert confirmed == [("pos", False), ("office", True), ("municipality", False)]


def test_the_page_is_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    small = RoleAgreementFactory(tasks=["Financieren"])
    large = RoleAgreementFactory(tasks=[f"Taak {n}" for n in range(12)])
    for agreement in (small, large):
        for party in agreement.parties:
            PartyViewFactory(agreement=agreement, party=party)
    with django_assert_max_num_queries(4) as few:
        agreement_detail(small)
    with django_assert_max_num_queries(4) as many:
        agreement_detail(large)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_view_rows_show_one_matrix_with_its_warnings(agreement):
    financing, sportday = ids(agreement)
    rows = view_rows(agreement, {financing: {"pos": "decides", "office": "executes"}})
    assert [row.task.name for row in rows] == ["Financieren", "Sportdag organiseren"]
    assert [[cell.label for cell in row.cells] for row in rows] == [
        ["beslist", "voert uit", ""],
        ["", "", ""],
    ]
    assert [row.warning for row in rows] == ["", "none"]
