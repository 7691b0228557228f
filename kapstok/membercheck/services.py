"""The member check: a short questionnaire every half year to each office's own members.

The report (3.3) hears entrepreneurs ask "what's in it for me?" and warns (5.1) that an office
loses relevance when it waits too long. The leads only learn that from the members who leave;
this asks the ones who stay, four questions in a minute: what the network brings them, how
relevant its topics are, how much time they have for it, and what would make it more valuable.

It runs on the monitor's engine (a `Questionnaire` of audience "member", a `Wave` per round,
an `Invitation` + `Response` + `Answer`s per respondent), so researchers find the rounds in the
monitor they already use, pseudonymised there.

Why the scheduler opens the rounds, not the lead: the same window in every office makes the
rounds comparable over offices and years, nobody has to remember it, and the office that
needs it most (a stalling one, whose lead has gone quiet) would be the one to skip it. One
round per half year (January and July), open for six weeks, for every active office; the
monitor's daily job closes it after its closing date like any other wave.

Invitations are made when a member answers, not when the round opens: who joins during the
round is asked too, and nobody gets a mail they cannot act on (the start page shows the check).
The response rate counts against the businesses that were members on the round's first day.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.monitor.answers import parse_answer
from kapstok.monitor.models import (
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Wave,
    WaveQuestionnaire,
    WaveStatus,
)
from kapstok.network.models import Office, OfficeStatus

TEMPLATE_KEY = "ledencheck"
ROUND_DAYS = 42

# Fixed positions (`Question.order`): results and signals find each question by it.
VALUE, RELEVANCE, TIME, WISH = 10, 20, 30, 40
TIME_CHOICES = [
    "geen tijd op dit moment",
    "minder dan 1 uur per maand",
    "1 tot 4 uur per maand",
    "meer dan 4 uur per maand",
]
QUESTIONS = [
    {
        "order": VALUE,
        "kind": QuestionKind.SCALE,
        "required": True,
        "text": "Wat levert het POS-kantoor u op?",
        "scale_min_label": "niets",
        "scale_max_label": "heel veel",
    },
    {
        "order": RELEVANCE,
        "kind": QuestionKind.SCALE,
        "required": True,
        "text": "Hoe belangrijk zijn de onderwerpen van het kantoor voor uw bedrijf?",
        "scale_min_label": "niet belangrijk",
        "scale_max_label": "heel belangrijk",
    },
    {
        "order": TIME,
        "kind": QuestionKind.SINGLE,
        "required": True,
        "text": "Hoeveel tijd heeft u voor het kantoor?",
        "choices": TIME_CHOICES,
    },
    {
        "order": WISH,
        "kind": QuestionKind.OPEN,
        "required": False,
        "text": "Wat zou het kantoor voor u waardevoller maken?",
        "help_text": "De kartrekkers lezen dit zonder uw naam.",
        "max_length": 1000,
    },
]


def questionnaire_ensure() -> Questionnaire:
    """The one member-check questionnaire every round sends (idempotent).

    One questionnaire for all rounds keeps the answers comparable over the years. It is a
    template, so the monitor's builder locks it; its questions are made once and never
    rewritten, so no answer ever changes meaning.
    """
    questionnaire, created = Questionnaire.objects.get_or_create(
        template_key=TEMPLATE_KEY,
        is_template=True,
        defaults={
            "title": "Ledencheck",
            "audience": Audience.MEMBER,
            "description": "Vier korte vragen aan de leden van een POS-kantoor, elk half jaar.",
        },
    )
    if created:
        for row in QUESTIONS:
            Question.objects.create(questionnaire=questionnaire, section="Ledencheck", **row)
    return questionnaire


def member_waves():
    """Every member-check round (a monitor `Wave` whose questionnaire asks the members)."""
    return Wave.objects.filter(wave_questionnaires__audience=Audience.MEMBER)


def half_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the half year `day` is in."""
    if day.month <= 6:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)


def round_name(day: datetime.date) -> str:
    season = "voorjaar" if day.month <= 6 else "najaar"
    return f"Ledencheck {season} {day.year}"


@transaction.atomic
def round_open(*, today: datetime.date | None = None, actor=None) -> Wave | None:
    """Open this half year's round for every active office, unless it already has one.

    Returns the new round, or None when this half year has one. Six weeks to answer, never
    past the half year's end (a late start gives a shorter round, not an overlap).
    """
    today = today or timezone.localdate()
    first, last = half_year(today)
    if member_waves().filter(opens_on__range=(first, last)).exists():
        return None
    office_ids = list(
        Office.objects.filter(status=OfficeStatus.ACTIVE).values_list("pk", flat=True)
    )
    if not office_ids:
        return None
    wave = Wave.objects.create(
        name=round_name(today),
        year=today.year,
        opens_on=today,
        closes_on=min(today + datetime.timedelta(days=ROUND_DAYS - 1), last),
        status=WaveStatus.OPEN,
        created_by=actor,
    )
    wave.offices.set(office_ids)
    WaveQuestionnaire.objects.create(
        wave=wave, questionnaire=questionnaire_ensure(), audience=Audience.MEMBER
    )
    return wave


def rounds_run_daily(*, today: datetime.date | None = None) -> str:
    """The scheduler job: open the half year's round when it is due (closing is the monitor's
    daily job, `waves_run_daily`, as for every wave)."""
    wave = round_open(today=today)
    return f"{wave.name} geopend" if wave else "geen nieuwe ledencheck"


# --- answering ---------------------------------------------------------------------------


def _require_open(wave: Wave, office, today: datetime.date) -> None:
    if wave.status != WaveStatus.OPEN or not (wave.opens_on <= today <= wave.closes_on):
        raise ValidationError(_("Deze ledencheck is gesloten; uw antwoord is niet opgeslagen."))
    if not wave.offices.filter(pk=office.pk).exists():
        raise ValidationError(_("Deze ledencheck is niet voor dit kantoor."))


def _parsed_answers(questions, data: dict) -> dict:
    """{question: Parsed} for every question, or a ValidationError naming each problem.

    The engine's own parser (`monitor.answers.parse_answer`) checks scale and choices, so the
    member check stores exactly what a monitor wave would.
    """
    parsed, errors = {}, {}
    for question in questions:
        raw = data.get(f"q{question.order}", "")
        values = raw if isinstance(raw, list) else [str(raw)]
        try:
            answer = parse_answer(question, values)
        except ValidationError as error:
            errors[f"q{question.order}"] = error.messages[0]
            continue
        if question.required and answer.is_empty:
            errors[f"q{question.order}"] = _("Beantwoord deze vraag.")
        parsed[question] = answer
    if errors:
        raise ValidationError(errors)
    return parsed


@transaction.atomic
def answer_save(
    *,
    wave: Wave,
    office,
    user,
    data: dict,
    answered_before: str = "",
    now: datetime.datetime | None = None,
) -> Response:
    """Store a member's answers to one round for one office: the first time, or a change.

    `answered_before` is what the form saw: "" for a first answer, or the moment of the last
    saved answer. A first-answer form sent again after the answer was saved (a second tab, the
    back button) is refused with a Dutch message and changes nothing; a change form carries
    the moment it was made from, so an older one cannot overwrite a newer answer. Nothing is
    stored unless every answer is valid.
    """
    now = now or timezone.now()
    _require_open(wave, office, timezone.localdate(now))
    questions = list(
        wave.wave_questionnaires.get(audience=Audience.MEMBER).questionnaire.questions.all()
    )
    parsed = _parsed_answers(questions, data)
    invitation = _invitation_for(wave, office, user)
    response, _created = Response.objects.select_for_update().get_or_create(invitation=invitation)
    _require_fresh(response, answered_before)
    for question, answer in parsed.items():
        if answer.is_empty:  # an open question left empty (again): no answer, as in the monitor
            Answer.objects.filter(response=response, question=question).delete()
            continue
        Answer.objects.update_or_create(
            response=response,
            question=question,
            defaults={"text": answer.text, "number": answer.number, "choices": answer.choices},
        )
    response.submitted_at = now
    response.save(update_fields=["submitted_at", "updated_at"])
    return response


def _invitation_for(wave: Wave, office, user) -> Invitation:
    questionnaire = wave.wave_questionnaires.get(audience=Audience.MEMBER).questionnaire
    lookup = {"wave": wave, "office": office, "audience": Audience.MEMBER, "email": user.email}
    try:
        with transaction.atomic():
            invitation, _created = Invitation.objects.get_or_create(
                **lookup,
                defaults={
                    "questionnaire": questionnaire,
                    "respondent": user,
                    "name": user.full_name,
                },
            )
    except IntegrityError:  # the same person answering in two tabs at once
        invitation = Invitation.objects.get(**lookup)
    return invitation


def answered_stamp(response: Response | None) -> str:
    """What the form carries to say which answer it was made from ("" for none yet)."""
    if response is None or response.submitted_at is None:
        return ""
    return response.submitted_at.isoformat()


def _require_fresh(response: Response, answered_before: str) -> None:
    current = answered_stamp(response)
    if current == answered_before:
        return
    if not answered_before:
        raise ValidationError(
            _(
                "U heeft deze ledencheck al ingevuld; uw eerdere antwoord is bewaard en niet "
                "dubbel geteld. Hieronder kunt u het wijzigen zolang de ronde open is."
            )
        )
    raise ValidationError(
        _(
            "Uw antwoord is intussen vanaf een ander scherm gewijzigd. Hieronder staat het "
            "nieuwste antwoord; pas het aan als u wilt."
        )
    )
