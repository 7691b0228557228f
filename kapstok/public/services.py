"""Changes made from the public site: public texts, join requests, contact messages, reach.

User errors are `ValidationError`s with a Dutch message keyed by form field, as in
`kapstok.network.services`. Mail goes out after the database work is done, so a request is
never lost because a mail server hiccups; sending it again (the form merges) sends the mail
again.

The join flow, end to end:
1. `join_request_submit` stores the request (or merges it into the same person's unconfirmed
   one) and mails a signed confirmation link (`confirmation_token`). It answers the same
   whatever the KvK number, so the form tells a visitor nothing about who is a member.
2. `join_request_confirm` marks it confirmed (double opt-in) and tells the office's leads.
3. The lead calls `join_request_accept` or `join_request_decline` (with a reason); the
   requester gets a mail either way. Accepting a new business registers it and adds the
   `Membership`; accepting a business Kapstok already knows only asks *that business*, at the
   address on file, to confirm (`network.services.membership_claim_create`): whoever filled in
   the form may not be the business, so their details and consents stay on the request.
4. `join_requests_purge` deletes unconfirmed requests and decided ones after `RETENTION_DAYS`.
"""

import datetime
import hashlib
import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.core.links import absolute_url
from kapstok.network import services as network_services
from kapstok.network.models import Entrepreneur, EventKind, Membership, MembershipClaim, Office
from kapstok.representation.services import prospect_mark_joined
from kapstok.trust.consent import consent_record, consents_link
from kapstok.trust.models import ConsentPurpose

from .models import (
    RETENTION_DAYS,
    JoinRequest,
    JoinRequestStatus,
    OfficeMonthlyReach,
    OfficePublicPage,
)

logger = logging.getLogger(__name__)

CONFIRM_SALT = "kapstok.public.join-confirm"
REACH_FIELDS = frozenset({"views", "join_requests", "confirmed", "accepted"})
MERGED_FIELDS = ("full_name", "business_name", "email", "phone", "website", "listed_publicly")


# --- mail ------------------------------------------------------------------------------------


def _mail(*, template: str, subject: str, to: list[str], context: dict, reply_to=None) -> None:
    """Plain-text mail from a template in `public/email/`; HTML in the data stays text."""
    body = render_to_string(f"public/email/{template}.txt", context)
    EmailMessage(subject, body, to=to, reply_to=reply_to).send()


def office_lead_emails(office: Office) -> list[str]:
    """Where mail for an office goes: its leads' addresses, else the office's contact address.

    Nobody outside sees these: the public site only offers forms that mail them.
    """
    emails = list(
        User.objects.filter(
            is_active=True,
            grants__in=RoleGrant.objects.current(),
            grants__role=Role.LEAD,
            grants__office=office,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if not emails and office.contact_email:
        emails = [office.contact_email]
    return emails


# --- reach -----------------------------------------------------------------------------------


def reach_count(
    *,
    field: str,
    office: Office | None = None,
    office_id: int | None = None,
    on: datetime.date | None = None,
) -> None:
    """Add one to an office's count for this month (views, join requests, confirmed, accepted).

    The office is given as an object or, from a cached page that has no object, by its id.
    """
    if field not in REACH_FIELDS:
        raise ValueError(f"Unknown reach field {field!r}")
    office_id = office.pk if office is not None else office_id
    month = (on or timezone.localdate()).replace(day=1)
    with transaction.atomic():
        if field == "views":
            _commit_without_waiting_for_disk()
        if _add_one(field, office_id, month):
            return
        try:
            with transaction.atomic():
                OfficeMonthlyReach.objects.create(office_id=office_id, month=month, **{field: 1})
        except IntegrityError:  # another request created this month's row first
            _add_one(field, office_id, month)


def _add_one(field: str, office_id: int, month: datetime.date) -> bool:
    """Add one to this month's count if its row exists. Plain SQL: every page view runs this,
    and building the UPDATE with the ORM costs about as much as running it."""
    table = connection.ops.quote_name(OfficeMonthlyReach._meta.db_table)
    column = connection.ops.quote_name(field)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = {column} + 1 WHERE office_id = %s AND month = %s",
            [office_id, month],
        )
        return cursor.rowcount > 0


def _commit_without_waiting_for_disk() -> None:
    """Let a page view's count commit without waiting for PostgreSQL to flush it to disk.

    Every visit writes, and waiting for the disk would be most of what an office page costs
    when it comes from the page cache. A crash of the database server can lose the last fraction
    of a second of counted visits; nothing else is affected, because this holds only inside the
    counting transaction and only when that is not part of a larger one (a join request's
    counts commit with the request, durably). SQLite in WAL mode never waits for the disk on
    commit.
    """
    counting_alone = len(connection.atomic_blocks) == 1
    if connection.vendor == "postgresql" and counting_alone:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


# --- the public page -------------------------------------------------------------------------


@transaction.atomic
def public_page_save(
    *, office: Office, about: str, benefits: str, goals=(), projects=(), actor=None
) -> OfficePublicPage:
    """Save the lead's public texts and the successes to show; noted on the office timeline."""
    page, _created = OfficePublicPage.objects.get_or_create(office=office)
    page.about, page.benefits, page.updated_by = about.strip(), benefits.strip(), actor
    page.full_clean()
    page.save()
    page.published_goals.set(goals)
    page.published_projects.set(projects)
    network_services.office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("De openbare pagina is bijgewerkt."),
        actor=actor,
        url=office.get_public_url(),
    )
    return page


# --- joining ---------------------------------------------------------------------------------


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def confirmation_token(join_request: JoinRequest) -> str:
    """A signed token naming the request and (as a hash) its email address.

    Changing the address of a request therefore voids links sent to the old one.
    """
    payload = {"r": join_request.pk, "e": _email_digest(join_request.email)}
    return signing.dumps(payload, salt=CONFIRM_SALT)


def join_request_for_token(token: str) -> JoinRequest:
    """The request a confirmation link points to, or a ValidationError in Dutch."""
    invalid = ValidationError(
        _("Deze bevestigingslink is ongeldig of verlopen. Meld u opnieuw aan via de kantoorpagina.")
    )
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=RETENTION_DAYS)
        )
    except signing.BadSignature as bad:
        raise invalid from bad
    found = JoinRequest.objects.select_related("office").filter(pk=payload.get("r")).first()
    if found is None or _email_digest(found.email) != payload.get("e"):
        raise invalid
    return found


def kvk_is_member(office: Office, kvk_number: str) -> bool:
    """For the lead reviewing a request (never for the visitor who sent it)."""
    return (
        Membership.objects.current().filter(office=office, entrepreneur__kvk_number=kvk_number)
    ).exists()


def join_request_submit(*, office: Office, data: dict, branches, now=None) -> JoinRequest:
    """Store a join request, or merge it into the open one for this office and KvK number.

    `data` holds the form's fields (full_name, business_name, kvk_number, email, phone,
    website, message, listed_publicly). Returns the stored request; mails the confirmation
    link, or a short notice when an already confirmed request was only updated.
    """
    now = now or timezone.now()
    data = {**data, "email": data["email"].strip().lower()}
    with transaction.atomic():
        join_request, created = _store_or_merge(office, data, branches, now)
        _consents_record(join_request)
    if created:
        reach_count(office=office, field="join_requests", on=timezone.localdate(now))
    if join_request.status == JoinRequestStatus.UNCONFIRMED:
        _mail_confirmation(join_request)
    else:
        _mail_updated(join_request)
    return join_request


def _same_persons_unconfirmed(office, data):
    """The request this submission repeats: same office, KvK number and address, still
    unconfirmed. Anything else (another address, or a request already confirmed) is never
    touched: a request is only ever changed by the person who can read its confirmation mail."""
    return JoinRequest.objects.filter(
        office=office,
        kvk_number=data["kvk_number"],
        email=data["email"],
        status=JoinRequestStatus.UNCONFIRMED,
    )


def _store_or_merge(office, data, branches, now) -> tuple[JoinRequest, bool]:
    existing = _same_persons_unconfirmed(office, data).select_for_update().first()
    if existing is not None:
        return _merge(existing, data, branches, now), False
    join_request = JoinRequest(office=office, privacy_accepted_at=now, **data)
    join_request.full_clean()
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        # The same form posted twice at once: the other post stored it a moment ago.
        existing = _same_persons_unconfirmed(office, data).get()
        return _merge(existing, data, branches, now), False
    join_request.branches.set(branches)
    return join_request, True


def _consents_record(join_request: JoinRequest) -> None:
    """The form's privacy statement (required) and listing choice, as consent records."""
    for purpose, given in (
        (ConsentPurpose.PRIVACY_STATEMENT, True),
        (ConsentPurpose.PUBLIC_LISTING, join_request.listed_publicly),
    ):
        consent_record(
            purpose=purpose,
            given=given,
            source="aanmeldformulier",
            email=join_request.email,
            join_request=join_request,
        )


def _merge(join_request: JoinRequest, data: dict, branches, now) -> JoinRequest:
    """Update the person's own unconfirmed request with their newest answers."""
    for field in MERGED_FIELDS:
        setattr(join_request, field, data[field])
    if data.get("message"):
        join_request.message = data["message"]
    join_request.privacy_accepted_at = now
    join_request.submissions = min(join_request.submissions + 1, 32767)
    join_request.full_clean(validate_constraints=False)
    join_request.save()
    join_request.branches.set(branches)
    return join_request


def _mail_confirmation(join_request: JoinRequest) -> None:
    path = reverse("public:join_confirm", args=[confirmation_token(join_request)])
    _mail(
        template="join_confirm",
        subject=_("Bevestig uw aanmelding bij %(office)s") % {"office": join_request.office},
        to=[join_request.email],
        context={"join_request": join_request, "confirm_url": absolute_url(path)},
    )


def _mail_updated(join_request: JoinRequest) -> None:
    _mail(
        template="join_updated",
        subject=_("Uw aanmelding bij %(office)s is bijgewerkt") % {"office": join_request.office},
        to=[join_request.email],
        context={"join_request": join_request},
    )


def join_request_confirm(*, join_request: JoinRequest, now=None) -> bool:
    """Confirm the email address (double opt-in); True if this call confirmed it.

    Confirming twice is harmless; a request already decided stays as it is.
    """
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequestStatus.UNCONFIRMED:
            return False
        locked.status = JoinRequestStatus.CONFIRMED
        locked.confirmed_at = now or timezone.now()
        locked.save(update_fields=["status", "confirmed_at", "updated_at"])
        reach_count(office=locked.office, field="confirmed", on=timezone.localdate(now))
    join_request.status, join_request.confirmed_at = locked.status, locked.confirmed_at
    _mail_leads_new_request(locked)
    return True


def _mail_leads_new_request(join_request: JoinRequest) -> None:
    office = join_request.office
    recipients = office_lead_emails(office)
    if not recipients:
        logger.warning("Office %s has no lead to tell about a join request", office.slug)
        return
    path = reverse("public:join_request_detail", args=[office.slug, join_request.pk])
    _mail(
        template="lead_new_request",
        subject=_("Nieuwe aanmelding voor %(office)s") % {"office": office},
        to=recipients,
        context={"join_request": join_request, "review_url": absolute_url(path)},
    )


def _lock_awaiting(join_request: JoinRequest) -> JoinRequest:
    """The request, locked, if it still waits for a decision (two leads may click at once)."""
    locked = (
        JoinRequest.objects.select_for_update().select_related("office").get(pk=join_request.pk)
    )
    if locked.status != JoinRequestStatus.CONFIRMED:
        raise ValidationError(
            _("Over deze aanmelding is al besloten, of het e-mailadres is nog niet bevestigd.")
        )
    return locked


def known_entrepreneur(kvk_number: str) -> Entrepreneur | None:
    """The business Kapstok already knows under this KvK number (main establishment first)."""
    return (
        Entrepreneur.objects.filter(kvk_number=kvk_number)
        .order_by("establishment_number", "pk")
        .first()
    )


def _entrepreneur_register(join_request: JoinRequest, municipality) -> Entrepreneur:
    """A business new to Kapstok, registered from the request of the person who runs it."""
    office = join_request.office
    new = Entrepreneur(
        business_name=join_request.business_name,
        kvk_number=join_request.kvk_number,
        municipality=municipality or office.municipalities.order_by("name").first(),
        website=join_request.website,
        email=join_request.email,
        phone=join_request.phone,
    )
    return network_services.entrepreneur_save(
        entrepreneur=new, branches=list(join_request.branches.all())
    )


@transaction.atomic
def join_request_accept(
    *,
    join_request: JoinRequest,
    actor,
    municipality=None,
    listed_publicly: bool | None = None,
    today: datetime.date | None = None,
) -> Membership | MembershipClaim:
    """Accept a request: a new business becomes a member; a known one is asked to confirm.

    Returns the `Membership`, or the `MembershipClaim` that waits for the known business.
    """
    join_request = _lock_awaiting(join_request)
    listed = join_request.listed_publicly if listed_publicly is None else listed_publicly
    known = known_entrepreneur(join_request.kvk_number)
    if known is not None:
        return _accept_known(join_request, known, actor, listed, today)
    entrepreneur = _entrepreneur_register(join_request, municipality)
    consents_link(join_request=join_request, entrepreneur=entrepreneur)
    membership = network_services.membership_add(
        office=join_request.office,
        entrepreneur=entrepreneur,
        joined_on=today or timezone.localdate(),
        listed_publicly=listed,
        actor=actor,
    )
    # A prospect of the office's recruitment pipeline moves to "aangesloten" by itself.
    prospect_mark_joined(entrepreneur=entrepreneur, today=membership.joined_on)
    _decide(join_request, JoinRequestStatus.ACCEPTED, actor, entrepreneur=entrepreneur)
    reach_count(office=join_request.office, field="accepted")
    _mail(
        template="join_accepted",
        subject=_("Welkom bij %(office)s") % {"office": join_request.office},
        to=[join_request.email],
        context={"join_request": join_request, "membership": membership},
    )
    return membership


def _accept_known(join_request, entrepreneur, actor, listed, today) -> MembershipClaim:
    """The form's sender may not be the business: ask the business itself, and link nothing.

    The sender's name, address, phone and consents stay on the request (purged with it); the
    business's record, its contact details and its consents are not touched.
    """
    claim = network_services.membership_claim_create(
        office=join_request.office,
        entrepreneur=entrepreneur,
        joined_on=today or timezone.localdate(),
        listed_publicly=listed,
        actor=actor,
        source="aanmelding",
    )
    _decide(join_request, JoinRequestStatus.ACCEPTED, actor)
    _mail(
        template="join_accepted_known",
        subject=_("Uw aanmelding bij %(office)s") % {"office": join_request.office},
        to=[join_request.email],
        context={"join_request": join_request},
    )
    return claim


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, actor, reason: str) -> JoinRequest:
    """Decline with a reason, which the entrepreneur reads in the mail they get."""
    join_request = _lock_awaiting(join_request)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden; de ondernemer krijgt die te lezen.")})
    join_request.decline_reason = reason.strip()
    _decide(join_request, JoinRequestStatus.DECLINED, actor)
    _mail(
        template="join_declined",
        subject=_("Uw aanmelding bij %(office)s") % {"office": join_request.office},
        to=[join_request.email],
        context={"join_request": join_request},
    )
    return join_request


def _decide(join_request: JoinRequest, status: str, actor, entrepreneur=None) -> None:
    join_request.status = status
    join_request.decided_at = timezone.now()
    join_request.decided_by = actor
    join_request.entrepreneur = entrepreneur
    join_request.save()


def join_requests_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete unconfirmed requests and decided ones older than `RETENTION_DAYS`; how many."""
    _total, per_model = JoinRequest.objects.expired(now or timezone.now()).delete()
    # The total includes the branch links; report requests only.
    return per_model.get(JoinRequest._meta.label, 0)


# --- contact ---------------------------------------------------------------------------------


def contact_message_send(*, office: Office, name: str, email: str, message: str) -> None:
    """Mail a visitor's message to the office's leads, with Reply-To set to the visitor.

    The visitor gets no copy: a copy to any address typed into a form would let anyone use
    the site to mail strangers.
    """
    recipients = office_lead_emails(office)
    if not recipients:
        raise ValidationError(
            _(
                "Dit kantoor is op dit moment niet via de website bereikbaar. Probeer het later "
                "opnieuw."
            )
        )
    _mail(
        template="contact",
        subject=_("Bericht via de openbare pagina van %(office)s") % {"office": office},
        to=recipients,
        context={"office": office, "name": name, "email": email, "message": message},
        reply_to=[email],
    )
