"""Demo data for the member check: the two half years before this one closed, this one open.

Most offices' members answered the closed rounds (a third to two thirds of them), with scores
that differ per office and move a little between rounds; office D, the report's office that
stalled after a flying start, drops clearly in the last closed round, so its stall signal
`member_value` shows. The open round has a few answers under way, and member-a has not
answered yet, so the check waits on that start page. The open answers are in the words of
entrepreneurs. Respondents have no account and no name: their invitation carries a made-up
`.invalid` address per business, the same in every round (a stable pseudonym for researchers).
Deterministic (a seeded random). Called from `demo_seed`.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.membercheck import services
from kapstok.membercheck.services import RELEVANCE, TIME, TIME_CHOICES, VALUE, WISH
from kapstok.monitor.models import Answer, Audience, Invitation, Response, Wave
from kapstok.monitor.services import wave_close
from kapstok.network.models import Membership

SEED = 1804

WISHES = [
    "Meer bijeenkomsten waar je echt iets aan hebt, niet alleen koffie drinken.",
    "Dat we samen één keer per jaar een sportdag organiseren, dat trekt nieuwe klanten.",
    "Korte lijnen met de gemeente over de huur van de gymzaal.",
    "Een overzicht van wie welke ruimte of spullen wil delen.",
    "Samen inkopen, bijvoorbeeld verzekeringen of energie.",
    "Minder vergaderen, meer doen. Eén concreet project per half jaar.",
    "Dat de gemeente ons ziet als partner en niet alleen de verenigingen.",
    "Een gezamenlijke campagne in de lokale krant of op social media.",
    "Hulp bij subsidies uit het sportakkoord, ik weet niet waar ik moet beginnen.",
    "Bijeenkomsten 's avonds of op zondag, overdag sta ik zelf les te geven.",
    "Meer zwembaden en golfbanen erbij, nu zijn het vooral fitness en dans.",
    "Personeel uitwisselen in de vakantieperiode.",
    "Gewoon weten wat er besloten is, een korte nieuwsbrief zou helpen.",
    "Samen naar scholen gaan met een proefles.",
]
DOWN_WISHES = [
    "Er gebeurt al maanden niets, ik weet niet meer wat het kantoor doet.",
    "Na de start was de energie weg. Wie trekt het nu eigenlijk?",
    "Ik zie geen resultaat voor mijn bedrijf, dan stop ik liever.",
    "Plan eindelijk de sessie waar het steeds over gaat.",
    "Meer bijeenkomsten waar je echt iets aan hebt, niet alleen koffie drinken.",
]

# Most members have an hour or a few a month; few have none or more.
TIME_WEIGHTS = (15, 40, 35, 10)

# The office whose members' score falls in the last closed round (see module docstring).
DROPPING = "D"


def _clear() -> None:
    """The demo's earlier rounds: their offices were demo offices, now deleted (`demo_clear`)."""
    stale = services.member_waves().filter(Q(offices__isnull=True) | Q(offices__is_demo=True))
    Wave.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()


def _round(opens_on: datetime.date):
    wave = services.round_open(today=opens_on)
    assert wave is not None, opens_on
    return wave


def _half_before(day: datetime.date) -> datetime.date:
    first, _last = services.half_year(day)
    return services.half_year(first - datetime.timedelta(days=1))[0]


def _members_on(office_ids, on: datetime.date) -> dict[int, list[int]]:
    """Entrepreneur ids per office on a day, without the businesses of a demo login."""
    with_login = set(
        RoleGrant.objects.filter(role=Role.MEMBER).values_list("entrepreneur_id", flat=True)
    )
    members = {}
    rows = Membership.objects.active_on(on).filter(office_id__in=office_ids).order_by("pk")
    for office_id, entrepreneur_id in rows.values_list("office_id", "entrepreneur_id"):
        if entrepreneur_id not in with_login:
            members.setdefault(office_id, []).append(entrepreneur_id)
    return members


def _score(base: float, index: int, phase: float) -> int:
    """The `index`-th member's score: spread over the two whole numbers around `base` so that
    any number of answers averages close to it (a low-discrepancy sequence, not noise: the
    demo must not raise a signal by chance)."""
    return max(1, min(5, int(base + (index * 0.618034 + phase) % 1)))


def _fill(wave, bases: dict[int, float], share, rng, wishes_of, at_least=0) -> int:
    """Answers from a share of each office's members at the round's start (at least
    `at_least` where it has them); the number made."""
    questions = {q.order: q for q in wave.wave_questionnaires.get().questionnaire.questions.all()}
    members = _members_on(list(bases), wave.opens_on)
    when = timezone.make_aware(datetime.datetime.combine(wave.opens_on, datetime.time(20, 0)))
    invitations, answers = [], []
    for office_id, base in bases.items():
        people = members.get(office_id, [])
        count = max(round(len(people) * rng.uniform(*share)), min(len(people), at_least))
        phase = rng.random()
        # Each wish at most once per office and round: different people, different words.
        wishes = rng.sample(wishes_of(office_id), k=len(wishes_of(office_id)))
        for index, entrepreneur_id in enumerate(rng.sample(people, k=count)):
            invitations.append(
                Invitation(
                    wave=wave, office_id=office_id, audience=Audience.MEMBER,
                    questionnaire=questions[VALUE].questionnaire,
                    email=f"lid-{entrepreneur_id}@demo.invalid",
                )
            )  # fmt: skip
            wish = wishes.pop() if wishes and rng.random() < 0.45 else ""
            answers.append(
                {
                    VALUE: _score(base, index, phase),
                    RELEVANCE: _score(base - 0.2, index + 3, phase),
                    TIME: rng.choices(TIME_CHOICES, weights=TIME_WEIGHTS)[0],
                    WISH: wish,
                }
            )
    Invitation.objects.bulk_create(invitations)
    responses = Response.objects.bulk_create(
        Response(invitation=invitation, started_at=when, submitted_at=when)
        for invitation in invitations
    )
    Answer.objects.bulk_create(
        _answer(response, questions[order], value)
        for response, given in zip(responses, answers, strict=True)
        for order, value in given.items()
        if value != ""
    )
    return len(invitations)


def _answer(response, question, value) -> Answer:
    if question.order in (VALUE, RELEVANCE):
        return Answer(response=response, question=question, number=Decimal(value))
    if question.order == TIME:
        return Answer(response=response, question=question, choices=[value])
    return Answer(response=response, question=question, text=value)


def member_check_seed(*, offices: dict, today: datetime.date) -> list:
    """Three rounds: two closed half years, the current one open (see module docstring)."""
    _clear()
    rng = random.Random(SEED)
    current = services.half_year(today)[0]
    last = _half_before(today)
    before = _half_before(last)
    earlier, later = _round(before), _round(last)
    ids = list(earlier.offices.values_list("pk", flat=True))
    bases = {pk: rng.uniform(3.4, 4.4) for pk in ids}
    moved = {pk: base + rng.uniform(-0.1, 0.3) for pk, base in bases.items()}
    dropping = offices[DROPPING].pk

    def wishes(office_id):
        return DOWN_WISHES if office_id == dropping else WISHES

    share = (0.35, 0.65)
    _fill(earlier, {**bases, dropping: 4.0}, share, rng, lambda _pk: WISHES, at_least=6)
    _fill(later, {**moved, dropping: 2.4}, share, rng, wishes, at_least=6)
    for wave in (earlier, later):
        closing = datetime.datetime.combine(
            wave.closes_on + datetime.timedelta(days=1), datetime.time(9, 0)
        )
        wave_close(wave=wave, now=timezone.make_aware(closing))
        wave.refresh_from_db()
    open_round = _round(max(current, today - datetime.timedelta(days=14)))
    _fill(open_round, moved, (0.05, 0.25), rng, wishes)
    return [earlier, later, open_round]
