"""Reading clubs for their pages, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from kapstok.network.models import SportBranch

from . import rules
from .models import ClubMeeting, ClubPost, ClubPractice, SportsClub

SPORTS = Prefetch("sports", queryset=SportBranch.objects.order_by("sort_order", "name"))


def club_list(viewer, *, municipality_id=None, sport_id=None, query: str = "") -> QuerySet:
    """The clubs the viewer sees, filtered, with their sports and how often they are linked."""
    clubs = (
        rules.clubs_visible_to(viewer)
        .select_related("municipality")
        .prefetch_related(SPORTS)
        .annotate(
            link_count=Count("practice_links", distinct=True)
            + Count("meeting_links", distinct=True)
            + Count("post_links", distinct=True)
        )
        .order_by("municipality__name", "name")
    )
    if municipality_id:
        clubs = clubs.filter(municipality_id=municipality_id)
    if sport_id:
        clubs = clubs.filter(sports=sport_id)
    if query:
        clubs = clubs.filter(Q(name__icontains=query) | Q(municipality__name__icontains=query))
    return clubs


def municipalities_with_clubs(viewer) -> list:
    """The municipalities that have clubs, for the filter (those the viewer sees)."""
    from kapstok.network.models import Municipality

    ids = rules.clubs_visible_to(viewer).values("municipality_id")
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class ClubLinks:
    """A club's links that the viewer may open, and how many others are hidden from them."""

    practices: list
    meetings: list
    posts: list
    hidden: int

    @property
    def total(self) -> int:
        return len(self.practices) + len(self.meetings) + len(self.posts) + self.hidden


def club_links(viewer, club: SportsClub) -> ClubLinks:
    practice_links = list(ClubPractice.objects.filter(club=club).select_related("practice__office"))
    meeting_links = list(ClubMeeting.objects.filter(club=club).select_related("meeting"))
    post_links = list(ClubPost.objects.filter(club=club).select_related("post__office"))
    practices = _visible(viewer, "practice", [link.practice for link in practice_links])
    meetings = _visible(viewer, "meeting", [link.meeting for link in meeting_links])
    posts = _visible(viewer, "post", [link.post for link in post_links])
    total = len(practice_links) + len(meeting_links) + len(post_links)
    hidden = total - len(practices) - len(meetings) - len(posts)
    return ClubLinks(practices, meetings, posts, hidden)


def _visible(viewer, kind: str, objects: list) -> list:
    allowed = rules.visible_linked_ids(viewer, kind, [obj.pk for obj in objects])
    return [obj for obj in objects if obj.pk in allowed]


LINK_MODELS = {"practice": ClubPractice, "meeting": ClubMeeting, "post": ClubPost}


def linked_clubs_part(kind: str, obj, viewer) -> list[dict]:
    """The clubs linked to a practice, meeting or post, for that page (registered in peers).

    Whoever may read the page sees the clubs' names; the link to a club's page only for those
    who see the registry.
    """
    model = LINK_MODELS[kind]
    links = model.objects.filter(**{kind: obj}).values("club")
    clubs = list(
        SportsClub.objects.filter(pk__in=links).select_related("municipality").order_by("name")
    )
    if not clubs:
        return []
    return [
        {
            "template": "clubs/_linked_clubs.html",
            "clubs": clubs,
            "can_open": rules.can_view_clubs(viewer),
        }
    ]
