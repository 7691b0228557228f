"""GET /offices/{slug}/calls and /offices/{slug}/questions: the municipality's calls to an
office's members and the members' questions to the municipality.

The same rules as the pages (`kapstok.municall.rules`): POS and the office's leads see every
call with every answer; the municipality its own calls, with a count of the answers and the
name and contact details only of the members who opted in; members the calls shared with them
and their own answer's existence. Questions: the asker's identity only for POS, the leads, the
asker, and the municipality when the member opted in; the municipality reads the wording the
lead forwarded.
"""

import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.municall import rules, selectors
from kapstok.network.models import Office

from .schemas import ErrorOut

router = Router(tags=["Oproepen en vragen met de gemeente"])


class AnswerOut(Schema):
    name: str
    business: str
    email: str
    phone: str
    reply: str
    shares_contact: bool
    answered_at: datetime.datetime


class CallOut(Schema):
    id: int
    municipality: str
    title: str
    text: str
    ask: str
    deadline: datetime.date
    status: str
    is_open: bool
    answer_count: int
    opted_in_count: int | None
    answers: list[AnswerOut]
    joined: bool


class AskerOut(Schema):
    name: str
    business: str
    email: str
    phone: str


class QuestionOut(Schema):
    id: int
    subject: str
    text: str
    status: str
    created_at: datetime.datetime
    municipality: str | None
    asker: AskerOut | None
    decline_reason: str
    answer: str
    answered_at: datetime.datetime | None


def _office(slug: str) -> Office:
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    return office


@router.get(
    "/{slug}/calls",
    response={200: list[CallOut], 403: ErrorOut, 404: ErrorOut},
    operation_id="office_calls",
    summary="Oproepen van de gemeente aan de leden van een POS-kantoor",
    description=(
        "De oproepen met het aantal leden dat meedoet. POS en de kartrekkers zien alle "
        "reacties; de gemeente naam en contactgegevens alleen van leden die dat goedvonden; "
        "leden alleen de gedeelde oproepen."
    ),
)
def office_calls(request, slug: str):
    viewer = access.viewer_for(request.user)
    office = _office(slug)
    if not rules.can_view_calls(viewer, office):
        raise HttpError(403, _("U mag de oproepen van dit kantoor niet zien."))
    out = []
    for row in selectors.call_rows(viewer, office):
        call = row["call"]
        answers = selectors.answers_for(viewer, call)
        out.append(
            {
                "id": call.pk,
                "municipality": call.municipality.name,
                "title": call.title,
                "text": call.text,
                "ask": call.ask,
                "deadline": call.deadline,
                "status": call.status,
                "is_open": row["open"],
                "answer_count": answers["count"],
                "opted_in_count": answers["opted_in"]
                if rules.sees_opted_in_answers(viewer, call)
                else None,
                "answers": answers["shown"],
                "joined": row["joined"],
            }
        )
    return out


@router.get(
    "/{slug}/questions",
    response={200: list[QuestionOut], 403: ErrorOut, 404: ErrorOut},
    operation_id="office_questions",
    summary="Vragen van leden aan de gemeente via een POS-kantoor",
    description=(
        "POS en de kartrekkers zien alle vragen, een lid zijn eigen, de gemeente de vragen die "
        "het kantoor aan haar doorstuurde (in de woorden van het kantoor). Wie de vraag stelde "
        "ziet de gemeente alleen als het lid dat goedvond."
    ),
)
def office_questions(request, slug: str):
    viewer = access.viewer_for(request.user)
    office = _office(slug)
    if not rules.can_view_questions(viewer, office):
        raise HttpError(403, _("U mag de vragen van dit kantoor niet zien."))
    out = []
    for question in selectors.question_rows(viewer, office):
        addressee_only = rules.reads_forwarded_wording(viewer, question)
        out.append(
            {
                "id": question.pk,
                "subject": question.forwarded_subject if addressee_only else question.subject,
                "text": question.forwarded_text if addressee_only else question.text,
                "status": question.status,
                "created_at": question.created_at,
                "municipality": question.municipality.name if question.municipality else None,
                "asker": selectors.asker_of(viewer, question),
                "decline_reason": "" if addressee_only else question.decline_reason,
                "answer": question.answer,
                "answered_at": question.answered_at,
            }
        )
    return out
