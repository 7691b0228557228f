"""The totals of the last twelve months, per kind, for one office or many in one query."""

import datetime

import pytest

from kapstok.community import selectors
from kapstok.community.factories import ActivityFactory, StoryFactory
from kapstok.community.models import ActivityKind

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def test_totals_count_the_twelve_months_up_to_today_only(world):
    ActivityFactory(office=world.office, held_on=TODAY, participants=10)
    ActivityFactory(office=world.office, held_on=datetime.date(2025, 6, 16), participants=5)
    ActivityFactory(office=world.office, held_on=datetime.date(2025, 6, 15), participants=100)
    ActivityFactory(office=world.office, held_on=TODAY + datetime.timedelta(days=1))

    value = selectors.social_value([world.office.pk], TODAY)[world.office.pk]

    assert (value.since, value.until) == (datetime.date(2025, 6, 16), TODAY)
    assert (value.activities, value.participants) == (2, 15)


def test_totals_are_split_by_kind_in_the_order_of_the_kinds(world):
    ActivityFactory(office=world.office, held_on=TODAY, kind=ActivityKind.ADAPTED, participants=8)
    ActivityFactory(office=world.office, held_on=TODAY, kind=ActivityKind.SCHOOLS, participants=30)
    ActivityFactory(office=world.office, held_on=TODAY, kind=ActivityKind.SCHOOLS, participants=20)

    value = selectors.social_value([world.office.pk], TODAY)[world.office.pk]

    assert [(k.kind, k.label, k.activities, k.participants) for k in value.by_kind] == [
        ("schools", "met scholen", 2, 50),
        ("adapted", "aangepast sporten", 1, 8),
    ]


def test_many_offices_in_one_query_each_with_only_its_own(world, django_assert_num_queries):
    ActivityFactory(office=world.office, held_on=TODAY, participants=7)
    ActivityFactory(office=world.other_office, held_on=TODAY, participants=3)

    with django_assert_num_queries(1):
        values = selectors.social_value([world.office.pk, world.other_office.pk], TODAY)

    assert values[world.office.pk].participants == 7
    assert values[world.other_office.pk].participants == 3


def test_an_office_without_activities_is_empty_not_missing(world):
    value = selectors.social_value([world.office.pk], TODAY)[world.office.pk]

    assert value.is_empty and value.by_kind == []


def test_published_stories_only_newest_first_at_most_three(world, django_assert_num_queries):
    stories = [StoryFactory(office=world.office, title=f"Verhaal {n}") for n in range(4)]
    StoryFactory(office=world.office, title="Concept", published=False, published_at=None)
    StoryFactory(office=world.other_office, title="Zwolle")

    with django_assert_num_queries(1):
        found = selectors.published_stories([world.office.pk, world.other_office.pk])

    assert [s.title for s in found[world.office.pk]] == [s.title for s in stories[::-1][:3]]
    assert [s.title for s in found[world.other_office.pk]] == ["Zwolle"]
