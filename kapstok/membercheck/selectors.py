"""Reading the member check: the open round a member still has to answer, and the results per
office and round for the leads, POS, the stall signals and the API.

Results never carry a name. Below `SMALL_COUNT_FROM` answers (five, the rule of
`analysis.disclosure`) a round shows only how many answered: an average, a distribution or an
open answer of two or three members would point at them in a small office. Open answers are
shown sorted alphabetically, not in the order they came in, so their order says nothing about
who wrote them.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.accounts.access import Viewer
from kapstok.analysis.disclosure import SMALL_COUNT_FROM, small_count
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import ToDo, Urgency, day
from kapstok.monitor.models import Answer, Audience, Invitation, Response, Wave, WaveStatus
from kapstok.network.models import Membership

from . import rules
from .services import RELEVANCE, TIME, TIME_CHOICES, VALUE, WISH, member_waves


def open_round_for(office, today: datetime.date | None = None) -> Wave | None:
    """The member check of `office` that can be answered today, if any."""
    today = today or timezone.localdate()
    return (
        member_waves()
        .filter(status=WaveStatus.OPEN, offices=office, opens_on__lte=today, closes_on__gte=today)
        .order_by("-opens_on")
        .first()
    )


def own_response(wave: Wave, office, user) -> Response | None:
    """What this person answered in this round for this office (with the answers), if anything."""
    return (
        Response.objects.filter(
            invitation__wave=wave,
            invitation__office=office,
            invitation__audience=Audience.MEMBER,
            invitation__respondent=user,
            submitted_at__isnull=False,
        )
        .prefetch_related("answers__question")
        .first()
    )


def own_values(response: Response | None) -> dict:
    """The stored answers as form values, {"q10": "4", ...}, to show a change form."""
    if response is None:
        return {}
    values = {}
    for answer in response.answers.all():
        name = f"q{answer.question.order}"
        if answer.number is not None:
            values[name] = str(int(answer.number))
        elif answer.choices:
            values[name] = answer.choices[0]
        else:
            values[name] = answer.text
    return values


def checks_to_answer(viewer: Viewer, today: datetime.date | None = None) -> list[ToDo]:
    """A to-do for each office whose open member check this person has not answered yet.

    Two queries from scratch: the open rounds of their offices, the same for every member and
    so kept as a short cached part (`open_checks_of`), and whether this person answered them,
    asked afresh, and not at all while no round is open."""
    office_ids = rules.offices_answered_for(viewer)
    if not office_ids:
        return []
    today = today or timezone.localdate()
    offices_key = ",".join(map(str, sorted(office_ids)))
    pairs = cached_part(
        "member-checks-open", (offices_key, today), partial(open_checks_of, office_ids, today)
    )
    if not pairs:
        return []
    answered = set(
        Invitation.objects.filter(
            wave_id__in={pair.wave_id for pair in pairs},
            respondent_id=viewer.user_id,
            audience=Audience.MEMBER,
            response__submitted_at__isnull=False,
        ).values_list("wave_id", "office_id")
    )
    return [
        _answer_item(pair.office, pair.wave, today)
        for pair in pairs
        if (pair.wave_id, pair.office_id) not in answered and rules.can_answer(viewer, pair.office)
    ]


def open_checks_of(office_ids, today: datetime.date) -> list:
    """The open member checks of these offices on `today`, as (wave, office) pairs with both
    loaded, by office name. One query."""
    open_rounds = member_waves().filter(
        status=WaveStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    )
    return list(
        Wave.offices.through.objects.filter(wave__in=open_rounds, office_id__in=office_ids)
        .select_related("wave", "office")
        .order_by("office__name", "wave__opens_on")
    )


def _answer_item(office, wave: Wave, today: datetime.date) -> ToDo:
    closing_soon = wave.closes_on - today <= datetime.timedelta(days=7)
    return ToDo(
        title=_("Vul de ledencheck van %(office)s in") % {"office": office.name},
        detail=_("Vier korte vragen, één minuut; open tot en met %(date)s.")
        % {"date": day(wave.closes_on)},
        url=reverse("membercheck:answer", args=[office.slug]),
        urgency=Urgency.SOON if closing_soon else Urgency.NORMAL,
    )


# --- results -------------------------------------------------------------------------------


@dataclass
class RoundResult:
    """One round of one office, as the lead may see it."""

    wave_id: int
    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool
    members: int
    responses: int
    value: float | None = None  # average 1–5, None below five answers
    relevance: float | None = None
    time: list[tuple[str, int]] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)

    @property
    def disclosed(self) -> bool:
        """Figures only for a closed round with enough answers. While a round runs, a lead who
        compares the page before and after one more answer would read that member's answer
        off the change in the average; after closing, the figures no longer move."""
        return not self.is_open and self.responses >= SMALL_COUNT_FROM

    @property
    def responses_label(self) -> str:
        return small_count(self.responses)

    @property
    def response_rate(self) -> int | None:
        if not self.members:
            return None
        return min(100, round(100 * self.responses / self.members))


def _members_on(office_ids, days) -> dict[tuple[int, datetime.date], int]:
    """Members of each office on each of `days`: one query for the memberships, counted here."""
    spans = Membership.objects.filter(office_id__in=office_ids).values_list(
        "office_id", "joined_on", "left_on"
    )
    counts = Counter()
    for office_id, joined_on, left_on in spans:
        for on in days:
            if joined_on <= on and (left_on is None or left_on > on):
                counts[(office_id, on)] += 1
    return counts


def _answers(wave_ids, office_ids):
    return (
        Answer.objects.filter(
            response__invitation__wave_id__in=wave_ids,
            response__invitation__office_id__in=office_ids,
            response__invitation__audience=Audience.MEMBER,
            response__submitted_at__isnull=False,
        )
        .order_by()
        .values_list(
            "response__invitation__wave_id",
            "response__invitation__office_id",
            "response_id",
            "question__order",
            "number",
            "choices",
            "text",
        )
    )


def _average(numbers: list) -> float | None:
    return round(sum(float(n) for n in numbers) / len(numbers), 1) if numbers else None


def round_results(office_ids, waves: list[Wave], *, with_texts: bool = False) -> dict:
    """{(wave id, office id): RoundResult} for the given rounds and offices, in three queries
    whatever their number (the rounds' offices, the answers, the memberships)."""
    wave_ids = [wave.pk for wave in waves]
    covered = set(
        Wave.offices.through.objects.filter(
            wave_id__in=wave_ids, office_id__in=office_ids
        ).values_list("wave_id", "office_id")
    )
    members = _members_on(office_ids, {wave.opens_on for wave in waves})
    gathered = defaultdict(lambda: defaultdict(list))
    respondents = defaultdict(set)
    for wave_id, office_id, response_id, order, number, choices, text in _answers(
        wave_ids, office_ids
    ):
        key = (wave_id, office_id)
        respondents[key].add(response_id)
        value = (
            number
            if order in (VALUE, RELEVANCE)
            else (choices[0] if order == TIME and choices else text)
        )
        if value not in (None, ""):
            gathered[key][order].append(value)
    results = {}
    for wave in waves:
        for office_id in office_ids:
            if (wave.pk, office_id) not in covered:
                continue
            key = (wave.pk, office_id)
            result = RoundResult(
                wave_id=wave.pk,
                name=wave.name,
                opens_on=wave.opens_on,
                closes_on=wave.closes_on,
                is_open=wave.status == WaveStatus.OPEN,
                members=members.get((office_id, wave.opens_on), 0),
                responses=len(respondents[key]),
            )
            if result.disclosed:
                answers = gathered[key]
                result.value = _average(answers[VALUE])
                result.relevance = _average(answers[RELEVANCE])
                counted = Counter(answers[TIME])
                result.time = [(choice, counted.get(choice, 0)) for choice in TIME_CHOICES]
                if with_texts:
                    result.wishes = sorted(answers[WISH], key=str.casefold)
            results[key] = result
    return results


def office_rounds(office, *, with_texts: bool = True) -> list[RoundResult]:
    """Every round of one office, newest first: the trend on the office page and the results
    page. Four queries."""
    waves = list(member_waves().filter(offices=office).order_by("-opens_on"))
    results = round_results([office.pk], waves, with_texts=with_texts)
    return [results[(wave.pk, office.pk)] for wave in waves if (wave.pk, office.pk) in results]


@dataclass(frozen=True)
class Trend:
    latest: RoundResult | None
    previous: RoundResult | None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        if self.latest.value is None or self.previous.value is None:
            return None
        return round(self.latest.value - self.previous.value, 1)


def closed_trends(office_ids) -> dict[int, Trend]:
    """Per office, its last two closed rounds: what the stall signals weigh. Four queries."""
    waves = list(member_waves().filter(status=WaveStatus.CLOSED).order_by("-opens_on")[:2])
    results = round_results(list(office_ids), waves)
    trends = {}
    for office_id in office_ids:
        rounds = [results[(w.pk, office_id)] for w in waves if (w.pk, office_id) in results]
        if rounds:
            trends[office_id] = Trend(rounds[0], rounds[1] if len(rounds) > 1 else None)
    return trends
