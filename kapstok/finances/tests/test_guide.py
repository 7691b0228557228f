"""The guide comparing legal forms: one source for the table, the office page and the
knowledge base article, so the three cannot drift apart; and the names of fee periods."""

import datetime

import pytest

from django.utils import translation

from kapstok.finances import guide
from kapstok.finances.models import FeePeriod, period_label, period_starts
from kapstok.network.models import LegalForm


def test_every_aspect_says_something_for_every_form():
    for name, texts in guide.table():
        assert len(texts) == len(guide.FORMS), name
        assert all(str(text).strip() for text in texts), name


def test_the_table_compares_the_three_forms_of_an_office_and_the_cooperative():
    keys = [key for key, _name in guide.FORMS]
    assert keys == [*LegalForm.values, guide.COOPERATIVE]


def test_the_aspects_are_the_ones_the_report_asks_about():
    names = [str(aspect.name) for aspect in guide.ASPECTS]
    assert names == [
        "Aansprakelijkheid",
        "Zeggenschap van leden",
        "Notaris en KvK",
        "Contributie vragen",
        "Boekhouding",
        "Wanneer kiezen",
    ]


@pytest.mark.parametrize("legal_form", LegalForm.values)
def test_each_office_form_has_its_consequences(legal_form):
    consequences = guide.consequences(legal_form)
    assert [str(name) for name, _text in consequences][0] == "Aansprakelijkheid"
    assert len(consequences) == len(guide.ASPECTS)


def test_an_association_lets_members_decide_and_a_foundation_does_not():
    association = dict(guide.consequences(LegalForm.ASSOCIATION))
    foundation = dict(guide.consequences(LegalForm.FOUNDATION))
    say = guide.ASPECTS[1].name
    assert "ledenvergadering" in str(association[say])
    assert "geen leden" in str(foundation[say])


def test_the_article_body_has_a_paragraph_per_form_and_the_disclaimer():
    body = guide.article_body()
    paragraphs = body.split("\n\n")

    assert [p.splitlines()[0] for p in paragraphs[:-1]] == [
        "Geen rechtsvorm",
        "Vereniging",
        "Stichting",
        "Coöperatie",
    ]
    assert paragraphs[-1].startswith("Dit is een algemene vergelijking, geen juridisch advies.")
    assert body.count("Wanneer kiezen: ") == 4


def test_the_guide_reads_in_english_too():
    with translation.override("en"):
        assert str(guide.ARTICLE_TITLE).startswith("Legal forms compared")
        assert [str(name) for _key, name in guide.FORMS][-1] == "Cooperative"


# --- fee periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "months"),
    [
        (FeePeriod.YEAR, [1]),
        (FeePeriod.HALF_YEAR, [1, 7]),
        (FeePeriod.QUARTER, [1, 4, 7, 10]),
        (FeePeriod.MONTH, list(range(1, 13))),
    ],
)
def test_a_year_splits_into_its_periods(period, months):
    starts = period_starts(period, 2026)
    assert [start.month for start in starts] == months
    assert all(start.day == 1 and start.year == 2026 for start in starts)


@pytest.mark.parametrize(
    ("period", "start", "label"),
    [
        (FeePeriod.YEAR, datetime.date(2026, 1, 1), "2026"),
        (FeePeriod.HALF_YEAR, datetime.date(2026, 7, 1), "2e halfjaar 2026"),
        (FeePeriod.QUARTER, datetime.date(2026, 10, 1), "kwartaal 4 2026"),
        (FeePeriod.MONTH, datetime.date(2026, 5, 1), "mei 2026"),
    ],
)
def test_a_period_is_named_as_people_say_it(period, start, label):
    assert str(period_label(period, start)) == label
