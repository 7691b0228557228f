"""Read-side queries of the public site: offices to show, search, map, office page, funnel.

Only public fields leave this module for anonymous pages: office names, municipalities, member
counts, branch counts, the lead's public texts and the successes the lead chose to publish.
"""

import datetime
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.goals.models import Goal, GoalStatus, Project, WorkStatus
from kapstok.network.maps import municipality_map
from kapstok.network.models import Municipality, Office

from . import rules
from . import search as fuzzy
from .models import JoinRequest, JoinRequestStatus, OfficeMonthlyReach, OfficePublicPage

SEARCH_RESULTS = 8
NEARBY_OFFICES = 3
FUNNEL_MONTHS = 12


def public_offices() -> QuerySet:
    """Offices the public may find: all but dissolved ones, with member counts and places."""
    return (
        Office.objects.working()
        .with_member_count()
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only(
                    "code", "name", "province", "population", "label_lat", "label_lon"
                ).order_by("name"),
            )
        )
        .order_by("name")
    )


def label_point(office: Office) -> tuple[float, float]:
    """Where to put an office on a map: the label point of its most populous municipality.

    A point inside one of its municipalities, unlike the mean of several, which for an office
    spanning a bay could land in the water.
    """
    largest = max(office.municipalities.all(), key=lambda m: (m.population, m.code))
    return (largest.label_lat, largest.label_lon)


# --- search ----------------------------------------------------------------------------------


@dataclass
class SearchResult:
    """One line of search results: an office, or a municipality with the offices for it.

    `nearby` is set when the municipality has no office yet and `offices` are the closest ones,
    each paired with its distance in km (None when the office covers the municipality).
    """

    title: str
    kind: str
    offices: list[tuple[Office, float | None]] = field(default_factory=list)
    nearby: bool = False


def search(query: str, offices: list[Office] | None = None) -> list[SearchResult]:
    """Offices for what someone typed: an office name or any municipality, typos forgiven."""
    offices = list(public_offices()) if offices is None else offices
    municipalities = {m.code: m for m in Municipality.objects.current().only("code", "name")}
    covering = defaultdict(list)
    for office in offices:
        for municipality in office.municipalities.all():
            covering[municipality.code].append(office)
    names = {("m", code): m.name for code, m in municipalities.items()}
    names |= {("o", office.pk): office.name for office in offices}
    hits = fuzzy.rank(query, names, limit=SEARCH_RESULTS * 2)
    by_pk = {office.pk: office for office in offices}
    finder = _ResultBuilder(by_pk, covering, municipalities)
    results = [result for hit in hits if (result := finder.result_for(*hit.key))]
    return results[:SEARCH_RESULTS]


class _ResultBuilder:
    """Turns ranked hits into result lines, skipping offices already shown higher up."""

    def __init__(self, by_pk, covering, municipalities):
        self.by_pk, self.covering, self.municipalities = by_pk, covering, municipalities
        self.shown: set[int] = set()
        self.points = {pk: label_point(office) for pk, office in by_pk.items()}

    def result_for(self, kind: str, key) -> SearchResult | None:
        if kind == "o":
            return self._office(self.by_pk[key])
        return self._municipality(self.municipalities[key])

    def _office(self, office: Office) -> SearchResult | None:
        if office.pk in self.shown:
            return None
        self.shown.add(office.pk)
        return SearchResult(title=office.name, kind="office", offices=[(office, None)])

    def _municipality(self, municipality: Municipality) -> SearchResult | None:
        offices = self.covering.get(municipality.code, [])
        if offices:
            if all(office.pk in self.shown for office in offices):
                return None
            self.shown.update(office.pk for office in offices)
            return SearchResult(
                municipality.name, "municipality", [(office, None) for office in offices]
            )
        if not self.points:
            return SearchResult(municipality.name, "municipality", [], nearby=True)
        origin = (municipality.label_lat, municipality.label_lon)
        closest = fuzzy.nearest(origin, self.points, NEARBY_OFFICES)
        return SearchResult(
            municipality.name,
            "municipality",
            [(self.by_pk[pk], km) for pk, km in closest],
            nearby=True,
        )


# --- map and list ----------------------------------------------------------------------------

_PATH_DATA = re.compile(r"[MLZ0-9.,\-]*")
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def _ring_label(path_d: str) -> tuple[float, float]:
    """The centre of the bounding box of the largest ring of an SVG path: where a name fits."""
    best, best_area = (0.0, 0.0), -1.0
    for ring in path_d.split("M")[1:]:
        points = [(float(x), float(y)) for x, y in _POINT.findall(ring)]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        area = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if area > best_area:
            best, best_area = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2), area
    return round(best[0], 1), round(best[1], 1)


@functools.lru_cache(maxsize=1)
def _label_positions() -> dict[str, tuple[float, float]]:
    return {code: _ring_label(d) for code, (_name, d) in municipality_map()["paths"].items()}


def _label_attributes(x: float, y: float, base: dict) -> dict:
    """SVG attributes of a name label; strings, so the template cannot localise "12,5".

    Near the left or right edge the label grows inwards instead of out of the picture.
    """
    margin = base["width"] * 0.15
    anchor = "start" if x < margin else "end" if x > base["width"] - margin else "middle"
    # A little above the centre, so the name does not hide the shape it names.
    return {"x": f"{x:.1f}", "y": f"{y - 24:.1f}", "anchor": anchor}


def public_map(offices: list[Office]) -> dict:
    """The national map with the municipalities that have an office as links.

    {"width", "height", "plain": SVG of the other shapes, "linked": [{code, name, d, office,
    others, x, y, anchor}]}:
    plain shapes are drawn first so a linked shape's outline and label are never hidden.
    """
    base = municipality_map()
    covering = defaultdict(list)
    names = {}
    for office in offices:
        for municipality in office.municipalities.all():
            covering[municipality.code].append(office)
            names[municipality.code] = municipality.name
    labels = _label_positions()
    linked = []
    for code, (map_name, d) in base["paths"].items():
        if code not in covering:
            continue
        first, *others = covering[code]
        shape = {"code": code, "name": names.get(code, map_name), "d": d, "office": first}
        linked.append(shape | {"others": others, **_label_attributes(*labels[code], base)})
    linked.sort(key=lambda shape: shape["name"])
    plain = _plain_shapes(frozenset(covering))
    return {"width": base["width"], "height": base["height"], "plain": plain, "linked": linked}


@functools.lru_cache(maxsize=8)
def _plain_shapes(linked_codes: frozenset[str]) -> str:
    """The SVG of every municipality without an office, joined once per set of office codes.

    Three hundred template iterations over long path strings were most of the page's time.
    Safe to mark safe: path data from `network.maps` holds only M, L, Z, digits, "." and ",".
    """
    paths = municipality_map()["paths"]
    shapes = "".join(
        f'<path d="{d}"/>' for code, (_n, d) in paths.items() if code not in linked_codes
    )
    if not _PATH_DATA.fullmatch(shapes.replace('<path d="', "").replace('"/>', "")):
        raise ValueError("Unexpected characters in municipality path data")
    return mark_safe(shapes)  # noqa: S308 - checked above


def offices_by_province(offices: list[Office]) -> list[tuple[str, list[Office]]]:
    """Offices under each province they work in, provinces and offices by name."""
    groups = defaultdict(list)
    for office in offices:
        for province in sorted({m.province for m in office.municipalities.all()}):
            groups[province].append(office)
    return sorted(groups.items())


# --- the office page -------------------------------------------------------------------------


def public_page_of(office: Office) -> OfficePublicPage | None:
    return OfficePublicPage.objects.filter(office=office).first()


def successes(page: OfficePublicPage | None) -> list[dict]:
    """What the lead published: achieved goals and finished projects of this office only.

    Checked when read, so a goal that is reopened or moved disappears from the public page.
    """
    if page is None:
        return []
    office = page.office_id
    goals = page.published_goals.filter(office_id=office, status=GoalStatus.ACHIEVED)
    projects = page.published_projects.filter(
        strategy__goal__office_id=office, status=WorkStatus.DONE
    )
    return [{"title": g.title, "text": g.description} for g in goals] + [
        {"title": p.title, "text": p.description} for p in projects
    ]


def publishable_goals(office: Office) -> QuerySet:
    return Goal.objects.filter(office=office, status=GoalStatus.ACHIEVED).order_by("title")


def publishable_projects(office: Office) -> QuerySet:
    return Project.objects.filter(strategy__goal__office=office, status=WorkStatus.DONE).order_by(
        "title"
    )


def organization_data(office: Office, url: str, description: str) -> dict:
    """schema.org Organization for search engines (JSON-LD): public fields only."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": office.name,
        "url": url,
        "description": description,
        **({"foundingDate": office.founded_on.isoformat()} if office.founded_on else {}),
        "areaServed": [
            {"@type": "AdministrativeArea", "name": m.name} for m in office.municipalities.all()
        ],
        "parentOrganization": {
            "@type": "Organization",
            "name": "Platform Ondernemende Sportaanbieders (POS)",
        },
    }


# --- the lead's pages ------------------------------------------------------------------------


def join_requests_for_lead(office: Office) -> dict:
    """Confirmed requests waiting for a decision, recent decisions, and how many are unconfirmed.

    Unconfirmed requests are counted, not shown: until the address is confirmed nobody knows
    the request is real.
    """
    requests = JoinRequest.objects.filter(office=office).prefetch_related("branches")
    return {
        "awaiting": list(requests.awaiting_decision().order_by("confirmed_at")),
        "decided": list(
            requests.filter(
                status__in=[JoinRequestStatus.ACCEPTED, JoinRequestStatus.DECLINED]
            ).order_by("-decided_at")[:20]
        ),
        "unconfirmed_count": requests.filter(status=JoinRequestStatus.UNCONFIRMED).count(),
    }


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the last `count` months, newest first, this month included."""
    month, months = today.replace(day=1), []
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def funnel(office: Office, months: int = FUNNEL_MONTHS, today=None) -> list[dict]:
    """Per month, newest first: views → join requests → confirmed → accepted, with rates."""
    wanted = _months_back(today or timezone.localdate(), months)
    rows = {
        row.month: row
        for row in OfficeMonthlyReach.objects.filter(office=office, month__gte=wanted[-1])
    }
    table = []
    for month in wanted:
        row = rows.get(month) or OfficeMonthlyReach(office=office, month=month)
        table.append(
            {
                "month": month,
                "views": row.views,
                "join_requests": row.join_requests,
                "confirmed": row.confirmed,
                "accepted": row.accepted,
                "request_rate": _percent(row.join_requests, row.views),
                "accept_rate": _percent(row.accepted, row.confirmed),
            }
        )
    return table


def public_practices(office, limit: int = 6):
    """The office's published practices marked public: what others can learn from it."""
    from kapstok.peers.models import Practice, PracticeStatus, Visibility

    return list(
        Practice.objects.filter(
            office=office, status=PracticeStatus.PUBLISHED, visibility=Visibility.PUBLIC
        ).order_by("-updated_at")[:limit]
    )


def upcoming_public_meetings(office, limit: int = 5):
    from kapstok.peers.models import Meeting

    meetings = Meeting.objects.public_for(office).filter(starts_at__gte=timezone.now())
    return list(meetings.order_by("starts_at")[:limit])


# --- the start page's to-do items (one or two queries) --------------------------------------

JOIN_REQUEST_WAIT = datetime.timedelta(days=7)  # a confirmed request this old asks attention


def join_requests_to_decide(viewer) -> list[ToDo]:
    """Confirmed join requests to the offices the viewer leads, oldest first, each linking to
    its accept-or-decline page; beyond `SHOWN`, one line per the rest, to the list. One query:
    each row carries the number of all waiting requests."""
    waiting = rules.join_requests_to_decide_for(viewer)
    rows = list(
        waiting.select_related("office")
        .annotate(waiting=Window(Count("pk")))
        .order_by("confirmed_at", "pk")[: SHOWN + 1]
    )
    old = timezone.now() - JOIN_REQUEST_WAIT
    items = [
        ToDo(
            title=gettext("Beslis over de aanmelding van %(business)s")
            % {"business": join_request.business_name},
            detail=gettext("Bij %(office)s, bevestigd op %(date)s.")
            % {
                "office": join_request.office.name,
                "date": day(join_request.confirmed_at or join_request.created_at),
            },
            url=reverse(
                "public:join_request_detail", args=[join_request.office.slug, join_request.pk]
            ),
            urgency=Urgency.SOON
            if (join_request.confirmed_at or join_request.created_at) < old
            else Urgency.NORMAL,
        )
        for join_request in rows[:SHOWN]
    ]
    if len(rows) > SHOWN:
        rest = rows[0].waiting - SHOWN
        office = rows[0].office
        items.append(
            ToDo(
                title=ngettext(
                    "Nog %(count)s aanmelding wacht op uw besluit",
                    "Nog %(count)s aanmeldingen wachten op uw besluit",
                    rest,
                )
                % {"count": rest},
                url=reverse("public:join_requests", args=[office.slug]),
                count=rest,
            )
        )
    return items
