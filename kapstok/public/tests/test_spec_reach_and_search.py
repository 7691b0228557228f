"""The lead's funnel and the public search, for any run of visits and any office names.

`test_public_selectors.py` checks fixed cases. Here Hypothesis plays any mix of page views, join
requests, confirmations and acceptances over the past year and a half, and any office names:

- the funnel shows the last twelve months, newest first, each the first of its month, with
  exactly the events counted in that month (older ones are not shown), and its rates are whole
  percentages of the step before, or nothing when that step had none;
- an office typed as it is called is the first search result, no office is listed twice, and
  never more than eight lines are shown.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import datetime
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapstok.core.tests.hypothesis_db import db_settings, in_savepoint
from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.public import selectors, services
from kapstok.public.selectors import FUNNEL_MONTHS, SEARCH_RESULTS

TODAY = datetime.date(2026, 6, 15)
FIELDS = ["views", "join_requests", "confirmed", "accepted"]
DB_SETTINGS = db_settings(15)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


events = st.lists(
    st.tuples(st.sampled_from(FIELDS), st.integers(0, 540)),  # days before TODAY
    max_size=40,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(events)
def test_the_funnel_counts_each_event_in_its_month_for_the_last_twelve_months(world, happened):
    def example():
        office = OfficeFactory(municipalities=[world.utrecht])
        counted = Counter()
        for field, days_ago in happened:
            day = TODAY - datetime.timedelta(days=days_ago)
            services.reach_count(field=field, office=office, on=day)
            counted[(first_of_month(day), field)] += 1
        table = selectors.funnel(office, today=TODAY)
        months = [row["month"] for row in table]
        assert len(months) == FUNNEL_MONTHS
        assert months[0] == first_of_month(TODAY)
        assert all(month.day == 1 for month in months)
        assert months == sorted(months, reverse=True)
        for newer, older in zip(months, months[1:], strict=False):
            assert first_of_month(newer - datetime.timedelta(days=1)) == older
        for row in table:
            for field in FIELDS:
                assert row[field] == counted[(row["month"], field)]
            for rate, part, whole in (
                ("request_rate", "join_requests", "views"),
                ("accept_rate", "accepted", "confirmed"),
            ):
                if row[whole]:
                    assert row[rate] == round(100 * row[part] / row[whole])
                    assert isinstance(row[rate], int)
                else:
                    assert row[rate] is None
        shown = sum(row[field] for row in table for field in FIELDS)
        oldest = months[-1]
        assert shown == sum(n for (month, _f), n in counted.items() if month >= oldest)

    in_savepoint(example)


@pytest.mark.django_db
def test_an_unknown_kind_of_event_is_refused_and_counts_nothing(world):
    with pytest.raises(ValueError, match="Unknown reach field"):
        services.reach_count(field="likes", office=world.office, on=TODAY)
    assert all(row["views"] == 0 for row in selectors.funnel(world.office, today=TODAY))


office_names = st.lists(
    st.text(alphabet="abcdefghijklmnoprstuvwz", min_size=4, max_size=9).map(str.title),
    min_size=1,
    max_size=12,
    unique=True,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(office_names, st.data())
def test_an_office_typed_as_it_is_called_comes_first_and_no_office_is_listed_twice(
    world, names, data
):
    def example():
        place = MunicipalityFactory(code="GM9876", name="Zandvoort aan Zee")
        offices = [
            OfficeFactory(name=f"POS {name}", slug=f"pos-{name.lower()}", municipalities=[place])
            for name in names
        ]
        wanted = data.draw(st.sampled_from(offices))
        results = selectors.search(wanted.name, offices)
        assert results[0].kind == "office" and results[0].offices == [(wanted, None)]
        assert len(results) <= SEARCH_RESULTS
        listed = [office.pk for result in results for office, _km in result.offices]
        assert len(listed) == len(set(listed))
        by_place = selectors.search("Zandvoort aan Zee", offices)
        assert by_place[0].kind == "municipality"
        assert {office.pk for office, _km in by_place[0].offices} == {o.pk for o in offices}

    in_savepoint(example)
