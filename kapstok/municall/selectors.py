"""What the pages, the API and the start page read about calls and questions, each in a fixed
number of queries. Who sees what is decided in `rules`; these only shape it."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.core.todo import SHOWN, ToDo, Urgency, day

from . import rules
from .models import CallAnswer, QuestionStatus


def call_rows(viewer, office, today=None) -> list[dict]:
    """The office's calls the viewer may see, with their number of answers and whether the
    viewer's business takes part."""
    today = today or timezone.localdate()
    calls = list(
        rules.calls_visible_to(viewer, office)
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-pk")
    )
    mine = set(
        CallAnswer.objects.filter(
            call__in=[c.pk for c in calls],
            entrepreneur__in=rules.member_businesses(viewer, office),
        ).values_list("call_id", flat=True)
    )
    return [
        {"call": c, "answers": c.answer_count, "joined": c.pk in mine, "open": c.is_open_on(today)}
        for c in calls
    ]


def answer_person(answer) -> dict:
    """Who answered, as the municipality or the lead sees them."""
    entrepreneur, person = answer.entrepreneur, answer.person
    return {
        "name": person.full_name if person else "",
        "business": entrepreneur.business_name,
        "email": entrepreneur.email or (person.email if person else ""),
        "phone": entrepreneur.phone,
        "reply": answer.reply,
        "shares_contact": answer.shares_contact,
        "answered_at": answer.answered_at,
    }


def answers_for(viewer, call) -> dict:
    """The answers as this viewer may see them: `count` for everyone who sees the call;
    `shown` the details POS and the leads see of all, the municipality of those who opted in;
    `hidden` how many the viewer sees only as a number."""
    answers = list(
        call.answers.select_related("entrepreneur", "person").order_by("answered_at", "pk")
    )
    if rules.sees_all_answers(viewer, call):
        shown = answers
    elif rules.sees_opted_in_answers(viewer, call):
        shown = [a for a in answers if a.shares_contact]
    else:
        shown = []
    return {
        "count": len(answers),
        "opted_in": sum(1 for a in answers if a.shares_contact),
        "shown": [answer_person(a) for a in shown],
        "hidden": len(answers) - len(shown),
    }


def question_rows(viewer, office) -> list:
    return list(rules.questions_visible_to(viewer, office).order_by("-created_at", "-pk"))


def asker_of(viewer, question) -> dict | None:
    """Who asked, for those who may know (`rules.sees_asker`); None for the others."""
    if not rules.sees_asker(viewer, question):
        return None
    entrepreneur, person = question.entrepreneur, question.asker
    return {
        "name": person.full_name if person else "",
        "business": entrepreneur.business_name,
        "email": entrepreneur.email or (person.email if person else ""),
        "phone": entrepreneur.phone,
    }


# --- the start page -------------------------------------------------------------------------


def calls_to_approve(viewer) -> list[ToDo]:
    """Calls from the municipality to the lead's members, waiting for the lead."""
    waiting = rules.calls_to_decide(viewer).select_related("office", "municipality")
    return [
        ToDo(
            title=_("Beslis over de oproep van gemeente %(name)s: ‘%(title)s’")
            % {"name": call.municipality.name, "title": call.title},
            detail=_("Voor de leden van %(office)s; reageren kan tot en met %(date)s.")
            % {"office": call.office.name, "date": day(call.deadline)},
            url=call.get_absolute_url(),
            urgency=Urgency.SOON,
        )
        for call in waiting.order_by("created_at", "pk")[:SHOWN]
    ]


def questions_to_route(viewer) -> list[ToDo]:
    """Members' questions to the municipality that wait for the lead to forward or decline."""
    waiting = rules.questions_to_route(viewer).select_related("office")
    return [
        ToDo(
            title=_("Stuur de vraag van een lid door naar de gemeente: ‘%(subject)s’")
            % {"subject": question.subject},
            detail=_("%(office)s, gesteld op %(date)s. U kunt de vraag ook afwijzen.")
            % {"office": question.office.name, "date": day(question.created_at)},
            url=question.get_absolute_url(),
        )
        for question in waiting.order_by("created_at", "pk")[:SHOWN]
    ]


def questions_to_answer(viewer) -> list[ToDo]:
    """Questions forwarded to the viewer's municipality, waiting for its answer."""
    waiting = rules.questions_to_answer(viewer).select_related("office")
    return [
        ToDo(
            title=_("Beantwoord de vraag van een lid van %(office)s: ‘%(subject)s’")
            % {"office": question.office.name, "subject": question.forwarded_subject},
            detail=_("Doorgestuurd door het kantoor op %(date)s.")
            % {"date": day(question.routed_at or question.created_at)},
            url=question.get_absolute_url(),
            urgency=Urgency.SOON,
        )
        for question in waiting.order_by("routed_at", "pk")[:SHOWN]
    ]


def own_calls_waiting(viewer) -> list[ToDo]:
    """The municipality's own calls that still wait for an office's lead (information)."""
    waiting = rules.own_calls_waiting(viewer).select_related("office")
    return [
        ToDo(
            title=_("Uw oproep wacht op goedkeuring van het kantoor: ‘%(title)s’")
            % {"title": call.title},
            detail=_("%(office)s, sinds %(date)s.")
            % {"office": call.office.name, "date": day(call.created_at)},
            url=call.get_absolute_url(),
            urgency=Urgency.INFO,
        )
        for call in waiting.order_by("created_at", "pk")[:SHOWN]
    ]


def calls_to_answer(viewer, today=None) -> list[ToDo]:
    """Open calls of the member's offices that none of their businesses answered yet."""
    today = today or timezone.localdate()
    calls = (
        rules.open_calls_for_member(viewer, today)
        .exclude(answers__entrepreneur__in=rules.own_business_ids(viewer))
        .select_related("office", "municipality")
        .order_by("deadline", "pk")
    )
    return [
        ToDo(
            title=_("Oproep van gemeente %(name)s: ‘%(title)s’. Doet u mee?")
            % {"name": call.municipality.name, "title": call.title},
            detail=_("Via %(office)s; reageren kan tot en met %(date)s.")
            % {"office": call.office.name, "date": day(call.deadline)},
            url=call.get_absolute_url(),
            urgency=Urgency.SOON if (call.deadline - today).days <= 7 else Urgency.NORMAL,
        )
        for call in calls[:SHOWN]
    ]


def question_outcomes(viewer) -> list[ToDo]:
    """The member's questions that were answered or declined and not yet read."""
    unseen = rules.outcomes_unseen(viewer).select_related("office")
    return [
        ToDo(
            title=(
                _("De gemeente beantwoordde uw vraag: ‘%(subject)s’")
                if question.status == QuestionStatus.ANSWERED
                else _("Uw vraag is niet doorgestuurd: ‘%(subject)s’")
            )
            % {"subject": question.subject},
            detail=question.office.name,
            url=question.get_absolute_url(),
        )
        for question in unseen.order_by("-created_at", "pk")[:SHOWN]
    ]
