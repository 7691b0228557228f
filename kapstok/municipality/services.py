"""Changes for the municipality portal: a business's consent to share its contact details.

Consent is the person's own act (AVG art. 7): only the business gives or withdraws it, for one
municipality at a time (`kapstok.trust.consent.municipality_contact_set`, audit-logged). A lead
or POS may *ask*: `contact_consent_ask` mails the business, at the addresses Kapstok has for it,
a link to a page where it answers itself.

What the municipality gives an office is recorded with `contribution_record`.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from kapstok.core.links import absolute_url
from kapstok.network.models import Entrepreneur, EventKind, Membership, Municipality, Office
from kapstok.network.services import entrepreneur_addresses, office_event_record
from kapstok.trust.consent import municipality_contact_set

ASK_SALT = "kapstok.municipality.contact-consent"
ASK_MAX_AGE = datetime.timedelta(days=30)


def contact_consent_set(
    *, entrepreneur: Entrepreneur, municipality: Municipality, given: bool, user, source: str
):
    """The business's yes or no for one municipality of one of its current offices."""
    if not Membership.objects.current().filter(
        entrepreneur=entrepreneur, office__municipalities=municipality
    ):
        raise ValidationError(
            _("Uw bedrijf is geen lid van een POS-kantoor in %(municipality)s.")
            % {"municipality": municipality.name}
        )
    return municipality_contact_set(
        entrepreneur=entrepreneur,
        municipality=municipality,
        given=given,
        user=user,
        source=source,
    )


def ask_token(*, entrepreneur: Entrepreneur, office: Office) -> str:
    return signing.dumps({"e": entrepreneur.pk, "o": office.pk}, salt=ASK_SALT)


def ask_for_token(token: str) -> tuple[Entrepreneur, Office]:
    """The business and office a consent link was mailed for, or a ValidationError in Dutch."""
    invalid = ValidationError(
        _("Deze link is ongeldig of verlopen. Vraag uw kartrekker om een nieuwe.")
    )
    try:
        payload = signing.loads(token, salt=ASK_SALT, max_age=ASK_MAX_AGE)
    except signing.BadSignature as bad:
        raise invalid from bad
    membership = (
        Membership.objects.current()
        .select_related("entrepreneur", "office")
        .filter(entrepreneur_id=payload.get("e"), office_id=payload.get("o"))
        .first()
    )
    if membership is None:
        raise invalid
    return membership.entrepreneur, membership.office


def contact_consent_ask(*, office: Office, entrepreneur: Entrepreneur, actor) -> int:
    """Mail the business a link to answer for itself; how many addresses it went to."""
    recipients = entrepreneur_addresses(entrepreneur)
    if not recipients:
        return 0
    path = reverse(
        "municipality:consent_respond", args=[ask_token(entrepreneur=entrepreneur, office=office)]
    )
    body = render_to_string(
        "municipality/email/consent_ask.txt",
        {
            "office": office,
            "entrepreneur": entrepreneur,
            "municipalities": office.municipalities.order_by("name"),
            "actor": actor,
            "respond_url": absolute_url(path),
        },
    )
    subject = _("%(office)s vraagt of de gemeente uw contactgegevens mag zien") % {"office": office}
    EmailMessage(subject, body, to=recipients).send()
    return len(recipients)


@transaction.atomic
def contribution_record(*, contribution, actor):
    """Save what a municipality gives; money needs an amount, and the municipality must be
    one of the office's."""
    office = contribution.office
    if not office.municipalities.filter(pk=contribution.municipality_id).exists():
        raise ValidationError({"municipality": _("Kies een gemeente van dit kantoor.")})
    if contribution.kind == "money" and not contribution.amount:
        raise ValidationError({"amount": _("Vul het bedrag in.")})
    contribution.recorded_by = actor
    contribution.save()
    office_event_record(
        office=office,
        kind=EventKind.CONTRIBUTION,
        summary=_("Bijdrage van gemeente %(m)s: %(p)s")
        % {"m": contribution.municipality.name, "p": contribution.purpose},
        actor=actor,
    )
    return contribution
