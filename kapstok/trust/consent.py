"""Consent records (AVG art. 7): what a person consented to, when, and which text they saw.

The texts are versioned here, in code: a changed text gets a new version, and every record
stores the version and the SHA-256 of the exact text, so it can be shown later what was agreed
to even after the wording moved on. The form fields that ask for consent use `consent_text`
for their label (a test keeps them equal).

Where consent is given today:

- the public join form (`kapstok.public`): the privacy statement (required) and the choice to
  be listed on the office's public page; recorded by `join_request_submit` with the request's
  email address, linked to the entrepreneur when the lead accepts (`consents_link`);
- *Mijn gegevens*: a member withdraws the public listing (`consent_withdraw`), which also
  switches the listing off on their memberships (`kapstok.network` registers that with
  `kapstok.trust.registry.register_consent_withdrawn`);
- sharing e-mail address and phone with one municipality (`MUNICIPALITY_CONTACT`, one record
  per business and municipality): only the business itself gives it, on its office's sharing
  page or from the link its lead may ask Kapstok to mail (`kapstok.municipality`); the portal
  shows the details only while the latest record for that municipality is a "given"
  (`municipality_contact_holders`, or `municipality_contact_stands` inside a query), and
  withdrawing hides them at once.

Records are never changed or deleted, except that a record's subject may be linked later and
records of people who never became a member go with their join request (`retention`).

Example:

    consent_record(purpose=ConsentPurpose.PUBLIC_LISTING, given=True, source="aanmeldformulier",
                   email="anna@example.nl", join_request=request)
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BooleanField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from . import registry
from .audit import audit_record
from .models import AuditAction, ConsentPurpose, ConsentRecord


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str  # Dutch, as shown to the person
    withdrawable: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


# Every version ever shown, oldest first; the last one is current. Never edit a published text:
# add a new version.
CONSENT_TEXTS: dict[str, tuple[ConsentText, ...]] = {
    ConsentPurpose.PRIVACY_STATEMENT: (
        ConsentText(
            "2026-11-1",
            "Ik ga akkoord met de privacyverklaring.",
            withdrawable=False,
        ),
    ),
    ConsentPurpose.PUBLIC_LISTING: (
        ConsentText(
            "2026-11-1",
            "Vermeld mijn bedrijf (naam, tak van sport en website) op de openbare pagina van "
            "het kantoor.",
            withdrawable=True,
        ),
    ),
    ConsentPurpose.MUNICIPALITY_CONTACT: (
        # The checkbox label members ticked before consent was recorded per municipality.
        ConsentText(
            "2026-11-0",
            "Deelt e-mailadres en telefoonnummer met de gemeente",
            withdrawable=True,
        ),
        ConsentText(
            "2026-12-1",
            "Ik geef deze gemeente toestemming om het e-mailadres en telefoonnummer van mijn "
            "bedrijf te zien in het gemeenteportaal van Kapstok, zolang mijn bedrijf lid is van "
            "een POS-kantoor in deze gemeente. Ik kan dit altijd intrekken.",
            withdrawable=True,
        ),
    ),
}


def current_text(purpose: str) -> ConsentText:
    return CONSENT_TEXTS[purpose][-1]


def consent_text(purpose: str) -> str:
    return current_text(purpose).text


def text_for(record: ConsentRecord) -> str:
    """The text a record was given for ('' for a version this code no longer knows)."""
    for version in CONSENT_TEXTS.get(record.purpose, ()):
        if version.version == record.text_version:
            return version.text
    return ""


def _snapshot(record: ConsentRecord) -> dict:
    return {
        "purpose": record.purpose,
        "given": record.given,
        "text_version": record.text_version,
        "text_hash": record.text_hash,
        "source": record.source,
    }


def consent_record(
    *,
    purpose: str,
    given: bool,
    source: str,
    email: str = "",
    user=None,
    entrepreneur=None,
    join_request=None,
    municipality=None,
    actor=None,
    text: ConsentText | None = None,
) -> ConsentRecord:
    """Append one consent (or refusal or withdrawal) for the current text; audit-logged."""
    text = text or current_text(purpose)
    record = ConsentRecord.objects.create(
        purpose=purpose,
        given=given,
        text_version=text.version,
        text_hash=text.sha256,
        source=source[:60],
        email=email,
        user=user,
        entrepreneur=entrepreneur,
        join_request=join_request,
        municipality=municipality,
    )
    summary = "Toestemming gegeven" if given else "Toestemming geweigerd of ingetrokken"
    audit_record(
        action=AuditAction.CREATE,
        instance=record,
        after=_snapshot(record),
        actor=actor or user,
        summary=f"{summary}: {record.get_purpose_display()}",
    )
    return record


def consents_link(*, join_request, entrepreneur) -> int:
    """Attach a join request's consents to the entrepreneur it became; how many."""
    return ConsentRecord.objects.filter(join_request=join_request, entrepreneur=None).update(
        entrepreneur=entrepreneur
    )


def consents_for(user) -> QuerySet[ConsentRecord]:
    """Every consent record of this person: their account's and the businesses they represent."""
    represented = registry.represented_entrepreneur_ids(user)
    return ConsentRecord.objects.filter(
        Q(user=user) | Q(entrepreneur_id__in=represented)
    ).select_related("entrepreneur")


def consent_emails_blank(*, user=None, entrepreneur=None) -> int:
    """Erasure: the consents stay as proof of what was agreed, without the erased address."""
    records = ConsentRecord.objects.none()
    if user is not None:
        records = ConsentRecord.objects.filter(user=user)
    elif entrepreneur is not None:
        records = ConsentRecord.objects.filter(entrepreneur=entrepreneur)
    return records.update(email="")


def consents_current(user) -> list[ConsentRecord]:
    """The latest record per purpose and business: what holds now."""
    latest: dict[tuple, ConsentRecord] = {}
    for record in consents_for(user).order_by("recorded_at", "id"):
        latest[(record.purpose, record.entrepreneur_id, record.municipality_id)] = record
    return sorted(
        latest.values(),
        key=lambda r: (r.purpose, r.entrepreneur_id or 0, r.municipality_id or 0),
    )


@transaction.atomic
def consent_withdraw(*, user, purpose: str, municipality_id: int | None = None) -> list:
    """Withdraw a consent for the person and every business they represent (for one
    municipality only, when `municipality_id` is given).

    Withdrawing the public listing also switches the listing off on those businesses'
    memberships at once: the consent is what the listing rests on.
    """
    if not current_text(purpose).withdrawable:
        raise ValueError(f"Consent for {purpose} cannot be withdrawn here.")
    held = [
        r
        for r in consents_current(user)
        if r.purpose == purpose
        and r.given
        and (municipality_id is None or r.municipality_id == municipality_id)
    ]
    records = [
        consent_record(
            purpose=purpose,
            given=False,
            source="mijn gegevens",
            user=user,
            entrepreneur=r.entrepreneur,
            municipality=r.municipality,
            actor=user,
        )
        for r in held
    ]
    entrepreneur_ids = [r.entrepreneur_id for r in held if r.entrepreneur_id]
    registry.consent_withdrawn(purpose=purpose, entrepreneur_ids=entrepreneur_ids, actor=user)
    return records


def consents_by_purpose() -> list[dict]:
    """For the admin page: per purpose, how many records, given and withdrawn, and the text."""
    rows = []
    for purpose, label in ConsentPurpose.choices:
        records = ConsentRecord.objects.filter(purpose=purpose)
        rows.append(
            {
                "purpose": purpose,
                "label": label,
                "text": current_text(purpose),
                "given": records.filter(given=True).count(),
                "refused": records.filter(given=False).count(),
            }
        )
    return rows


# --- sharing contact details with a municipality ------------------------------------------------


def municipality_contact_given(entrepreneur_id: int, municipality_id: int) -> bool:
    """Whether the business's latest word for this municipality is "yes"."""
    latest = (
        ConsentRecord.objects.filter(
            purpose=ConsentPurpose.MUNICIPALITY_CONTACT,
            entrepreneur_id=entrepreneur_id,
            municipality_id=municipality_id,
        )
        .order_by("-recorded_at", "-id")
        .values_list("given", flat=True)
        .first()
    )
    return bool(latest)


def municipality_contact_stands(municipality_id: int, entrepreneur_field: str = "pk"):
    """An expression for a query on rows with a business (`entrepreneur_field` names it): whether
    the business's latest word for this municipality is "yes" (what `municipality_contact_holders`
    answers for a list of businesses), so a page filters and annotates in the same query instead
    of sending the ids back and forth."""
    latest = (
        ConsentRecord.objects.filter(
            purpose=ConsentPurpose.MUNICIPALITY_CONTACT,
            municipality_id=municipality_id,
            entrepreneur_id=OuterRef(entrepreneur_field),
        )
        .order_by("-recorded_at", "-id")
        .values("given")[:1]
    )
    return Coalesce(Subquery(latest), Value(False), output_field=BooleanField())


def municipality_contact_holders(municipality_id: int, entrepreneur_ids) -> set[int]:
    """Of these businesses, the ones whose consent for this municipality stands now (one query)."""
    records = (
        ConsentRecord.objects.filter(
            purpose=ConsentPurpose.MUNICIPALITY_CONTACT,
            municipality_id=municipality_id,
            entrepreneur_id__in=list(entrepreneur_ids),
        )
        .order_by("recorded_at", "id")
        .values_list("entrepreneur_id", "given")
    )
    latest = dict(records)  # later records overwrite earlier ones
    return {entrepreneur_id for entrepreneur_id, given in latest.items() if given}


def municipality_contact_set(
    *, entrepreneur, municipality, given: bool, user=None, source: str
) -> ConsentRecord | None:
    """Record the business's own yes or no for one municipality; nothing when it is unchanged.

    Callers make sure `user` speaks for the business (its own account, or the holder of the link
    mailed to its address): no lead, POS or admin path leads here.
    """
    if municipality_contact_given(entrepreneur.pk, municipality.pk) == given:
        return None
    return consent_record(
        purpose=ConsentPurpose.MUNICIPALITY_CONTACT,
        given=given,
        source=source,
        user=user,
        entrepreneur=entrepreneur,
        municipality=municipality,
        actor=user,
    )
