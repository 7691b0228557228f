"""Mail that survives a mail server that is down.

`OutboxFallbackBackend` is the `EMAIL_BACKEND`. It hands each message to the real backend
(`KAPSTOK_MAIL_BACKEND`, SMTP in production); when that fails, the message is stored as an
`OutboxMessage` instead of being lost, and the caller carries on as if it was sent.
The scheduler job `mail_outbox` calls `outbox_flush` every few minutes: it retries what is due,
with a back-off that doubles per attempt (1, 2, 4, … minutes, at most 6 hours), and never gives
up on a message by itself.
"""

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_DELAY = datetime.timedelta(hours=6)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Wait before the next try after `attempts` failed tries: doubling, capped at 6 hours.

    >>> retry_delay(1), retry_delay(3)
    (datetime.timedelta(seconds=60), datetime.timedelta(seconds=240))
    >>> retry_delay(20)
    datetime.timedelta(seconds=21600)
    """
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_DELAY)


def _real_connection():
    return get_connection(settings.KAPSTOK_MAIL_BACKEND, fail_silently=False)


def _store(message, error: Exception) -> OutboxMessage:
    attachments = [
        [
            name,
            base64.b64encode(content if isinstance(content, bytes) else content.encode()).decode(),
            mimetype,
        ]
        for name, content, mimetype in (
            item for item in message.attachments if isinstance(item, tuple)
        )
    ]
    return OutboxMessage.objects.create(
        subject=str(message.subject),
        body=message.body,
        from_email=message.from_email or "",
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=dict(message.extra_headers),
        alternatives=[
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        attachments=attachments,
        attempts=1,
        next_attempt_at=timezone.now() + retry_delay(1),
        last_error=repr(error)[:2000],
    )


def _rebuild(stored: OutboxMessage) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=stored.subject,
        body=stored.body,
        from_email=stored.from_email or None,
        to=stored.to,
        cc=stored.cc,
        bcc=stored.bcc,
        reply_to=stored.reply_to,
        headers=stored.headers,
        alternatives=[tuple(pair) for pair in stored.alternatives],
    )
    for name, content, mimetype in stored.attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


class OutboxFallbackBackend(BaseEmailBackend):
    """Send through the real backend; store what it cannot send (see the module docstring)."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        connection = _real_connection()
        try:
            connection.open()
        except Exception as error:  # noqa: BLE001 - any failure of the server means: queue it
            logger.warning("Mail server unavailable, %d mail(s) queued", len(email_messages))
            for message in email_messages:
                _store(message, error)
            return len(email_messages)
        try:
            for message in email_messages:
                # One by one, so a failure halfway never sends the first ones twice on retry.
                try:
                    connection.send_messages([message])
                except Exception as error:  # noqa: BLE001
                    logger.warning("Mail not sent, queued for retry: %r", error)
                    _store(message, error)
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                logger.debug("Closing the mail connection failed", exc_info=True)
        return len(email_messages)


def outbox_flush(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Retry every queued mail that is due; return (sent, still waiting)."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)
    sent = 0
    for stored in due:
        try:
            _real_connection().send_messages([_rebuild(stored)])
        except Exception as error:  # noqa: BLE001
            stored.attempts += 1
            stored.next_attempt_at = now + retry_delay(stored.attempts)
            stored.last_error = repr(error)[:2000]
            stored.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            continue
        stored.sent_at = now
        stored.save(update_fields=["sent_at"])
        sent += 1
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    return sent, waiting
