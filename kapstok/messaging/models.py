"""Brokered messages: the municipality, POS or the lead writes to an office's members *through*
the office, and never sees to whom it went.

An `OfficeMessage` goes to all current members of the office or to those in chosen branches of
sport. A message from the municipality waits for the approval of one of the office's leads
(unless POS set the office to approve municipality messages by itself, `OfficeMessaging`).
On sending, one `Delivery` per member records what happened (sent, not delivered, opted out);
the sender only ever sees counts of these. An `OptOut` says a member wants no more messages
from one kind of sender through one office.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SenderKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("de gemeente")
    POS = "pos", _("POS")
    OFFICE = "office", _("het kantoor")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    SENT = "sent", _("verstuurd")
    REJECTED = "rejected", _("afgewezen")


class OfficeMessage(models.Model):
    """One message to (a selection of) an office's members, with its approval and sending."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="brokered_messages"
    )
    sender_kind = models.CharField(_("afzender"), max_length=20, choices=SenderKind.choices)
    # Which municipality speaks, for municipality messages (an office may span two).
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brokered_messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sender_label = models.CharField(_("namens"), max_length=150)
    subject = models.CharField(_("onderwerp"), max_length=150)
    body = models.TextField(_("bericht"), max_length=10_000)
    branches = models.ManyToManyField(
        "network.SportBranch", blank=True, related_name="+", verbose_name=_("takken van sport")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    rejection_reason = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht via het kantoor")
        verbose_name_plural = _("berichten via het kantoor")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["office", "sender_kind", "created_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("messaging:message_detail", args=[self.office.slug, self.pk])


def attachment_path(instance, filename):
    # The stored name is ours, not the uploader's: no path tricks, no misleading extension.
    return f"messaging/{instance.message_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class MessageAttachment(models.Model):
    """A file with a message, served only to those who may read the message."""

    message = models.ForeignKey(OfficeMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("verstuurd")
    IN_APP = "in_app", _("alleen in Kapstok")
    BOUNCED = "bounced", _("niet afgeleverd")
    OPTED_OUT = "opted_out", _("afgemeld")


class Delivery(models.Model):
    """What happened to one message for one member; shown to the sender only as counts."""

    message = models.ForeignKey(OfficeMessage, on_delete=models.CASCADE, related_name="deliveries")
    # Kept when the entrepreneur is erased, so the sender's counts stay right.
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="message_deliveries",
    )
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "entrepreneur"], name="one_delivery_per_member"
            )
        ]

    def __str__(self):
        return f"{self.message_id} → {self.entrepreneur_id}: {self.status}"


class OptOut(models.Model):
    """A member wants no more messages from this kind of sender through this office."""

    entrepreneur = models.ForeignKey(
        "network.Entrepreneur", on_delete=models.CASCADE, related_name="message_opt_outs"
    )
    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="+")
    sender_kind = models.CharField(_("afzender"), max_length=20, choices=SenderKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["entrepreneur", "office", "sender_kind"], name="one_opt_out_per_sender"
            )
        ]

    def __str__(self):
        return f"{self.entrepreneur_id} @ {self.office_id}: {self.sender_kind}"


class OfficeMessaging(models.Model):
    """Per office, set by POS: whether municipality messages skip the lead's approval."""

    office = models.OneToOneField(
        "network.Office", on_delete=models.CASCADE, related_name="messaging", primary_key=True
    )
    auto_approve_municipality = models.BooleanField(
        _("berichten van de gemeente zonder goedkeuring versturen"), default=False
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("berichtinstelling")
        verbose_name_plural = _("berichtinstellingen")

    def __str__(self):
        return str(self.office_id)
