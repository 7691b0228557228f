"""Seeded draws the generators share: a date in a range, and a total split by weights.

Pure functions of their arguments (the `random.Random` is passed in), so the generated data set
depends only on the seed and the day of generation.
"""

import datetime
import math
import random
from collections.abc import Sequence


def random_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A uniformly drawn date in [first, last]; `first` when the range is empty."""
    days = (last - first).days
    return first + datetime.timedelta(days=rng.randint(0, days)) if days > 0 else first


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole numbers in proportion to `weights` (largest remainder method).

    The parts always add up to `total` exactly (when any weight is positive), and a zero weight
    always gets zero, so a generator can promise exact row counts and still leave some parents
    empty: a goal without strategies, a project without activities.

    >>> apportion(10, [1, 1, 1])
    [4, 3, 3]
    >>> apportion(7, [0, 2, 1, 0])
    [0, 5, 2, 0]
    >>> apportion(5, [0, 0])
    [0, 0]
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * weight / weight_sum for weight in weights]
    parts = [math.floor(quota) for quota in quotas]
    short = total - sum(parts)
    by_remainder = sorted(range(len(parts)), key=lambda i: (parts[i] - quotas[i], i))
    for index in by_remainder[:short]:
        parts[index] += 1
    return parts
