"""Disclosure control: bands, ladders and k-anonymity over the offices of a release."""

import doctest
import itertools
import random

from kapstok.analysis import disclosure
from kapstok.analysis.disclosure import (
    INITIATIVE,
    PHASE,
    SIZE,
    SUPPRESSED,
    k_anonymise,
)

ATTRIBUTES = (SIZE, INITIATIVE, PHASE)
INITIATIVES = ("pos", "entrepreneurs", "municipality", "joint")
PHASES = ("founded", "building", "strategy", "executing", "embedded")


def test_doctests_hold():
    assert doctest.testmod(disclosure).failed == 0


def random_offices(rng, count, waves=(2025,)):
    return {
        f"o{i}": {
            wave: {
                "size": rng.randint(0, 90),
                "initiative": rng.choice(INITIATIVES),
                "phase": rng.choice(PHASES),
            }
            for wave in waves
        }
        for i in range(count)
    }


def candidates(release, subject, offices):
    """The offices an attacker who knows every office's raw values cannot rule out."""
    found = []
    for other, observations in offices.items():
        fits = True
        for wave in offices[subject]:
            shown = release.shown(subject, wave)
            raw = observations.get(wave)
            if raw is None or not all(
                attribute.covers(shown[attribute.name], raw[attribute.name])
                for attribute in ATTRIBUTES
            ):
                fits = False
        if fits:
            found.append(other)
    return found


def test_every_office_hides_among_at_least_k_in_random_releases():
    rng = random.Random(20261206)
    for count, waves in itertools.product((3, 5, 8, 20, 60), ((2025,), (2025, 2026))):
        offices = random_offices(rng, count, waves)
        release = k_anonymise(offices, ATTRIBUTES, k=3)
        assert release.anonymous
        assert min(release.class_sizes().values()) >= 3
        for subject in offices:
            assert len(candidates(release, subject, offices)) >= 3, (count, waves, subject)


def test_no_less_generalised_combination_would_do():
    rng = random.Random(7)
    offices = random_offices(rng, 25)
    release = k_anonymise(offices, ATTRIBUTES, k=3, max_suppressed=0)
    chosen = sum(release.levels.values())
    waves = [2025]
    for combination in itertools.product(*(range(a.top + 1) for a in ATTRIBUTES)):
        if sum(combination) >= chosen:
            continue
        levels = dict(zip((a.name for a in ATTRIBUTES), combination, strict=True))
        ok, _suppressed, _classes = disclosure._evaluate(
            offices, waves, ATTRIBUTES, levels, 3, budget=0
        )
        assert not ok, combination


def test_a_few_outliers_are_suppressed_together_instead_of_coarsening_everyone():
    common = {"size": 12, "initiative": "entrepreneurs", "phase": "building"}
    offices = {f"o{i}": {2025: dict(common)} for i in range(27)}
    offices["big1"] = {2025: {"size": 80, "initiative": "municipality", "phase": "embedded"}}
    offices["big2"] = {2025: {"size": 70, "initiative": "pos", "phase": "executing"}}
    offices["big3"] = {2025: {"size": 55, "initiative": "joint", "phase": "strategy"}}
    release = k_anonymise(offices, ATTRIBUTES, k=3, max_suppressed=0.1)
    assert release.levels == {"size": 0, "initiative": 0, "phase": 0}
    assert release.suppressed == {"big1", "big2", "big3"}
    assert release.shown("o1", 2025) == {
        "size": "10–24",
        **{k: common[k] for k in common if k != "size"},
    }
    assert set(release.shown("big1", 2025).values()) == {SUPPRESSED}


def test_a_suppressed_group_smaller_than_k_is_not_allowed():
    common = {"size": 12, "initiative": "entrepreneurs", "phase": "building"}
    offices = {f"o{i}": {2025: dict(common)} for i in range(28)}
    offices["big"] = {2025: {"size": 80, "initiative": "municipality", "phase": "embedded"}}
    release = k_anonymise(offices, ATTRIBUTES, k=3, max_suppressed=0.1)
    assert not release.suppressed
    assert min(release.class_sizes().values()) >= 3
    assert release.shown("big", 2025) == release.shown("o1", 2025)


def test_values_across_waves_are_one_key():
    # Same type in 2025, but in 2026 one of them grew: the pair must not be told apart by 2026.
    offices = {
        "a": {2025: {"size": 12, "initiative": "pos", "phase": "building"},
              2026: {"size": 30, "initiative": "pos", "phase": "building"}},
        "b": {2025: {"size": 12, "initiative": "pos", "phase": "building"},
              2026: {"size": 12, "initiative": "pos", "phase": "building"}},
        "c": {2025: {"size": 12, "initiative": "pos", "phase": "building"},
              2026: {"size": 12, "initiative": "pos", "phase": "building"}},
    }  # fmt: skip
    release = k_anonymise(offices, ATTRIBUTES, k=3)
    assert release.anonymous
    assert release.shown("a", 2026) == release.shown("b", 2026)
    assert release.levels["size"] == SIZE.top


def test_fewer_offices_than_k_show_nothing_and_say_so():
    offices = random_offices(random.Random(1), 2)
    release = k_anonymise(offices, ATTRIBUTES, k=3)
    assert not release.anonymous
    assert all(set(release.shown(s, 2025).values()) == {SUPPRESSED} for s in offices)


def test_missing_values_are_suppressed_not_shown_as_none():
    offices = {f"o{i}": {1: {"size": None, "initiative": "", "phase": None}} for i in range(3)}
    release = k_anonymise(offices, ATTRIBUTES, k=3)
    assert release.shown("o0", 1) == dict.fromkeys(("size", "initiative", "phase"), SUPPRESSED)
