"""What happens to a support request: filing, the conversation, status, assignment, merging.

Every function is keyword-only and atomic; views call exactly one of them. Errors meant for the
user are `ValidationError`s with a Dutch message.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.accounts.models import Role
from kapstok.core.links import absolute_url
from kapstok.core.uploads import EXTENSIONS, check_upload

from . import rules
from .models import OPEN_STATUSES, Attachment, Message, Pause, Status, SupportRequest
from .selectors import (
    OPEN_UNCLOCKED,
    UNCLOCKED,
    pauses_by_request,
    running_clock_positions,
    stopped_clock_days,
)

logger = logging.getLogger(__name__)

# Legal moves of the status; "gesloten" is final (a new question is a new request).
TRANSITIONS = {
    Status.NEW: {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.IN_PROGRESS: {Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.WAITING: {Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED},
    Status.RESOLVED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.CLOSED: set(),
}


def _attach(*, request: SupportRequest, files, actor, message=None) -> None:
    for upload in files:
        content_type = check_upload(upload)
        stem = (upload.name.rsplit(".", 1)[0] or "bijlage")[:80]
        upload.name = f"{stem}.{EXTENSIONS[content_type]}"
        Attachment.objects.create(
            request=request,
            message=message,
            file=upload,
            name=upload.name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )


@transaction.atomic
def request_file(*, request: SupportRequest, files=(), actor) -> SupportRequest:
    """Save a new request of an office, with its attachments, and tell POS."""
    if not request.description.strip():
        raise ValidationError({"description": _("Beschrijf uw vraag.")})
    request.created_by = actor
    request.status = Status.NEW
    request.clock_base, request.clock_frozen = running_clock_positions(
        [(None, request.created_at)], {}
    )[None]
    request.save()
    _attach(request=request, files=files, actor=actor)
    transaction.on_commit(lambda: _notify_handlers(request, _("Nieuwe ondersteuningsvraag")))
    return request


@transaction.atomic
def message_post(
    *, request: SupportRequest, author, body: str, handler: bool, internal: bool = False, files=()
) -> Message:
    """Add to the conversation. A handler's first public answer stops the first-response clock;
    the office answering while POS waits for it restarts the clock."""
    if request.status == Status.CLOSED or request.merged_into_id:
        raise ValidationError(
            _("Deze vraag is gesloten; u kunt niet meer reageren. Stel zo nodig een nieuwe vraag.")
        )
    if not body.strip():
        raise ValidationError({"body": _("Schrijf een bericht.")})
    internal = internal and handler
    message = Message.objects.create(
        request=request, author=author, body=body.strip(), internal=internal, from_handler=handler
    )
    _attach(request=request, files=files, actor=author, message=message)
    if handler and not internal:
        _first_response(request)
    elif not handler and request.status == Status.WAITING:
        _move(request, Status.IN_PROGRESS)
    if not internal:
        transaction.on_commit(lambda: _notify_other_side(request, message))
    return message


CLOCK_FIELDS = ["response_days", "resolution_days", "clock_base", "clock_frozen"]


def clock_days_store(requests) -> int:
    """Store the stopped clocks (`response_days`, `resolution_days`) and the running one
    (`clock_base`, `clock_frozen`) of these requests (a queryset), from their dates and
    pauses; returns how many were stored.

    The services below call it for every change of a first response, a resolution or a
    pause; the report calls it for rows written around them (bulk loads, the admin, fixtures)
    whose clock stopped but was never stored. Three queries for any number of requests.
    """
    rows = list(requests.values_list("pk", "created_at", "first_response_at", "resolved_at"))
    if not rows:
        return 0
    zone = timezone.get_current_timezone()
    pauses = pauses_by_request(Pause.objects.filter(request__in=[row[0] for row in rows]), zone)
    days = stopped_clock_days(rows, pauses)
    positions = running_clock_positions([row[:2] for row in rows], pauses)
    stored = [
        SupportRequest(
            pk=pk,
            response_days=response,
            resolution_days=resolution,
            clock_base=positions[pk][0],
            clock_frozen=positions[pk][1],
        )
        for pk, (response, resolution) in days.items()
    ]
    SupportRequest.objects.bulk_update(stored, CLOCK_FIELDS, batch_size=500)
    return len(stored)


def _clock_days_set(request: SupportRequest) -> list[str]:
    """Set the request's stopped clocks from its dates and pauses (before its save)."""
    zone = timezone.get_current_timezone()
    row = (request.pk, request.created_at, request.first_response_at, request.resolved_at)
    pauses = pauses_by_request(request.pauses.all(), zone)
    request.response_days, request.resolution_days = stopped_clock_days([row], pauses)[request.pk]
    request.clock_base, request.clock_frozen = running_clock_positions([row[:2]], pauses)[
        request.pk
    ]
    return CLOCK_FIELDS


def clocks_complete() -> int:
    """Store the clocks of the requests written around the services (bulk loads, fixtures)
    that the queue's late filter would miss: open ones without a running clock, and ones
    whose clock stopped without being stored. One query of two empty index lookups when
    there are none (a union: with OR, PostgreSQL reads the whole table instead)."""
    running = SupportRequest.objects.filter(OPEN_UNCLOCKED).order_by().values_list("pk", flat=True)
    stopped = SupportRequest.objects.filter(UNCLOCKED).order_by().values_list("pk", flat=True)
    unclocked = list(running.union(stopped))
    if not unclocked:
        return 0
    return clock_days_store(SupportRequest.objects.filter(pk__in=unclocked))


def _first_response(request: SupportRequest) -> None:
    changed = []
    if request.first_response_at is None:
        request.first_response_at = timezone.now()
        changed += ["first_response_at", *_clock_days_set(request)]
    if request.status == Status.NEW:
        request.status = Status.IN_PROGRESS
        changed.append("status")
    if changed:
        request.save(update_fields=changed)


def _move(request: SupportRequest, status: str) -> None:
    """Change status and keep pauses and the resolution time in step with it."""
    now = timezone.now()
    if request.status == Status.WAITING:
        request.pauses.filter(ended_at__isnull=True).update(ended_at=now)
    if status == Status.WAITING:
        Pause.objects.create(request=request, started_at=now)
    if status == Status.RESOLVED:
        request.resolved_at = now
    elif status in OPEN_STATUSES:
        request.resolved_at = None
    request.status = status
    request.save(update_fields=["status", "resolved_at", *_clock_days_set(request)])


@transaction.atomic
def request_set_status(*, request: SupportRequest, status: str, actor) -> SupportRequest:
    """Move to a new status if the move is legal."""
    if status == request.status:
        return request
    if status not in TRANSITIONS[request.status]:
        raise ValidationError(
            _("Van “%(old)s” kan een vraag niet naar “%(new)s”."),
            params={"old": request.get_status_display(), "new": Status(status).label},
        )
    _move(request, status)
    if status == Status.RESOLVED:
        transaction.on_commit(lambda: _notify_office(request, _("Uw vraag is opgelost")))
    return request


@transaction.atomic
def request_handle(
    *, request: SupportRequest, status: str, assignee, partner, offer, no_offer: bool, actor
) -> SupportRequest:
    """The handler's form: assignment, offer or "geen aanbod", then the status move.

    Only a handler of the request (`rules.can_handle_support`) changes it, and it goes only
    to a partner assigned to the request's office (`rules.support_partners_for`), whoever
    hands it on: the request's internal notes and attachments go with it.
    """
    if not rules.can_handle_support(access.viewer_for(actor), request):
        raise PermissionDenied(_("Alleen de behandelaar van deze vraag wijzigt haar."))
    if (
        partner is not None
        and not rules.support_partners_for(request).filter(pk=partner.pk).exists()
    ):
        raise ValidationError({"partner": _("Kies een partner die voor dit kantoor werkt.")})
    if offer is not None and no_offer:
        raise ValidationError(_("Kies een aanbod óf “geen aanbod”, niet allebei."))
    newly_assigned = assignee is not None and assignee.pk != request.assignee_id
    new_partner = partner is not None and partner.pk != request.partner_id
    request.assignee, request.partner = assignee, partner
    request.offer, request.no_offer = offer, no_offer
    request.save(update_fields=["assignee", "partner", "offer", "no_offer"])
    request_set_status(request=request, status=status, actor=actor)
    if newly_assigned and assignee != actor:
        transaction.on_commit(lambda: _mail([assignee.email], _("Vraag aan u toegewezen"), request))
    if new_partner and assignee is None:
        subject = _("Vraag aan u toegewezen")
        transaction.on_commit(lambda: _mail(_handler_emails(request), subject, request))
    return request


@transaction.atomic
def request_merge(*, request: SupportRequest, into: SupportRequest, actor) -> SupportRequest:
    """Close a duplicate and point it at the request that carries on; messages move along."""
    if into.pk == request.pk or into.merged_into_id or into.office_id != request.office_id:
        raise ValidationError(
            _("Een vraag kan alleen samengaan met een andere vraag van hetzelfde kantoor.")
        )
    Message.objects.create(
        request=into,
        author=actor,
        body=_("Vraag #%(pk)s is hiermee samengevoegd:\n\n%(text)s")
        % {"pk": request.pk, "text": request.description},
        internal=False,
        from_handler=True,
    )
    request.attachments.update(request=into)
    request.merged_into = into
    request.save(update_fields=["merged_into"])
    if request.status != Status.CLOSED:
        _move(request, Status.CLOSED)
    return into


@transaction.atomic
def request_rate(*, request: SupportRequest, rating: int) -> SupportRequest:
    """Satisfaction 1–5, asked once the request is resolved."""
    if request.status not in (Status.RESOLVED, Status.CLOSED) or request.resolved_at is None:
        raise ValidationError(_("U kunt een vraag beoordelen zodra hij is opgelost."))
    if not 1 <= rating <= 5:
        raise ValidationError(_("Kies een cijfer van 1 tot en met 5."))
    request.rating = rating
    request.save(update_fields=["rating"])
    return request


# --- notifications -------------------------------------------------------------------------


def _handler_emails(request: SupportRequest) -> list[str]:
    """The assignee; else the partner's staff; else every POS staff member."""
    from kapstok.accounts.models import RoleGrant, User

    if request.assignee_id:
        return [request.assignee.email]
    current = RoleGrant.objects.current()
    if request.partner_id:
        users = User.objects.filter(grants__in=current, grants__partner_id=request.partner_id)
    else:
        users = User.objects.filter(grants__in=current, grants__role=Role.POS_STAFF)
    return list(users.filter(is_active=True).values_list("email", flat=True).distinct())


def _notify_handlers(request: SupportRequest, subject: str) -> None:
    _mail(_handler_emails(request), subject, request)


def _notify_office(request: SupportRequest, subject: str) -> None:
    if request.created_by_id:
        _mail([request.created_by.email], subject, request)


def _notify_other_side(request: SupportRequest, message: Message) -> None:
    subject = _("Nieuw bericht bij vraag #%(pk)s") % {"pk": request.pk}
    if message.from_handler:
        _notify_office(request, subject)
    else:
        _notify_handlers(request, subject)


def _mail(recipients: list[str], subject: str, request: SupportRequest) -> None:

    recipients = [r for r in recipients if r]
    if not recipients:
        return
    link = absolute_url(request.get_absolute_url())
    body = _(
        "%(subject)s: %(office)s, %(category)s.\n\nBekijk en beantwoord de vraag: %(link)s"
    ) % {
        "subject": subject,
        "office": request.office.name,
        "category": request.category.name,
        "link": link,
    }
    send_mail(f"[Kapstok] {subject}", body, None, recipients)


def sla_warnings_send(*, today=None) -> int:
    """Mail each assignee a digest of their requests due soon or past a target; the count of
    mails sent. Runs daily (scheduler job `support_sla_warnings`): a warning the day before and
    on the due day, then daily while the request is late. Unassigned requests go to POS staff."""
    from collections import defaultdict

    from .selectors import clocks

    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES).select_related(
        "category", "office", "assignee"
    )
    digests = defaultdict(list)
    for clock in clocks(open_requests, today=today):
        if clock.state == "ok":
            continue
        for email in _handler_emails(clock.request):
            digests[email].append(clock)
    for email, rows in digests.items():
        lines = [_warning_line(clock) for clock in rows]
        send_mail(
            _("[Kapstok] Ondersteuningsvragen die (bijna) te laat zijn"),
            "\n".join(lines),
            None,
            [email],
        )
    return len(digests)


def _warning_line(clock) -> str:

    request = clock.request
    state = _("te laat") if clock.state == "breached" else _("bijna te laat")
    return _("#%(pk)s %(office)s (%(category)s): %(state)s — %(url)s") % {
        "pk": request.pk,
        "office": request.office.name,
        "category": request.category.name,
        "state": state,
        "url": absolute_url(request.get_absolute_url()),
    }


# --- pointing the office to practices and knowledge -------------------------------------------


@transaction.atomic
def request_link(*, request: SupportRequest, practice=None, article=None, actor) -> SupportRequest:
    """Link a practice (from the peers library) or a knowledge article to a request.

    The office sees the links with the conversation; linking is not an answer, so the
    first-response clock keeps running. Only published articles can be linked, and a closed
    or merged request no longer changes.
    """
    if request.status == Status.CLOSED or request.merged_into_id:
        raise ValidationError(_("Deze vraag is gesloten; er kan niets meer aan gekoppeld worden."))
    if article is not None and not article.published:
        raise ValidationError(_("Dit kennisartikel is nog niet gepubliceerd."))
    if practice is not None:
        request.practices.add(practice)
    if article is not None:
        request.articles.add(article)
    return request


@transaction.atomic
def request_unlink(*, request: SupportRequest, practice=None, article=None, actor) -> None:
    if practice is not None:
        request.practices.remove(practice)
    if article is not None:
        request.articles.remove(article)


def knowledge_article_save(*, article, actor):
    """Save an article; it needs a web address or a text of its own to point the office to."""
    if not article.url and not article.body.strip():
        raise ValidationError({"url": _("Vul een webadres of een tekst in.")})
    article.save()
    return article
