"""Who sees, writes, decides and answers calls and questions: the rules beside their data.

Built on `kapstok.accounts.access` (the `Viewer`) the same way as brokered messages:
- a call: written by a civil servant of one of the office's municipalities; decided by the
  office's own leads; read by POS, the office's leads, the municipality that wrote it and,
  once shared, the office's members, who answer for their own business;
- who answered: POS and the office's leads see every answer; the municipality a count, and
  names and contact details only of those who opted in; a member only their own answer;
- a question: asked by a member for their own business; routed by the office's leads; the
  municipality reads it only once forwarded to it, and the asker's identity only with opt-in.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kapstok.accounts.access import Viewer

from .models import Call, CallStatus, Question, QuestionStatus


def _leads_or_pos(viewer: Viewer, office_id: int) -> bool:
    return viewer.is_national or office_id in viewer.lead_office_ids


def _speaks_for(viewer: Viewer, office_id: int, municipality_id) -> bool:
    """A civil servant of this municipality, which works with this office."""
    return (
        municipality_id in viewer.municipality_ids and office_id in viewer.municipality_office_ids
    )


def member_businesses(viewer: Viewer, office) -> QuerySet:
    """The viewer's businesses that are current members of the office (answer or ask for)."""
    from kapstok.network.models import Entrepreneur, Membership

    members = Membership.objects.current().filter(
        office=office, entrepreneur_id__in=viewer.entrepreneur_ids
    )
    return Entrepreneur.objects.filter(pk__in=members.values("entrepreneur_id")).order_by(
        "business_name", "pk"
    )


def own_business_ids(viewer: Viewer) -> frozenset[int]:
    """The businesses the viewer answers for (their member grants)."""
    return viewer.entrepreneur_ids


def is_member_of(viewer: Viewer, office) -> bool:
    return office.pk in viewer.member_office_ids and bool(viewer.entrepreneur_ids)


# --- calls -----------------------------------------------------------------------------------


def can_view_calls(viewer: Viewer, office) -> bool:
    """The office's list of calls: POS, its leads, its members, its municipalities' contacts."""
    return viewer.is_national or office.pk in (
        viewer.lead_office_ids | viewer.member_office_ids | viewer.municipality_office_ids
    )


def can_write_call(viewer: Viewer, office) -> bool:
    """Only the municipality calls on the members; POS and the lead have messages for that."""
    return office.pk in viewer.municipality_office_ids


def call_municipalities(viewer: Viewer, office) -> QuerySet:
    """The office's municipalities the viewer may write a call for."""
    return office.municipalities.filter(pk__in=viewer.municipality_ids).order_by("name")


def calls_visible_to(viewer: Viewer, office) -> QuerySet:
    """Every call for POS and the leads; the municipality its own; members the shared ones."""
    calls = office.calls.select_related("municipality", "author", "decided_by")
    if _leads_or_pos(viewer, office.pk):
        return calls
    scope = Q(pk__in=[])
    if office.pk in viewer.municipality_office_ids:
        scope |= Q(municipality_id__in=viewer.municipality_ids)
    if office.pk in viewer.member_office_ids:
        scope |= Q(status=CallStatus.OPEN)
    return calls.filter(scope)


def can_view_call(viewer: Viewer, call: Call) -> bool:
    if _leads_or_pos(viewer, call.office_id):
        return True
    if _speaks_for(viewer, call.office_id, call.municipality_id):
        return True
    return call.status == CallStatus.OPEN and call.office_id in viewer.member_office_ids


def can_decide_call(viewer: Viewer, call: Call) -> bool:
    """Only the office's own leads let the municipality call on their members."""
    return call.office_id in viewer.lead_office_ids


def can_answer_call(viewer: Viewer, call: Call) -> bool:
    """A member of the office, for a shared call (the deadline is the service's to check)."""
    return call.status == CallStatus.OPEN and is_member_of(viewer, call.office)


def sees_all_answers(viewer: Viewer, call: Call) -> bool:
    """POS and the office's leads see every answer with its details."""
    return _leads_or_pos(viewer, call.office_id)


def sees_opted_in_answers(viewer: Viewer, call: Call) -> bool:
    """The municipality that wrote the call: the details of those who opted in, no others."""
    return sees_all_answers(viewer, call) or _speaks_for(
        viewer, call.office_id, call.municipality_id
    )


def calls_to_decide(viewer: Viewer) -> QuerySet:
    return Call.objects.filter(office_id__in=viewer.lead_office_ids, status=CallStatus.PENDING)


def own_calls_waiting(viewer: Viewer) -> QuerySet:
    return Call.objects.filter(
        municipality_id__in=viewer.municipality_ids,
        office_id__in=viewer.municipality_office_ids,
        status=CallStatus.PENDING,
    )


def open_calls_for_member(viewer: Viewer, today) -> QuerySet:
    """Shared calls of the viewer's offices still open on `today`."""
    return Call.objects.filter(
        office_id__in=viewer.member_office_ids, status=CallStatus.OPEN, deadline__gte=today
    )


# --- questions -------------------------------------------------------------------------------


def can_view_questions(viewer: Viewer, office) -> bool:
    """The office's questions to the municipality: the same people as its calls."""
    return can_view_calls(viewer, office)


def can_ask_question(viewer: Viewer, office) -> bool:
    return is_member_of(viewer, office)


def questions_visible_to(viewer: Viewer, office) -> QuerySet:
    """All for POS and leads; a member their own businesses'; the municipality those forwarded
    to it."""
    questions = office.municipality_questions.select_related(
        "entrepreneur", "asker", "municipality"
    )
    if _leads_or_pos(viewer, office.pk):
        return questions
    scope = Q(pk__in=[])
    if office.pk in viewer.member_office_ids:
        scope |= Q(entrepreneur_id__in=viewer.entrepreneur_ids)
    if office.pk in viewer.municipality_office_ids:
        scope |= Q(
            municipality_id__in=viewer.municipality_ids,
            status__in=[QuestionStatus.FORWARDED, QuestionStatus.ANSWERED],
        )
    return questions.filter(scope)


def asked_by_viewer(viewer: Viewer, question: Question) -> bool:
    return question.entrepreneur_id in viewer.entrepreneur_ids


def is_addressee(viewer: Viewer, question: Question) -> bool:
    """A civil servant of the municipality the question was forwarded to."""
    return question.status in (
        QuestionStatus.FORWARDED,
        QuestionStatus.ANSWERED,
    ) and _speaks_for(viewer, question.office_id, question.municipality_id)


def reads_forwarded_wording(viewer: Viewer, question: Question) -> bool:
    """The municipality reads the question as the lead forwarded it, never the member's own
    words (which may name them); the office's side and the asker read both."""
    return is_addressee(viewer, question) and not (
        _leads_or_pos(viewer, question.office_id) or asked_by_viewer(viewer, question)
    )


def can_view_question(viewer: Viewer, question: Question) -> bool:
    return (
        _leads_or_pos(viewer, question.office_id)
        or asked_by_viewer(viewer, question)
        or is_addressee(viewer, question)
    )


def sees_asker(viewer: Viewer, question: Question) -> bool:
    """Who asked: the asker, POS and the leads; the municipality only with the member's yes."""
    if _leads_or_pos(viewer, question.office_id) or asked_by_viewer(viewer, question):
        return True
    return question.shares_identity and is_addressee(viewer, question)


def can_route_question(viewer: Viewer, question: Question) -> bool:
    """Forward or decline: the office's own leads."""
    return question.office_id in viewer.lead_office_ids


def can_answer_question(viewer: Viewer, question: Question) -> bool:
    return question.status == QuestionStatus.FORWARDED and is_addressee(viewer, question)


def questions_to_route(viewer: Viewer) -> QuerySet:
    return Question.objects.filter(
        office_id__in=viewer.lead_office_ids, status=QuestionStatus.SUBMITTED
    )


def questions_to_answer(viewer: Viewer) -> QuerySet:
    return Question.objects.filter(
        municipality_id__in=viewer.municipality_ids,
        office_id__in=viewer.municipality_office_ids,
        status=QuestionStatus.FORWARDED,
    )


def outcomes_unseen(viewer: Viewer) -> QuerySet:
    """The viewer's questions that were answered or declined since they last looked."""
    return Question.objects.filter(
        entrepreneur_id__in=viewer.entrepreneur_ids,
        office_id__in=viewer.member_office_ids,
        status__in=[QuestionStatus.ANSWERED, QuestionStatus.DECLINED],
        outcome_seen_at__isnull=True,
    )
