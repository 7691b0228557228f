"""Reads of an office's social value, each in a fixed number of queries however many offices.

The totals cover the twelve months up to today, from the activities held in them; nothing is
stored twice. `social_value` takes a list of offices so the municipality portal, with all its
offices, costs one query, like the public page with one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from .models import ActivityKind, CommunityActivity, CommunityStory

STORIES_SHOWN = 3


@dataclass(frozen=True)
class KindTotal:
    kind: str
    label: str
    activities: int
    participants: int


@dataclass
class SocialValue:
    """One office's year for the community: activities, people reached, split by kind."""

    since: datetime.date
    until: datetime.date
    activities: int = 0
    participants: int = 0
    by_kind: list[KindTotal] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.activities == 0


def year_before(today: datetime.date) -> datetime.date:
    """The first day of the twelve months that end today.

    >>> year_before(datetime.date(2026, 12, 7))
    datetime.date(2025, 12, 8)
    >>> year_before(datetime.date(2028, 2, 29))
    datetime.date(2027, 3, 1)
    """
    try:
        return today.replace(year=today.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February: a year back has no such day
        return today.replace(year=today.year - 1, day=28) + datetime.timedelta(days=2)


def social_value(office_ids, today: datetime.date | None = None) -> dict[int, SocialValue]:
    """{office id: SocialValue} of the last twelve months, for every office asked (one query)."""
    today = today or timezone.localdate()
    since = year_before(today)
    rows = (
        CommunityActivity.objects.filter(
            office_id__in=list(office_ids), held_on__gte=since, held_on__lte=today
        )
        .values("office_id", "kind")
        .annotate(activities=Count("pk"), participants=Sum("participants"))
        .order_by()
    )
    per_office: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        per_office[row["office_id"]][row["kind"]] = (row["activities"], row["participants"] or 0)
    return {
        office_id: _value_of(per_office.get(office_id, {}), since, today)
        for office_id in office_ids
    }


def _value_of(kinds: dict[str, tuple[int, int]], since, until) -> SocialValue:
    by_kind = [
        KindTotal(kind.value, str(kind.label), *kinds[kind.value])
        for kind in ActivityKind
        if kind.value in kinds
    ]
    return SocialValue(
        since=since,
        until=until,
        activities=sum(k.activities for k in by_kind),
        participants=sum(k.participants for k in by_kind),
        by_kind=by_kind,
    )


def published_stories(office_ids, per_office: int = STORIES_SHOWN) -> dict[int, list]:
    """{office id: its newest published stories}, at most `per_office` each (one query)."""
    stories = (
        CommunityStory.objects.filter(office_id__in=list(office_ids), published=True)
        .select_related("office")
        .order_by("office_id", "-published_at", "-pk")
    )
    found: dict[int, list] = {office_id: [] for office_id in office_ids}
    for story in stories:
        if len(found[story.office_id]) < per_office:
            found[story.office_id].append(story)
    return found


def office_social_value(office, today: datetime.date | None = None) -> dict:
    """The public block "Wat we doen voor de buurt" of one office: totals and stories."""
    return {
        "social_value": social_value([office.pk], today)[office.pk],
        "community_stories": published_stories([office.pk])[office.pk],
    }


def office_page_part(office) -> dict:
    """For the internal office page (registered with `network.page_parts`)."""
    return office_social_value(office)


def activities_of(office):
    """The office's activities, newest first, for its page and the API (paginated there)."""
    return office.community_activities.order_by("-held_on", "-pk")
