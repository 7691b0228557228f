"""What the public site stores: an office's public texts, join requests, and its reach counts.

The public page's texts live in `OfficePublicPage` (one per office) rather than on `Office`, so
the registry stays the registry and everything a visitor can read is in one place. Join requests
hold personal data of people who are not members (yet): they are deleted on a schedule (see
`services.join_requests_purge`). Reach is counted in `OfficeMonthlyReach`, one row per office
and month, and never per visitor: nothing identifies who looked.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kapstok.network.validators import kvk_number_validator

# How long a request may wait for its email confirmation, and how long a decided request is
# kept after the decision; the privacy statement promises this.
RETENTION_DAYS = 30


class OfficePublicPage(models.Model):
    """The lead's own words on the public office page, and the successes chosen to show."""

    office = models.OneToOneField(
        "network.Office", on_delete=models.CASCADE, related_name="public_page", primary_key=True
    )
    about = models.TextField(
        _("wat het kantoor is en doet"),
        max_length=3000,
        blank=True,
        help_text=_("Gewone tekst; een witregel begint een nieuwe alinea."),
    )
    benefits = models.TextField(
        _("wat levert het op"),
        max_length=3000,
        blank=True,
        help_text=_("Wat heeft een sportondernemer eraan om mee te doen? Eén voordeel per regel."),
    )
    published_goals = models.ManyToManyField(
        "goals.Goal", blank=True, related_name="+", verbose_name=_("behaalde doelen tonen")
    )
    published_projects = models.ManyToManyField(
        "goals.Project",
        blank=True,
        related_name="+",
        verbose_name=_("afgeronde projecten tonen"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("openbare kantoorpagina")
        verbose_name_plural = _("openbare kantoorpagina's")

    def __str__(self):
        return str(self.office)

    def benefit_lines(self) -> list[str]:
        return [line.strip(" -•*") for line in self.benefits.splitlines() if line.strip(" -•*")]


class JoinRequestStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("e-mailadres nog niet bevestigd")
    CONFIRMED = "confirmed", _("wacht op besluit")
    ACCEPTED = "accepted", _("geaccepteerd")
    DECLINED = "declined", _("afgewezen")


OPEN_STATUSES = (JoinRequestStatus.UNCONFIRMED, JoinRequestStatus.CONFIRMED)


class JoinRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_decision(self):
        return self.filter(status=JoinRequestStatus.CONFIRMED)

    def expired(self, now: datetime.datetime):
        """Unconfirmed requests and decided ones past the retention period."""
        cutoff = now - datetime.timedelta(days=RETENTION_DAYS)
        unconfirmed = Q(status=JoinRequestStatus.UNCONFIRMED, updated_at__lt=cutoff)
        decided = Q(
            status__in=[JoinRequestStatus.ACCEPTED, JoinRequestStatus.DECLINED],
            decided_at__lt=cutoff,
        )
        return self.filter(unconfirmed | decided)


class JoinRequest(models.Model):
    """An entrepreneur's request to join an office, from the public join form."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="join_requests"
    )
    full_name = models.CharField(_("naam"), max_length=120)
    business_name = models.CharField(_("bedrijfsnaam"), max_length=150)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, validators=[kvk_number_validator])
    branches = models.ManyToManyField(
        "network.SportBranch", related_name="+", verbose_name=_("takken van sport")
    )
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    message = models.TextField(_("bericht"), max_length=2000, blank=True)
    listed_publicly = models.BooleanField(_("vermelden op de openbare pagina"), default=False)
    privacy_accepted_at = models.DateTimeField(_("privacyverklaring geaccepteerd op"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.UNCONFIRMED,
    )
    submissions = models.PositiveSmallIntegerField(
        _("keer verstuurd"),
        default=1,
        help_text=_(
            "Stuurt dezelfde afzender het formulier opnieuw vóór de bevestiging, dan wordt het "
            "samengevoegd."
        ),
    )
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(_("reden van afwijzing"), max_length=1000, blank=True)
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekoppelde sportondernemer"),
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-created_at"]
        constraints = [
            # The same person sending the form again updates their unconfirmed request; another
            # address, or a confirmed request, is never overwritten.
            models.UniqueConstraint(
                fields=["office", "kvk_number", "email"],
                condition=Q(status="unconfirmed"),
                name="one_unconfirmed_join_request_per_sender",
            )
        ]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self):
        return f"{self.business_name} → {self.office}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class OfficeMonthlyReach(models.Model):
    """Counts for one office in one month: the funnel views → requests → confirmed → accepted.

    Counted when they happen (not derived from `JoinRequest`), because requests are deleted
    after the retention period while the funnel should still show the months before.
    """

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="reach")
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    views = models.PositiveIntegerField(_("bezoeken"), default=0)
    join_requests = models.PositiveIntegerField(_("aanmeldingen"), default=0)
    confirmed = models.PositiveIntegerField(_("bevestigd"), default=0)
    accepted = models.PositiveIntegerField(_("geaccepteerd"), default=0)

    class Meta:
        verbose_name = _("bereik per maand")
        verbose_name_plural = _("bereik per maand")
        ordering = ["office", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["office", "month"], name="one_reach_row_per_month")
        ]

    def __str__(self):
        return f"{self.office} {self.month:%Y-%m}"
