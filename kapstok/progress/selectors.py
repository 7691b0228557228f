"""Read side of the dashboards: the office dashboard and the national overview for POS staff.

The national figures come from `facts.office_overviews` (a fixed number of grouped queries) and
a few aggregates, so the page costs the same for 40 offices as for 400; its tables show a page
of rows at a time (issue #19).
"""

import datetime
import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.analysis.membership import month_starts
from kapstok.analysis.phases import PHASES
from kapstok.analysis.stall_rules import add_months
from kapstok.core.generation import generation_current
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import ToDo, Urgency
from kapstok.goals.models import Activity, Goal, GoalStatus, Project, WorkStatus
from kapstok.network import selectors as network_selectors
from kapstok.network.models import Membership, Office, size_class_for
from kapstok.strategy import selectors as strategy_selectors

from . import rules
from .facts import office_overviews, office_phases, office_states
from .models import Signal, StallSettings
from .texts import PHASE_LABELS, phase_evidence_lines, signal_explanation, signal_next_step

SEVERITY_RANK = {"critical": 2, "warning": 1}


def signal_rows(signals) -> list[dict]:
    return [
        {
            "signal": s,
            "explanation": signal_explanation(s.rule, s.params),
            "next_step": signal_next_step(s.rule),
        }
        for s in signals
    ]


def office_state(office, today=None):
    thresholds = StallSettings.current().thresholds()
    return office_states([office], today, thresholds)[office.pk]


def due_next(office, limit: int = 8) -> list[dict]:
    """Open projects, activities and goals of the office by their coming due date, each with
    the link to its goal. Plain rows (date, title, goal id), not model instances: the office
    is known, so each link is built from its slug and the goal's id."""
    open_work = [WorkStatus.IDEA, WorkStatus.PLANNED, WorkStatus.RUNNING]
    projects = Project.objects.filter(
        strategy__goal__office=office, status__in=open_work, due_on__isnull=False
    ).values_list("due_on", "title", "strategy__goal_id")
    activities = Activity.objects.filter(
        project__strategy__goal__office=office, status__in=open_work, due_on__isnull=False
    ).values_list("due_on", "title", "project__strategy__goal_id")
    goals = Goal.objects.filter(
        office=office, status=GoalStatus.OPEN, deadline__isnull=False
    ).values_list("deadline", "title", "pk")
    rows = [
        *projects.order_by("due_on")[:limit],
        *activities.order_by("due_on")[:limit],
        *goals.order_by("deadline")[:limit],
    ]
    rows.sort(key=lambda row: row[0])
    return [
        {
            "date": date,
            "title": title,
            "url": reverse("goals:goal_detail", args=[office.slug, goal_id]),
        }
        for date, title, goal_id in rows[:limit]
    ]


def office_phase(office, today=None):
    """The office's phase alone (`facts.office_phases`): all the office page and the office
    dashboard show of the office's state, in four queries instead of the stall facts' dozen
    (the dashboard reads its signals from the stored `Signal`s)."""
    return office_phases([office], today)[office.pk]


def phase_context(state) -> dict:
    """What `progress/_phase.html` needs to show an office state's phase and its evidence."""
    return phase_context_of(state.phase)


def phase_context_of(phase) -> dict:
    """What `progress/_phase.html` needs to show a phase (`derive_phase`'s result)."""
    return {
        "phase": phase.phase,
        "phase_label": PHASE_LABELS[phase.phase],
        "phase_index": phase.index,
        "phase_steps": [PHASE_LABELS[p] for p in PHASES],
        "evidence": phase_evidence_lines(phase),
    }


def phases_of(offices) -> dict[int, str]:
    """Phase label per office id, for lists (one batch of grouped queries)."""
    return {pk: PHASE_LABELS[phase.phase] for pk, phase in office_phases(list(offices)).items()}


def phase_figures(office_ids, today) -> dict[int, dict]:
    """Per office: its `phase` on that day and the phase's Dutch label (`phase_label`), for
    the monitor's snapshots: as the office stood then, so goals made and measurements taken
    after that day do not count (`office_phases(as_of=True)`)."""
    offices = list(Office.objects.filter(pk__in=office_ids))
    phases = office_phases(offices, today, as_of=True)
    return {
        office_id: {
            "phase": phases[office_id].phase,
            "phase_label": str(PHASE_LABELS[phases[office_id].phase]),
        }
        for office_id in office_ids
    }


def office_dashboard(office) -> dict:
    """The dashboard's figures, phase and coming work (`dashboard_facts`) and its open signals,
    read fresh: they carry who acknowledged them, which no cache should hold."""
    return {
        **dashboard_facts(office),
        "signals": signal_rows(office.signals.open().select_related("acknowledged_by")),
    }


def dashboard_facts(office) -> dict:
    """What the office dashboard shows of the office, the same for everyone who may open it:
    figures, members through time, phase and the work coming due.

    Kept at most a minute and computed afresh after any write on the site
    (`core.part_cache`): for the office with the most goals these were a third of the page's
    time (issue #19).
    """
    return cached_part("office-dashboard", (office.pk,), lambda: _dashboard_facts(office))


def _dashboard_facts(office) -> dict:
    return {
        "figures": network_selectors.office_figures(office),
        "series": network_selectors.membership_series(office),
        **phase_context_of(office_phase(office)),
        "due_next": due_next(office),
    }


class Place(NamedTuple):
    """A municipality of an office, as the dashboard's rows, map and export name it."""

    code: str
    name: str
    province: str


def _places(office_ids) -> dict[int, list[Place]]:
    """Each office's municipalities by name: one query of plain rows, where a prefetch of
    municipality instances cost a quarter of the page at 400 offices."""
    pairs = (
        Office.municipalities.through.objects.filter(office_id__in=office_ids)
        .order_by("municipality__name")
        .values_list(
            "office_id", "municipality__code", "municipality__name", "municipality__province"
        )
    )
    places = defaultdict(list)
    for office_id, *place in pairs:
        places[office_id].append(Place(*place))
    return places


def _filtered_offices(filters: dict, today: datetime.date):
    """The offices the filters leave, by name, each with `member_count`; their overviews; and
    a subquery of their ids for the page's other grouped queries.

    The member counts come from `office_overviews`' grouped count, not from a DISTINCT count
    joined onto every office (`with_member_count`), which was half of the page's time on
    SQLite; the size filter then works on those counts (and the other queries get the ids
    it leaves rather than the subquery).
    """
    # Offices still being founded are not offices yet: the founding page lists them.
    chosen = Office.objects.founded()
    if filters.get("province"):
        chosen = chosen.filter(municipalities__province=filters["province"]).distinct()
    if filters.get("initiative"):
        chosen = chosen.filter(initiative=filters["initiative"])
    among = chosen.order_by().values("pk")
    offices = list(chosen.only("name", "slug", "initiative", "status").order_by("name"))
    overviews = office_overviews([office.pk for office in offices], today, among=among)
    for office in offices:
        office.member_count = overviews[office.pk].members
    if filters.get("size"):
        offices = [o for o in offices if size_class_for(o.member_count) == filters["size"]]
        among = [office.pk for office in offices]
    return offices, overviews, among


def _member_growth(office_ids, today, months: int = 24) -> list[dict]:
    """Members on the first of each month (and today), from the number of people who joined
    and who left on each day: a member on a day joined on or before it and did not leave by
    then, and nobody leaves before joining (`Membership`'s check), so the members on a day
    are those who joined by then less those who left by then. Two grouped queries of a few
    hundred days, not a filtered count per month over every membership of the network."""
    days = month_starts(add_months(today, -months), today)
    if days[-1] != today:
        days.append(today)
    memberships = Membership.objects.filter(office_id__in=office_ids).order_by()
    joined = _people_per_day(memberships.filter(joined_on__lte=today), "joined_on")
    left = _people_per_day(memberships.filter(left_on__lte=today), "left_on")
    series = [(day, _up_to(joined, day) - _up_to(left, day)) for day in days]
    peak = max((count for _d, count in series), default=0) or 1
    return [{"date": d, "count": c, "percent": round(100 * c / peak)} for d, c in series]


def _people_per_day(memberships, field: str) -> tuple[list, list[int]]:
    """The days (ascending) on which `field` falls, and the running total of memberships up to
    and including each."""
    rows = memberships.values_list(field).annotate(n=Count("id")).order_by(field)
    days, totals, total = [], [], 0
    for day, count in rows:
        total += count
        days.append(day)
        totals.append(total)
    return days, totals


def _up_to(per_day: tuple[list, list[int]], day) -> int:
    days, totals = per_day
    index = bisect_right(days, day)
    return totals[index - 1] if index else 0


def _severities(office_ids) -> tuple[Counter, dict[int, str]]:
    """Open signals per office and the worst one's severity, counted by the database."""
    rows = (
        Signal.objects.open()
        .filter(office_id__in=office_ids)
        .order_by()
        .values("office_id", "severity")
        .annotate(n=Count("id"))
    )
    counts, worst = Counter(), {}
    for row in rows:
        counts[row["office_id"]] += row["n"]
        rank = max(
            SEVERITY_RANK[row["severity"]], SEVERITY_RANK.get(worst.get(row["office_id"], ""), 0)
        )
        worst[row["office_id"]] = {2: "critical", 1: "warning"}[rank]
    return counts, worst


# How long a computed national dashboard is reused for the same filters, at most: within a
# minute, figures need no age on the page (issue #19), and nothing written waits that long
# (see `national_dashboard_recent`).
NATIONAL_REUSE_SECONDS = 60
# The filters that change the figures (the map's colouring only changes how they are drawn).
NATIONAL_DATA_FILTERS = ("province", "initiative", "size")


def national_dashboard_recent(filters: dict) -> dict:
    """`national_dashboard` for these filters, as computed for an earlier request when that
    was today, at most `NATIONAL_REUSE_SECONDS` ago, and nothing was written since.

    The national figures are the same for everyone who may see them (POS staff; the view
    checks that first) and are the costliest of any page: all 400 offices' phases, SMART goals
    and members. The entry is keyed on the content generation (`kapstok.core.generation`),
    which goes up after every successful write request and after the jobs that change data
    (the daily signals among them), so a change anywhere is on the next view; on the day, so
    memberships that start or end count from their day; and on the language. Per process with
    the default local-memory cache, which is correct with several, since the generation lives
    in the database. Only the figures are kept: the page, its table pages and what the viewer
    may do are rendered for each request.
    """
    today = timezone.localdate()
    key = _national_key(filters, today)
    data = cache.get(key)
    if data is None:
        data = national_dashboard(filters, today)
        cache.set(key, data, NATIONAL_REUSE_SECONDS)
    return data


def _national_key(filters: dict, today: datetime.date) -> str:
    chosen = "&".join(
        f"{name}={filters[name]}" for name in NATIONAL_DATA_FILTERS if filters.get(name)
    )
    digest = hashlib.sha256(chosen.encode()).hexdigest()[:24]
    parts = [generation_current(), get_language(), today.isoformat(), digest]
    return "progress-national:" + ":".join(str(part) for part in parts)


def national_dashboard(filters: dict, today: datetime.date | None = None) -> dict:
    """Every office's row (the table pages through them), the figures, the phase chart, the
    growth chart and the map, in a fixed number of grouped queries.

    Only the phase and the SMART goals of each office are derived (`office_overviews`); the
    stall facts behind the signals are the daily job's, and the page reads its open signals.
    """
    today = today or timezone.localdate()
    offices, overviews, among = _filtered_offices(filters, today)
    signal_count, worst = _severities(among)
    places = _places(among)
    rows = [
        {
            "office": office,
            "municipalities": places.get(office.pk, []),
            "phase": overviews[office.pk].phase.phase,
            "phase_label": PHASE_LABELS[overviews[office.pk].phase.phase],
            "smart_goals": overviews[office.pk].smart_goals,
            "signals": signal_count.get(office.pk, 0),
            "severity": worst.get(office.pk, ""),
        }
        for office in offices
    ]
    phase_counts = Counter(row["phase"] for row in rows)
    municipality_codes = {place.code for row in rows for place in row["municipalities"]}
    sessions_held = sum(strategy_selectors.sessions_held(among).values())
    return {
        "rows": rows,
        "figures": {
            "offices": len(offices),
            "municipalities": len(municipality_codes),
            "members": sum(office.member_count for office in offices),
            "sessions_held": sessions_held,
            "smart_share": round(100 * sum(1 for row in rows if row["smart_goals"]) / len(rows))
            if rows
            else 0,
        },
        "phases": [
            {
                "phase": phase,
                "label": PHASE_LABELS[phase],
                "count": phase_counts.get(phase, 0),
                "percent": round(100 * phase_counts.get(phase, 0) / len(rows)) if rows else 0,
            }
            for phase in PHASES
        ],
        "growth": _member_growth(among, today),
        "signal_rows": sorted(
            (row for row in rows if row["signals"]),
            key=lambda row: (-SEVERITY_RANK.get(row["severity"], 0), -row["signals"]),
        ),
        "map_colours": _map_colours(rows),
    }


def _map_colours(rows) -> dict[str, dict]:
    """Per municipality code: the phase and worst signal of its office (for the map)."""
    colours = {}
    for row in rows:
        for place in row["municipalities"]:
            colours[place.code] = {
                "office": row["office"],
                "phase": row["phase"],
                "severity": row["severity"] or "none",
            }
    return colours


# --- the start page's to-do items (one query each) ------------------------------------------

# Where the next step of each signal is taken (URL names that take the office's slug).
SIGNAL_PAGES = {
    "no_session": "strategy:session_create",
    "no_smart_goal": "goals:overview",
    "no_activity": "goals:overview",
    "shrinking": "network:office_detail",
    "single_lead": "goals:overview",
    "support_overdue": "support:office_requests",
}
NEXT_STEPS_PER_OFFICE = 3
STALLING_SHOWN = 10


def _worst_first(signals) -> list[Signal]:
    return sorted(signals, key=lambda s: (-SEVERITY_RANK[s.severity], s.opened_on, s.pk))


def _urgency(signal: Signal) -> Urgency:
    return Urgency.URGENT if signal.severity == "critical" else Urgency.SOON


def next_steps(viewer) -> list[ToDo]:
    """The top next steps of each office the viewer leads, from its open stall signals (the
    texts of the office dashboard): worst signal first, linking to where the step is taken."""
    signals = _worst_first(rules.signals_to_act_on(viewer).select_related("office"))
    shown = Counter()
    items = []
    for signal in signals:
        if shown[signal.office_id] >= NEXT_STEPS_PER_OFFICE:
            continue
        shown[signal.office_id] += 1
        items.append(
            ToDo(
                title=signal_next_step(signal.rule),
                detail=_("%(signal)s bij %(office)s: %(explanation)s")
                % {
                    "signal": signal.get_rule_display(),
                    "office": signal.office.name,
                    "explanation": signal_explanation(signal.rule, signal.params),
                },
                url=reverse(SIGNAL_PAGES[signal.rule], args=[signal.office.slug]),
                urgency=_urgency(signal),
            )
        )
    return items


def stalling_offices(viewer) -> list[ToDo]:
    """For POS: the offices with open stall signals, worst first, each with the reason inline
    (the worst signal's explanation, and the names of its other signals)."""
    if not access.can_view_national_overview(viewer):
        return []
    by_office: dict[int, list[Signal]] = {}
    for signal in _worst_first(Signal.objects.open().select_related("office")):
        by_office.setdefault(signal.office_id, []).append(signal)
    rows = sorted(
        by_office.values(), key=lambda s: (-SEVERITY_RANK[s[0].severity], -len(s), s[0].office.name)
    )
    items = []
    for signals in rows[:STALLING_SHOWN]:
        worst, others = signals[0], signals[1:]
        detail = _("%(signal)s: %(explanation)s") % {
            "signal": worst.get_rule_display(),
            "explanation": signal_explanation(worst.rule, worst.params),
        }
        if others:
            detail += " " + _("Ook: %(signals)s.") % {
                "signals": ", ".join(str(s.get_rule_display()).lower() for s in others)
            }
        items.append(
            ToDo(
                title=worst.office.name,
                detail=detail,
                url=reverse("progress:office_dashboard", args=[worst.office.slug]),
                urgency=_urgency(worst),
            )
        )
    if len(rows) > STALLING_SHOWN:
        rest = len(rows) - STALLING_SHOWN
        items.append(
            ToDo(
                title=ngettext(
                    "Nog %(count)s kantoor met doorpak-signalen",
                    "Nog %(count)s kantoren met doorpak-signalen",
                    rest,
                )
                % {"count": rest},
                url=reverse("progress:national_dashboard"),
                count=rest,
            )
        )
    return items
