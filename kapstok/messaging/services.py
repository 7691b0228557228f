"""Writing, approving and delivering messages through an office.

The flow:
1. `message_compose` checks the selection (not empty), the rate limit per sender and office and
   the attachments, and stores the message. A message of the lead or POS is sent at once; one of
   the municipality waits for a lead (`message_approve` / `message_reject`), unless POS set the
   office to approve municipality messages by itself (`auto_approve_set`).
2. `message_send` makes one `Delivery` per member in the selection: opted out, sent by email
   (with a signed unsubscribe link, `unsubscribe_token`) or in Kapstok only when there is no
   address. Mail goes through the outbox (`kapstok.trust.mail`); a mail the server refused is
   recorded as not delivered (`deliveries_sync_outbox` turns it back to sent when a retry works).
3. `unsubscribe` (from the link, no login) and `opt_out_set` (from the preferences page) keep
   the per-sender opt-outs.

The sender learns counts only: nowhere does a service return addresses to a view that the
sender may open. User errors are `ValidationError`s with a Dutch message keyed by form field.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.core.links import absolute_url
from kapstok.core.uploads import EXTENSIONS, check_upload
from kapstok.network.models import EventKind, Membership, Office
from kapstok.network.services import office_event_record
from kapstok.trust.models import OutboxMessage

from . import rules
from .models import (
    Delivery,
    DeliveryStatus,
    MessageAttachment,
    MessageStatus,
    OfficeMessage,
    OfficeMessaging,
    OptOut,
    SenderKind,
)

UNSUBSCRIBE_SALT = "kapstok.messaging.unsubscribe"
DELIVERY_HEADER = "X-Kapstok-Delivery"
RATE_WINDOW = datetime.timedelta(days=7)
# At most this many messages per sender and office in seven days (setting
# KAPSTOK_MESSAGES_PER_WEEK): members hear from their office, not a stream of notices.
DEFAULT_MESSAGES_PER_WEEK = 3


def messages_per_week() -> int:
    return getattr(settings, "KAPSTOK_MESSAGES_PER_WEEK", DEFAULT_MESSAGES_PER_WEEK)


# --- who the sender is -------------------------------------------------------------------------


def sender_for(*, viewer, office: Office) -> tuple[str, object, str]:
    """(sender kind, municipality or None, label) for a viewer writing to this office.

    The lead writes as the office, POS staff as POS, a civil servant as their municipality:
    the role closest to the office wins for someone who has several.
    """
    kind = rules.sender_kind_for(viewer, office)
    if kind is None:
        raise ValidationError(_("U kunt dit kantoor geen bericht sturen."))
    if kind == SenderKind.OFFICE:
        return SenderKind.OFFICE, None, office.name
    if kind == SenderKind.POS:
        return SenderKind.POS, None, "POS"
    municipality = rules.sender_municipalities(viewer, office).order_by("name").first()
    if municipality is None:
        raise ValidationError(_("U kunt dit kantoor geen bericht sturen."))
    return SenderKind.MUNICIPALITY, municipality, _("Gemeente %(name)s") % {"name": municipality}


def _same_sender(office: Office, sender_kind: str, municipality) -> Q:
    scope = Q(office=office, sender_kind=sender_kind)
    if municipality is not None:
        scope &= Q(municipality=municipality)
    return scope


def rate_limit_check(*, office: Office, sender_kind: str, municipality, now=None) -> None:
    """Refuse a message over the limit per sender and office in the last seven days.

    Rejected messages do not count: the lead said no, so nothing reached the members.
    """
    now = now or timezone.now()
    recent = list(
        OfficeMessage.objects.filter(_same_sender(office, sender_kind, municipality))
        .filter(created_at__gt=now - RATE_WINDOW)
        .exclude(status=MessageStatus.REJECTED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    limit = messages_per_week()
    if len(recent) < limit:
        return
    again = recent[len(recent) - limit] + RATE_WINDOW
    raise ValidationError(
        _(
            "U heeft dit kantoor in de afgelopen 7 dagen al %(count)s berichten gestuurd; meer "
            "mag niet. U kunt weer een bericht sturen vanaf %(date)s. Uw tekst is bewaard."
        )
        % {
            "count": len(recent),
            "date": formats.date_format(timezone.localtime(again), "j F Y H:i"),
        }
    )


# --- recipients ------------------------------------------------------------------------------


def recipients(office: Office, branches=()) -> list[int]:
    """Entrepreneur ids of the current members, in the chosen branches (all when none)."""
    members = Membership.objects.current().filter(office=office)
    if branches:
        members = members.filter(entrepreneur__branches__in=list(branches))
    return sorted(set(members.values_list("entrepreneur_id", flat=True)))


def _empty_selection_error() -> ValidationError:
    return ValidationError(
        {
            "branches": _(
                "Er zijn geen leden in deze selectie. Kies andere takken van sport, of geen, om "
                "alle leden te bereiken."
            )
        }
    )


# --- composing and approving ------------------------------------------------------------------


def _attach(message: OfficeMessage, files) -> None:
    for upload in files:
        content_type = check_upload(upload)
        stem = (upload.name.rsplit(".", 1)[0] or "bijlage")[:80]
        upload.name = f"{stem}.{EXTENSIONS[content_type]}"
        MessageAttachment.objects.create(
            message=message,
            file=upload,
            name=upload.name,
            content_type=content_type,
            size=upload.size,
        )


def auto_approves(office: Office) -> bool:
    return OfficeMessaging.objects.filter(office=office, auto_approve_municipality=True).exists()


@transaction.atomic
def message_compose(
    *,
    office: Office,
    viewer,
    author,
    subject: str,
    body: str,
    branches=(),
    files=(),
    now=None,
    connection=None,
) -> OfficeMessage:
    """Store a message; send it now unless it must wait for a lead's approval.

    `connection` is the mail connection to use (the demo passes a dummy one)."""
    sender_kind, municipality, label = sender_for(viewer=viewer, office=office)
    # One writer per office at a time, so two quick posts cannot both slip under the limit.
    Office.objects.select_for_update().filter(pk=office.pk).first()
    if not recipients(office, branches):
        if not branches:
            raise ValidationError(
                _("Dit kantoor heeft nog geen leden: er is niemand om het bericht aan te sturen.")
            )
        raise _empty_selection_error()
    rate_limit_check(office=office, sender_kind=sender_kind, municipality=municipality, now=now)
    for upload in files:
        check_upload(upload)  # before anything is stored: a refused file stores nothing
    message = OfficeMessage.objects.create(
        office=office,
        sender_kind=sender_kind,
        municipality=municipality,
        author=author,
        sender_label=label,
        subject=subject.strip(),
        body=body.strip(),
        created_at=now or timezone.now(),
    )
    message.branches.set(branches)
    _attach(message, files)
    if sender_kind != SenderKind.MUNICIPALITY:
        return message_send(message=message, actor=author, connection=connection)
    if auto_approves(office):
        _decide(message, actor=None, status=MessageStatus.SENT)
        return message_send(message=message, actor=author, connection=connection)
    # Without the subject: the timeline is read by members, and nothing of the message reaches
    # them before the lead says yes.
    _timeline(message, _("Een bericht van %(sender)s wacht op goedkeuring."), actor=author)
    _tell_leads(message, connection)
    return message


def _timeline(message: OfficeMessage, text: str, *, actor) -> None:
    office_event_record(
        office=message.office,
        kind=EventKind.MESSAGE,
        summary=text % {"sender": message.sender_label, "subject": message.subject},
        actor=actor,
        url=message.get_absolute_url(),
    )


def _tell_leads(message: OfficeMessage, connection=None) -> None:
    """Mail the office's leads that a municipality message waits for them."""
    from kapstok.public.services import office_lead_emails

    to = office_lead_emails(message.office)
    if not to:
        return
    body = render_to_string(
        "messaging/email/approval_needed.txt",
        {"message": message, "url": absolute_url(message.get_absolute_url())},
    )
    subject = _("Goedkeuring gevraagd: bericht van %(sender)s") % {"sender": message.sender_label}
    EmailMessage(subject, body, to=to, connection=connection).send()


def _ensure_pending(message: OfficeMessage) -> None:
    if message.status != MessageStatus.PENDING:
        raise ValidationError(_("Over dit bericht is al beslist."))


def _decide(message: OfficeMessage, *, actor, status: str, reason: str = "") -> None:
    message.status = status
    message.decided_by = actor
    message.decided_at = timezone.now()
    message.rejection_reason = reason
    message.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])


@transaction.atomic
def message_approve(*, message: OfficeMessage, actor, connection=None) -> OfficeMessage:
    """A lead lets the municipality's message through; it goes out at once."""
    message = OfficeMessage.objects.select_for_update().get(pk=message.pk)
    _ensure_pending(message)
    _decide(message, actor=actor, status=MessageStatus.SENT)
    _timeline(message, _("Bericht van %(sender)s goedgekeurd: %(subject)s"), actor=actor)
    return message_send(message=message, actor=actor, connection=connection)


@transaction.atomic
def message_reject(*, message: OfficeMessage, actor, reason: str) -> OfficeMessage:
    """A lead stops the municipality's message; the reason is shown to the municipality."""
    message = OfficeMessage.objects.select_for_update().get(pk=message.pk)
    _ensure_pending(message)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf de gemeente kort waarom niet.")})
    _decide(message, actor=actor, status=MessageStatus.REJECTED, reason=reason.strip())
    _timeline(message, _("Een bericht van %(sender)s is afgewezen."), actor=actor)
    return message


# --- sending ---------------------------------------------------------------------------------


def unsubscribe_token(delivery: Delivery) -> str:
    return signing.dumps({"d": delivery.pk}, salt=UNSUBSCRIBE_SALT)


def delivery_from_token(token: str) -> Delivery | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return (
        Delivery.objects.select_related("message__office", "entrepreneur")
        .filter(pk=data.get("d"), entrepreneur__isnull=False)
        .first()
    )


def unsubscribe_url(delivery: Delivery) -> str:
    path = reverse("messaging:unsubscribe", args=[unsubscribe_token(delivery)])
    return absolute_url(path)


def _addresses(entrepreneurs: list[int]) -> dict[int, str]:
    """Where each member's mail goes: the business address, else a member account's."""
    from kapstok.network.models import Entrepreneur

    found = {
        pk: email
        for pk, email in Entrepreneur.objects.filter(pk__in=entrepreneurs)
        .exclude(email="")
        .values_list("pk", "email")
    }
    accounts = (
        User.objects.filter(
            is_active=True,
            grants__in=RoleGrant.objects.current(),
            grants__role=Role.MEMBER,
            grants__entrepreneur_id__in=entrepreneurs,
        )
        .order_by("email")
        .values_list("grants__entrepreneur_id", "email")
    )
    for pk, email in accounts:
        found.setdefault(pk, email)
    return found


def _email(message: OfficeMessage, delivery: Delivery, address: str, files) -> EmailMessage:
    url = unsubscribe_url(delivery)
    body = render_to_string(
        "messaging/email/message.txt",
        {"message": message, "unsubscribe_url": url, "has_attachments": bool(files)},
    )
    email = EmailMessage(
        subject=f"[{message.office.name}] {message.subject}",
        body=body,
        to=[address],
        reply_to=[message.office.contact_email] if message.office.contact_email else None,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            DELIVERY_HEADER: str(delivery.pk),
        },
    )
    for name, content, content_type in files:
        email.attach(name, content, content_type)
    return email


def _attachment_files(message: OfficeMessage) -> list[tuple[str, bytes, str]]:
    files = []
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            files.append((attachment.name, handle.read(), attachment.content_type))
    return files


def _opted_out(message: OfficeMessage, entrepreneurs: list[int]) -> set[int]:
    return set(
        OptOut.objects.filter(
            office=message.office,
            sender_kind=message.sender_kind,
            entrepreneur_id__in=entrepreneurs,
        ).values_list("entrepreneur_id", flat=True)
    )


def _status(pk: int, opted_out: set[int], addresses: dict[int, str]) -> str:
    if pk in opted_out:
        return DeliveryStatus.OPTED_OUT
    return DeliveryStatus.SENT if pk in addresses else DeliveryStatus.IN_APP


@transaction.atomic
def message_send(*, message: OfficeMessage, actor, connection=None) -> OfficeMessage:
    """Deliver to every member in the selection: opt-outs honoured, one mail per address.

    Nobody sees another member's address (one mail each). Mail goes out after the deliveries
    are stored, through the outbox, so a mail server that is down loses nothing.
    """
    entrepreneurs = recipients(message.office, list(message.branches.all()))
    opted_out = _opted_out(message, entrepreneurs)
    addresses = _addresses([pk for pk in entrepreneurs if pk not in opted_out])
    deliveries = Delivery.objects.bulk_create(
        Delivery(message=message, entrepreneur_id=pk, status=_status(pk, opted_out, addresses))
        for pk in entrepreneurs
    )
    message.status, message.sent_at = MessageStatus.SENT, timezone.now()
    message.save(update_fields=["status", "sent_at"])
    _timeline(
        message,
        _("Bericht van %(sender)s verstuurd via het kantoor: %(subject)s"),
        actor=actor,
    )
    to_mail = [d for d in deliveries if d.status == DeliveryStatus.SENT]
    transaction.on_commit(
        lambda: _mail_deliveries(message, to_mail, addresses, connection), robust=True
    )
    return message


def _mail_deliveries(message, deliveries, addresses, connection=None) -> None:
    if not deliveries:
        return
    started = timezone.now()
    files = _attachment_files(message)
    emails = [_email(message, d, addresses[d.entrepreneur_id], files) for d in deliveries]
    with connection or get_connection() as mail:
        mail.send_messages(emails)
    deliveries_sync_outbox(since=started)


# --- bounces, opt-outs, reading -------------------------------------------------------------


def delivery_mark_bounced(*, delivery: Delivery) -> None:
    """A mail that did not arrive (refused by the server, or a bounce reported later)."""
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENT).update(
        status=DeliveryStatus.BOUNCED, recorded_at=timezone.now()
    )


def deliveries_sync_outbox(*, since: datetime.datetime | None = None) -> int:
    """Mirror the outbox onto the deliveries: queued mail is not delivered, until a retry works.

    The outbox keeps every mail the server refused (`kapstok.trust.mail`), with our delivery
    id in a header. Returns how many deliveries changed.
    """
    queued = OutboxMessage.objects.all()
    if since is not None:
        queued = queued.filter(created_at__gte=since)
    bounced, recovered = [], []
    for stored in queued.only("headers", "sent_at"):
        delivery_id = (stored.headers or {}).get(DELIVERY_HEADER)
        if delivery_id and str(delivery_id).isdigit():
            (recovered if stored.sent_at else bounced).append(int(delivery_id))
    changed = Delivery.objects.filter(pk__in=bounced, status=DeliveryStatus.SENT).update(
        status=DeliveryStatus.BOUNCED, recorded_at=timezone.now()
    )
    changed += Delivery.objects.filter(pk__in=recovered, status=DeliveryStatus.BOUNCED).update(
        status=DeliveryStatus.SENT, recorded_at=timezone.now()
    )
    return changed


def opt_out_set(*, entrepreneur, office: Office, sender_kind: str, opted_out: bool) -> None:
    """Switch messages from one kind of sender through one office off (or on again)."""
    if sender_kind not in SenderKind.values:
        raise ValidationError(_("Onbekende afzender."))
    if opted_out:
        OptOut.objects.get_or_create(
            entrepreneur=entrepreneur, office=office, sender_kind=sender_kind
        )
    else:
        OptOut.objects.filter(
            entrepreneur=entrepreneur, office=office, sender_kind=sender_kind
        ).delete()


@transaction.atomic
def unsubscribe(*, delivery: Delivery) -> None:
    """From the link in a mail: no more messages of this sender through this office."""
    message = delivery.message
    opt_out_set(
        entrepreneur=delivery.entrepreneur,
        office=message.office,
        sender_kind=message.sender_kind,
        opted_out=True,
    )
    if delivery.unsubscribed_at is None:
        delivery.unsubscribed_at = timezone.now()
        delivery.save(update_fields=["unsubscribed_at"])


def delivery_mark_read(*, delivery: Delivery) -> None:
    if delivery.read_at is None:
        delivery.read_at = timezone.now()
        delivery.save(update_fields=["read_at"])


@transaction.atomic
def auto_approve_set(*, office: Office, enabled: bool, actor) -> OfficeMessaging:
    """POS lets the municipality's messages to this office go out without the lead (or not)."""
    setting, _created = OfficeMessaging.objects.get_or_create(office=office)
    setting.auto_approve_municipality = enabled
    setting.changed_by, setting.changed_at = actor, timezone.now()
    setting.save()
    office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("Berichten van de gemeente gaan voortaan zonder goedkeuring van de kartrekker.")
        if enabled
        else _("Berichten van de gemeente wachten voortaan op goedkeuring van de kartrekker."),
        actor=actor,
    )
    return setting
