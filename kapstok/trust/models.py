"""What the platform keeps to be trustworthy: the audit log and the queue of unsent mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")


class AuditEntry(models.Model):
    """One change to personal data or to a role: append-only (see `AuditEntry.save`)."""

    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    # Kept as text too: the entry must still say who it was after the account is erased.
    actor_label = models.CharField(_("door (tekst)"), max_length=254, blank=True)
    action = models.CharField(_("handeling"), max_length=10, choices=AuditAction.choices)
    model = models.CharField(_("soort gegevens"), max_length=60)
    object_id = models.CharField(_("object-id"), max_length=40)
    summary = models.CharField(_("omschrijving"), max_length=250, blank=True)
    before = models.JSONField(pgettext_lazy("before (audit log)", "voor"), default=dict, blank=True)
    after = models.JSONField(_("na"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.model}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class OutboxMessage(models.Model):
    """A mail the mail server refused or could not take; retried until it is sent."""

    created_at = models.DateTimeField(default=timezone.now)
    subject = models.CharField(max_length=998)
    body = models.TextField(blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    alternatives = models.JSONField(default=list)  # [[content, mimetype], ...]
    attachments = models.JSONField(default=list)  # [[filename, base64 content, mimetype], ...]
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wachtende e-mail")
        verbose_name_plural = _("wachtende e-mails")
        ordering = ["next_attempt_at"]

    def __str__(self):
        return self.subject


class ErasureRecord(models.Model):
    """That an erasure happened (AVG art. 17), without the data that was erased."""

    erased_at = models.DateTimeField(_("uitgevoerd op"), default=timezone.now)
    # The account's id, not a foreign key: the record outlives whatever happens to the row.
    user_id_erased = models.PositiveBigIntegerField(_("account-id"))
    entrepreneurs_anonymised = models.PositiveIntegerField(_("ondernemers geanonimiseerd"))
    requested_by_self = models.BooleanField(_("op eigen verzoek"), default=True)

    class Meta:
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"account {self.user_id_erased} · {self.erased_at:%Y-%m-%d}"


class ConsentPurpose(models.TextChoices):
    """What a person can consent to; the texts and their versions are in `trust.consent`."""

    PRIVACY_STATEMENT = "privacy_statement", _("privacyverklaring")
    PUBLIC_LISTING = "public_listing", _("vermelding op de openbare kantoorpagina")
    MUNICIPALITY_CONTACT = (
        "municipality_contact",
        _("e-mailadres en telefoonnummer delen met de gemeente"),
    )


class ConsentRecord(models.Model):
    """One consent given or withdrawn: append-only, a withdrawal is a new record.

    The subject is whoever is known when it is given: the email address of a join request
    (not yet a member), later the entrepreneur it became, or an account. Linking a record to
    the entrepreneur or account it turned out to be is the one change allowed (a queryset
    update in `consent.consents_link`); what was consented to never changes.
    """

    recorded_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    purpose = models.CharField(_("waarvoor"), max_length=30, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("gegeven"), help_text=_("Uit: geweigerd of ingetrokken."))
    text_version = models.CharField(_("versie van de tekst"), max_length=30)
    text_hash = models.CharField(_("SHA-256 van de tekst"), max_length=64)
    source = models.CharField(_("waar"), max_length=60)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("account"),
    )
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("sportondernemer"),
    )
    join_request = models.ForeignKey(
        "public.JoinRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("aanmelding"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("Voor toestemming die één gemeente geldt (contactgegevens delen)."),
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["purpose", "recorded_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.recorded_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Consent records are append-only.")
