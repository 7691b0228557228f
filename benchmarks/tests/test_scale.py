"""The generator at a tiny scale: valid rows, the largest office first, recognised on reuse."""

import datetime

from benchmarks import scale
from benchmarks.scenarios import world_find
from kapstok.accounts.models import User
from kapstok.network.models import Membership, Office

TINY = scale.Scale(
    offices=4,
    entrepreneurs=60,
    current_members=20,
    largest_office=9,
    partners=2,
    goals=12,
    most_goals=5,
    strategies=15,
    projects=16,
    activities=20,
    measurements=10,
    events=40,
    actors=3,
)
TODAY = datetime.date(2025, 6, 1)


def test_office_sizes_put_the_largest_office_first():
    sizes = scale.office_sizes(scale.NATIONAL)
    assert len(sizes) == 400 and sizes[0] == 350
    assert max(sizes[1:]) < 350 and min(sizes) >= 2
    assert 4_500 <= sum(sizes) <= 5_500


def test_generate_builds_the_expected_data_set(db):
    counts = scale.generate(TINY, today=TODAY)

    assert counts == scale.expected_counts(TINY)
    assert scale.is_generated(TINY)
    assert not scale.is_generated(scale.NATIONAL)
    current = Membership.objects.active_on(TODAY)
    assert current.count() == sum(scale.office_sizes(TINY))
    assert not Membership.objects.filter(joined_on__gt=TODAY).exists()
    largest = Office.objects.with_member_count(TODAY).order_by("-member_count").first()
    assert largest.member_count == TINY.largest_office


def test_generated_world_has_a_large_and_a_small_office(db, time_machine):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
    scale.generate(TINY, today=TODAY)
    found = world_find(User.objects.get(email=scale.POS_EMAIL))
    assert found.largest_members == TINY.largest_office
    assert found.small_members < found.largest_members
