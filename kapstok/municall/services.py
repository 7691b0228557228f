"""Calls from the municipality and questions to it, both through the office.

Calls:
1. `call_create`: a civil servant writes a call to one office (title, text, what is asked, a
   deadline not in the past). It waits for one of the office's leads (`call_approve` /
   `call_reject`), unless POS set the office to approve the municipality by itself
   (`messaging.services.auto_approves`, the same switch as for messages).
2. Once shared, the members get one mail each (members who switched off the municipality's
   messages through this office get none, but still see the call in Kapstok).
3. `answer_create`: a member says "ik doe mee" for their business, with a short reply and
   an explicit choice whether their name and contact details may go to the municipality. One
   answer per business and call (the database says so too); `answer_change` and
   `answer_withdraw` until the deadline; after it, nothing changes.

Questions:
1. `question_ask`: a member asks (subject, text, whether the municipality may see who asks).
2. The lead `question_forward`s it (wording may be sharpened, to one of the office's
   municipalities) or `question_decline`s it with a reason the member reads.
3. The municipality `question_answer`s; the member reads the answer.

User errors are `ValidationError`s with a Dutch message keyed by form field, raised before
anything is stored.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.core.links import absolute_url
from kapstok.messaging.models import OptOut, SenderKind
from kapstok.messaging.services import auto_approves
from kapstok.network.models import Entrepreneur, Membership, Office

from . import rules
from .models import REPLY_MAX, Call, CallAnswer, CallStatus, Question, QuestionStatus


def _today(today=None) -> datetime.date:
    return today or timezone.localdate()


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _send(subject: str, template: str, context: dict, to: list[str], connection=None) -> None:
    """One mail per address, so nobody learns who else received it."""
    if not to:
        return
    body = render_to_string(template, context)
    with connection or get_connection() as mail:
        mail.send_messages([EmailMessage(subject, body, to=[address]) for address in to])


def _lead_emails(office: Office) -> list[str]:
    from kapstok.public.services import office_lead_emails

    return office_lead_emails(office)


# --- calls -----------------------------------------------------------------------------------


def call_check(*, title: str, text: str, ask: str, deadline, today=None) -> dict:
    """The call's fields, cleaned, or a Dutch error per field; nothing is stored here."""
    cleaned = {
        "title": _required(title, "title", _("Geef de oproep een titel.")),
        "text": _required(text, "text", _("Vertel de leden waar de oproep over gaat.")),
        "ask": _required(ask, "ask", _("Schrijf kort wat u van de leden vraagt.")),
    }
    if deadline is None:
        raise ValidationError({"deadline": _("Kies tot wanneer de leden kunnen reageren.")})
    if deadline < _today(today):
        raise ValidationError(
            {"deadline": _("De uiterste datum ligt in het verleden. Kies vandaag of later.")}
        )
    return {**cleaned, "deadline": deadline}


@transaction.atomic
def call_create(
    *,
    office: Office,
    viewer,
    author,
    title: str,
    text: str,
    ask: str,
    deadline,
    municipality=None,
    today=None,
    connection=None,
) -> Call:
    """Store a call from the municipality; share it at once only when POS allowed that."""
    municipalities = rules.call_municipalities(viewer, office)
    if municipality is None:
        municipality = municipalities.first()
    elif not municipalities.filter(pk=municipality.pk).exists():
        municipality = None
    if municipality is None:
        raise ValidationError(_("U kunt dit kantoor geen oproep sturen."))
    fields = call_check(title=title, text=text, ask=ask, deadline=deadline, today=today)
    call = Call.objects.create(office=office, municipality=municipality, author=author, **fields)
    if auto_approves(office):
        return _share(call, actor=None, connection=connection)
    _send(
        _("Goedkeuring gevraagd: oproep van gemeente %(name)s") % {"name": municipality.name},
        "municall/email/call_approval_needed.txt",
        {"call": call, "url": absolute_url(call.get_absolute_url())},
        _lead_emails(office),
        connection,
    )
    return call


def _pending(call: Call) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.PENDING:
        raise ValidationError(_("Over deze oproep is al beslist."))
    return call


def member_addresses(office: Office) -> list[str]:
    """Where the members' mail goes: the business address, else a member account's; none for
    businesses that switched off the municipality's messages through this office."""
    members = set(
        Membership.objects.current().filter(office=office).values_list("entrepreneur_id", flat=True)
    )
    members -= set(
        OptOut.objects.filter(
            office=office, sender_kind=SenderKind.MUNICIPALITY, entrepreneur_id__in=members
        ).values_list("entrepreneur_id", flat=True)
    )
    found = dict(
        Entrepreneur.objects.filter(pk__in=members).exclude(email="").values_list("pk", "email")
    )
    accounts = (
        User.objects.filter(
            is_active=True,
            grants__in=RoleGrant.objects.current(),
            grants__role=Role.MEMBER,
            grants__entrepreneur_id__in=members,
        )
        .order_by("email")
        .values_list("grants__entrepreneur_id", "email")
    )
    for pk, email in accounts:
        found.setdefault(pk, email)
    return sorted(set(found.values()))


def _share(call: Call, *, actor, connection=None) -> Call:
    call.status, call.decided_by, call.decided_at = CallStatus.OPEN, actor, timezone.now()
    call.save(update_fields=["status", "decided_by", "decided_at"])
    addresses = member_addresses(call.office)
    context = {"call": call, "url": absolute_url(call.get_absolute_url())}
    subject = f"[{call.office.name}] " + _("Oproep van gemeente %(name)s: %(title)s") % {
        "name": call.municipality.name,
        "title": call.title,
    }
    transaction.on_commit(
        lambda: _send(subject, "municall/email/call_shared.txt", context, addresses, connection),
        robust=True,
    )
    return call


@transaction.atomic
def call_approve(*, call: Call, actor, connection=None) -> Call:
    """A lead shares the municipality's call with the members."""
    return _share(_pending(call), actor=actor, connection=connection)


@transaction.atomic
def call_reject(*, call: Call, actor, reason: str) -> Call:
    """A lead keeps the call from the members; the municipality reads why."""
    reason = _required(reason, "reason", _("Schrijf de gemeente kort waarom niet."))
    call = _pending(call)
    call.status, call.decided_by, call.decided_at = CallStatus.REJECTED, actor, timezone.now()
    call.rejection_reason = reason[:500]
    call.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])
    return call


def _ensure_answerable(call: Call, today=None) -> None:
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("Op deze oproep kunt u (nog) niet reageren."))
    if not call.is_open_on(_today(today)):
        raise ValidationError(
            _(
                "De termijn van deze oproep is voorbij (tot en met %(date)s); reageren kan niet "
                "meer."
            )
            % {"date": formats.date_format(call.deadline, "j F Y")}
        )


def _reply(reply: str) -> str:
    reply = (reply or "").strip()
    if len(reply) > REPLY_MAX:
        raise ValidationError(
            {"reply": _("Houd uw reactie kort: hoogstens %(max)s tekens.") % {"max": REPLY_MAX}}
        )
    return reply


def _business(viewer, call: Call, entrepreneur) -> Entrepreneur:
    businesses = rules.member_businesses(viewer, call.office)
    if entrepreneur is None:
        entrepreneur = businesses.first()
    elif not businesses.filter(pk=entrepreneur.pk).exists():
        entrepreneur = None
    if entrepreneur is None:
        raise ValidationError(_("Alleen leden van het kantoor kunnen op deze oproep reageren."))
    return entrepreneur


def already_answered_error() -> ValidationError:
    return ValidationError(
        _(
            "U heeft al op deze oproep gereageerd. Uw reactie staat hieronder; die kunt u "
            "wijzigen of intrekken."
        )
    )


@transaction.atomic
def answer_create(
    *,
    call: Call,
    viewer,
    person,
    reply: str,
    shares_contact: bool,
    entrepreneur=None,
    today=None,
) -> CallAnswer:
    """ "Ik doe mee": once per business and call, before the deadline."""
    _ensure_answerable(call, today)
    entrepreneur = _business(viewer, call, entrepreneur)
    reply = _reply(reply)
    if CallAnswer.objects.filter(call=call, entrepreneur=entrepreneur).exists():
        raise already_answered_error()
    try:
        with transaction.atomic():
            return CallAnswer.objects.create(
                call=call,
                entrepreneur=entrepreneur,
                person=person,
                reply=reply,
                shares_contact=bool(shares_contact),
            )
    except IntegrityError as twice:  # two sends at the same moment: the database refuses one
        raise already_answered_error() from twice


def own_answer(viewer, call: Call) -> CallAnswer | None:
    """The answer of (one of) the viewer's businesses to this call."""
    return (
        CallAnswer.objects.filter(
            call=call, entrepreneur__in=rules.member_businesses(viewer, call.office)
        )
        .select_related("entrepreneur")
        .first()
    )


def _own_answer_or_error(viewer, call: Call) -> CallAnswer:
    answer = own_answer(viewer, call)
    if answer is None:
        raise ValidationError(_("U heeft nog niet op deze oproep gereageerd."))
    return answer


@transaction.atomic
def answer_change(
    *, call: Call, viewer, reply: str, shares_contact: bool, today=None
) -> CallAnswer:
    """Change the reply or the opt-in, until the deadline."""
    _ensure_answerable(call, today)
    answer = _own_answer_or_error(viewer, call)
    answer.reply, answer.shares_contact = _reply(reply), bool(shares_contact)
    answer.changed_at = timezone.now()
    answer.save(update_fields=["reply", "shares_contact", "changed_at"])
    return answer


@transaction.atomic
def answer_withdraw(*, call: Call, viewer, today=None) -> None:
    """No longer taking part: the answer is removed (and with it what the municipality saw)."""
    _ensure_answerable(call, today)
    _own_answer_or_error(viewer, call).delete()


# --- questions -------------------------------------------------------------------------------


@transaction.atomic
def question_ask(
    *,
    office: Office,
    viewer,
    asker,
    subject: str,
    text: str,
    shares_identity: bool,
    entrepreneur=None,
    connection=None,
) -> Question:
    """A member asks the municipality something; it goes to the office's lead first."""
    businesses = rules.member_businesses(viewer, office)
    if entrepreneur is None:
        entrepreneur = businesses.first()
    elif not businesses.filter(pk=entrepreneur.pk).exists():
        entrepreneur = None
    if entrepreneur is None:
        raise ValidationError(_("Alleen leden van het kantoor kunnen de gemeente iets vragen."))
    question = Question.objects.create(
        office=office,
        entrepreneur=entrepreneur,
        asker=asker,
        subject=_required(subject, "subject", _("Geef uw vraag een onderwerp.")),
        text=_required(text, "text", _("Schrijf uw vraag.")),
        shares_identity=bool(shares_identity),
    )
    _send(
        _("Een lid heeft een vraag aan de gemeente: %(subject)s") % {"subject": question.subject},
        "municall/email/question_to_route.txt",
        {"question": question, "url": absolute_url(question.get_absolute_url())},
        _lead_emails(office),
        connection,
    )
    return question


def _submitted(question: Question) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status != QuestionStatus.SUBMITTED:
        raise ValidationError(_("Deze vraag is al doorgestuurd of afgewezen."))
    return question


def _civil_servant_emails(municipality) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            grants__in=RoleGrant.objects.current(),
            grants__role=Role.CIVIL_SERVANT,
            grants__municipality=municipality,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@transaction.atomic
def question_forward(
    *, question: Question, actor, subject: str, text: str, municipality, connection=None
) -> Question:
    """The lead sends the question on, in the words they choose, to one of the office's
    municipalities."""
    subject = _required(subject, "subject", _("Geef de vraag een onderwerp."))
    text = _required(text, "text", _("De vraag voor de gemeente mag niet leeg zijn."))
    question = _submitted(question)
    if (
        municipality is None
        or not question.office.municipalities.filter(pk=municipality.pk).exists()
    ):
        raise ValidationError({"municipality": _("Kies een gemeente waarin het kantoor werkt.")})
    question.status, question.municipality = QuestionStatus.FORWARDED, municipality
    question.forwarded_subject, question.forwarded_text = subject, text
    question.routed_by, question.routed_at = actor, timezone.now()
    question.save()
    url = absolute_url(question.get_absolute_url())
    _send(
        _("Vraag van een lid van %(office)s: %(subject)s")
        % {"office": question.office.name, "subject": subject},
        "municall/email/question_forwarded.txt",
        {"question": question, "url": url},
        _civil_servant_emails(municipality),
        connection,
    )
    return question


def _tell_asker(question: Question, connection=None) -> None:
    if question.asker is None or not question.asker.email:
        return
    _send(
        _("Uw vraag aan de gemeente: %(subject)s") % {"subject": question.subject},
        "municall/email/question_outcome.txt",
        {"question": question, "url": absolute_url(question.get_absolute_url())},
        [question.asker.email],
        connection,
    )


@transaction.atomic
def question_decline(*, question: Question, actor, reason: str, connection=None) -> Question:
    """The lead does not send the question on; the member reads why."""
    reason = _required(reason, "reason", _("Schrijf het lid kort waarom niet."))
    question = _submitted(question)
    question.status, question.decline_reason = QuestionStatus.DECLINED, reason[:500]
    question.routed_by, question.routed_at = actor, timezone.now()
    question.save()
    _tell_asker(question, connection)
    return question


@transaction.atomic
def question_answer(*, question: Question, actor, answer: str, connection=None) -> Question:
    """The municipality answers in the portal; the member is told by mail."""
    answer = _required(answer, "answer", _("Schrijf uw antwoord."))
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status != QuestionStatus.FORWARDED:
        raise ValidationError(_("Deze vraag is al beantwoord."))
    question.status, question.answer = QuestionStatus.ANSWERED, answer
    question.answered_by, question.answered_at = actor, timezone.now()
    question.save()
    _tell_asker(question, connection)
    return question


def question_mark_seen(*, question: Question) -> None:
    """The asker opened the outcome: it leaves their to-do list."""
    Question.objects.filter(
        pk=question.pk,
        status__in=[QuestionStatus.ANSWERED, QuestionStatus.DECLINED],
        outcome_seen_at__isnull=True,
    ).update(outcome_seen_at=timezone.now())
