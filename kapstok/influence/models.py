"""The office as mouthpiece (report ch. 2.2): positions with a counted voice, and the register of
influence — seats in local bodies and outcomes won.

A `Position` (standpunt) goes concept → open for endorsement → sent → answered. Members endorse
it (`Endorsement`, one per entrepreneur); when the lead sends it, the PDF with the number of
endorsing entrepreneurs is stored with it, so what was sent stays exactly what was sent.
A `Seat` is a person of the office in a sport council, core team or prevention table for a
period; an `Achievement` is an outcome won, with a link or a document as evidence.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import BodyKind


class PositionStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    OPEN = "open", _("open voor steunbetuigingen")
    SENT = "sent", _("verstuurd")
    ANSWERED = "answered", _("beantwoord")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("overgenomen")
    PARTLY = "partly", _("deels overgenomen")
    REJECTED = "rejected", _("afgewezen")
    NO_ANSWER = "no_answer", _("geen antwoord")


SENT_STATUSES = (PositionStatus.SENT, PositionStatus.ANSWERED)


def position_pdf_path(instance, filename):
    # Our own name: no path tricks from titles.
    return (
        f"influence/positions/{instance.office_id}/{instance.pk}-{timezone.now():%Y%m%d%H%M%S}.pdf"
    )


class Position(models.Model):
    """A standpunt of an office, addressed to its municipality or to a local body."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), max_length=20000)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("aan de gemeente"),
    )
    addressed_body = models.ForeignKey(
        "network.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("aan het orgaan"),
    )
    recipient_email = models.EmailField(
        _("e-mailadres van de ontvanger"),
        blank=True,
        help_text=_("Hierheen gaat de pdf wanneer u het standpunt verstuurt."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PositionStatus.choices,
        default=PositionStatus.CONCEPT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    endorsements_at_sending = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.FileField(upload_to=position_pdf_path, max_length=255, blank=True)
    answered_on = models.DateField(_("antwoord ontvangen op"), null=True, blank=True)
    answer = models.TextField(_("antwoord"), blank=True, max_length=20000)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("uitkomst bekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("standpunt")
        verbose_name_plural = _("standpunten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(addressed_body__isnull=True),
                name="position_one_addressee",
                violation_error_message=_(
                    "Kies één ontvanger: de gemeente of een orgaan, niet allebei."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("influence:position_detail", args=[self.office.slug, self.pk])

    def clean(self):
        # At the field, so a form shows it there and skips the database constraint's message.
        if self.municipality_id and self.addressed_body_id:
            raise ValidationError(
                {
                    "addressed_body": _(
                        "Kies één ontvanger: de gemeente of een orgaan, niet allebei."
                    )
                }
            )

    @property
    def addressee(self):
        return self.municipality or self.addressed_body

    @property
    def addressee_label(self) -> str:
        if self.municipality_id:
            return _("gemeente %(name)s") % {"name": self.municipality.name}
        if self.addressed_body_id:
            return str(self.addressed_body)
        return ""

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATUSES


class Endorsement(models.Model):
    """One entrepreneur backs a position; the name is shown only with their consent."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="endorsements")
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur", on_delete=models.CASCADE, related_name="endorsements"
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    show_name = models.BooleanField(
        _("mijn bedrijfsnaam mag in het standpunt staan"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "entrepreneur"], name="one_endorsement_per_entrepreneur"
            )
        ]

    def __str__(self):
        return f"{self.entrepreneur} → {self.position}"


class Seat(models.Model):
    """A seat of the office in a local body, held by one person for a period."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="seats")
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    body = models.ForeignKey(
        "network.Body",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("orgaan"),
    )
    person = models.CharField(_("wie zit er namens het kantoor"), max_length=150)
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot en met"), null=True, blank=True)
    public = models.BooleanField(_("tonen op de openbare pagina"), default=False)

    class Meta:
        verbose_name = _("zetel")
        verbose_name_plural = _("zetels")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="seat_ends_after_start",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person}"

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": _("De einddatum ligt vóór de begindatum. Controleer beide datums.")}
            )

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


def evidence_path(instance, filename):
    return f"influence/evidence/{instance.office_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Achievement(models.Model):
    """An outcome the office won, e.g. 'subsidieregeling opengesteld voor ondernemers'."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="achievements"
    )
    title = models.CharField(_("wat is bereikt"), max_length=200)
    achieved_on = models.DateField(_("datum"))
    description = models.TextField(_("toelichting"), blank=True, max_length=5000)
    evidence_url = models.URLField(_("bewijs (link)"), blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, max_length=255, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="achievements",
        verbose_name=_("naar aanleiding van standpunt"),
    )
    public = models.BooleanField(_("tonen op de openbare pagina"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("behaald resultaat")
        verbose_name_plural = _("behaalde resultaten")
        ordering = ["-achieved_on", "-pk"]

    def __str__(self):
        return self.title


# --- POS-wide positions (report 5.1 and the VAT example in 2.3) -------------------------------


class NationalStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    OPEN = "open", _("open voor steunbetuigingen")
    CLOSED = "closed", _("gesloten")
    SENT = "sent", _("verstuurd")


class NationalPosition(models.Model):
    """A position POS takes for the whole network (the VAT rate on sport, say), endorsed by the
    members of every office. A sibling of the office's `Position`, not a variant of it: it has
    no office, no single addressee and no stored PDF, because each municipality gets its own
    PDF with the endorsers of that municipality."""

    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), max_length=20000)
    ask = models.TextField(
        _("wat we vragen"),
        max_length=2000,
        help_text=_("De vraag aan gemeenten en politiek, in één of twee zinnen."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NationalStatus.choices,
        default=NationalStatus.CONCEPT,
        db_index=True,
    )
    closes_on = models.DateField(
        _("steun mogelijk tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als u de steunronde zelf sluit."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("landelijk standpunt")
        verbose_name_plural = _("landelijke standpunten")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("influence:national_position_detail", args=[self.pk])

    def accepts_endorsements(self, today=None) -> bool:
        """Open, and its closing day (if any) not yet past."""
        today = today or timezone.localdate()
        return self.status == NationalStatus.OPEN and (
            self.closes_on is None or self.closes_on >= today
        )


class NationalEndorsement(models.Model):
    """One business backs a POS-wide position, counted for the office it is a member of and
    the municipality it is established in; named only with its consent."""

    position = models.ForeignKey(
        NationalPosition, on_delete=models.CASCADE, related_name="endorsements"
    )
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur", on_delete=models.CASCADE, related_name="national_endorsements"
    )
    # The office through which the business was a member when it endorsed, so that the totals
    # per office add up to the national total even for a business in two offices.
    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="+")
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    show_name = models.BooleanField(
        _("mijn bedrijfsnaam mag in het standpunt staan"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("landelijke steunbetuiging")
        verbose_name_plural = _("landelijke steunbetuigingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "entrepreneur"],
                name="one_national_endorsement_per_entrepreneur",
                violation_error_message=_("Uw bedrijf steunt dit standpunt al."),
            )
        ]

    def __str__(self):
        return f"{self.entrepreneur} → {self.position}"
