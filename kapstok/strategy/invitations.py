"""Invitation emails for a session: to whom, and the message with its QR code.

The QR code travels inside the email (a PNG referenced by Content-ID), not as a link to an
image on the site: many mail programs block remote images, and a phone held up to the screen
of a laptop must be able to scan it straight away.
"""

import io
from email.mime.image import MIMEImage

import segno

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.network.models import Membership

QR_CONTENT_ID = "sessie-qr"


def recipients(office) -> list[str]:
    """Email addresses of the office's current members: their accounts and their businesses.

    Members without an account are invited too (at the business's address): they can join
    with the code. Each address once, compared case-insensitively.
    """
    members = Membership.objects.current().filter(office=office).values("entrepreneur_id")
    account_emails = User.objects.filter(
        is_active=True,
        grants__in=RoleGrant.objects.current(),
        grants__role=Role.MEMBER,
        grants__entrepreneur__in=members,
    ).values_list("email", flat=True)
    business_emails = (
        Membership.objects.current()
        .filter(office=office)
        .exclude(entrepreneur__email="")
        .values_list("entrepreneur__email", flat=True)
    )
    unique: dict[str, str] = {}
    for email in [*account_emails, *business_emails]:
        unique.setdefault(email.strip().lower(), email.strip())
    return sorted(unique.values(), key=str.lower)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def qr_svg_data_uri(url: str) -> str:
    """A QR code for a page, as a data URI: no extra request, no external resource."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2)


def _message(session, email: str, context: dict, png: bytes) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=_("Uitnodiging: %(title)s") % {"title": session.title},
        body=render_to_string("strategy/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(
        render_to_string("strategy/email/invitation.html", context), "text/html"
    )
    message.mixed_subtype = "related"  # the HTML part shows the image by its Content-ID
    image = MIMEImage(png, "png")
    image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
    image.add_header("Content-Disposition", "inline", filename="sessie-qr.png")
    message.attach(image)
    return message


def send(session, addresses: list[str], *, join_url: str) -> int:
    """One email per address (nobody sees the others' addresses); returns how many went."""
    context = {"session": session, "join_url": join_url, "qr_cid": QR_CONTENT_ID}
    png = qr_png(join_url)
    messages = [_message(session, email, context, png) for email in addresses]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
