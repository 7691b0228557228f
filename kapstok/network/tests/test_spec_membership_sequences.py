"""Members joining and leaving in any order: the office's figures follow the history exactly.

The example tests (test_spec_figures.py, test_spec_offices.py) check fixed histories. Here
Hypothesis lets three businesses join and leave an office on any dates, through the services a
lead uses, and keeps the history as plain (joined, left) periods. Then, on any day:

- a business is refused a second open membership, and a leaving date before the joining date;
- the members counted on a day (`Membership.objects.active_on`) are exactly the periods running
  that day, as `kapstok.analysis.membership.count_on` counts them, and the office's chart
  (`membership_series`) is that count per month with its peak at 100 %;
- the members per branch (`branch_counts`, and `branch_counts_by_office` for many offices at
  once) count each running business once in each of its branches, largest branch first.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.exceptions import ValidationError

from kapstok.analysis.membership import count_on
from kapstok.core.tests.hypothesis_db import db_settings, in_savepoint
from kapstok.network import selectors, services
from kapstok.network.factories import EntrepreneurFactory, OfficeFactory, SportBranchFactory
from kapstok.network.models import Membership

START = datetime.date(2024, 1, 1)
DB_SETTINGS = db_settings(15)
steps = st.lists(
    st.tuples(st.sampled_from(["join", "leave"]), st.integers(0, 2), st.integers(-30, 120)),
    max_size=12,
)
probes = st.lists(st.integers(-10, 800), min_size=1, max_size=5)


@pytest.mark.django_db
@DB_SETTINGS
@given(steps, probes)
def test_member_counts_and_branch_counts_follow_the_history_on_every_day(world, ops, days):
    fitness = SportBranchFactory(slug="fitness-seq", name="Fitness (reeks)")
    padel = SportBranchFactory(slug="padel-seq", name="Padel (reeks)")

    def example():
        office = OfficeFactory(founded_on=START, municipalities=[world.utrecht])
        businesses = [
            EntrepreneurFactory(municipality=world.utrecht, branches=[fitness]),
            EntrepreneurFactory(municipality=world.utrecht, branches=[padel]),
            EntrepreneurFactory(municipality=world.utrecht, branches=[fitness, padel]),
        ]
        periods = []  # (business index, joined, left)
        open_membership = {}  # business index -> (Membership, joined)
        last_day = {b: START for b in range(3)}
        for op, b, step in ops:
            day = last_day[b] + datetime.timedelta(days=step)
            if op == "join":
                if b in open_membership:
                    with pytest.raises(ValidationError, match="al lid van dit kantoor"):
                        services.membership_add(
                            office=office, entrepreneur=businesses[b], joined_on=day
                        )
                    continue
                day = max(day, last_day[b])  # a business rejoins after it left
                membership = services.membership_add(
                    office=office, entrepreneur=businesses[b], joined_on=day
                )
                open_membership[b] = (membership, day)
                last_day[b] = day
            elif b in open_membership:
                membership, joined = open_membership[b]
                if day < joined:
                    with pytest.raises(ValidationError, match="vóór de datum van aansluiten"):
                        services.membership_end(membership=membership, left_on=day)
                    continue
                services.membership_end(membership=membership, left_on=day)
                periods.append((b, joined, day))
                del open_membership[b]
                last_day[b] = day
        periods += [(b, joined, None) for b, (_m, joined) in open_membership.items()]
        plain = [(joined, left) for _b, joined, left in periods]
        for offset in days:
            on = START + datetime.timedelta(days=offset)
            active = Membership.objects.active_on(on).filter(office=office)
            assert active.count() == count_on(plain, on)
            running = {
                b for b, joined, left in periods if joined <= on and (left is None or on < left)
            }
            per_branch = {
                fitness.slug: sum(1 for b in running if b in (0, 2)),
                padel.slug: sum(1 for b in running if b in (1, 2)),
            }
            rows = selectors.branch_counts(office, on=on)
            assert {row["slug"]: row["members"] for row in rows} == {
                slug: count for slug, count in per_branch.items() if count
            }
            assert [row["members"] for row in rows] == sorted(
                (row["members"] for row in rows), reverse=True
            )
            together = selectors.branch_counts_by_office([office.pk, world.office.pk], on=on)
            assert together[office.pk] == rows
        until = START + datetime.timedelta(days=max(days))
        series = selectors.membership_series(office, until=until)
        assert [point["count"] for point in series] == [
            count_on(plain, point["date"]) for point in series
        ]
        if any(point["count"] for point in series):
            assert max(point["percent"] for point in series) == 100
        assert all(0 <= point["percent"] <= 100 for point in series)

    in_savepoint(example)
