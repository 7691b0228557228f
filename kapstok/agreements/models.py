"""Role agreements (rollenafspraken, report ch. 5.2): who decides, executes, supports or is
informed, per task, between POS, the office, the municipality and a partner.

One `RoleAgreement` is one version, made in one round: the parties each submit a `PartyView`
of the whole matrix, the lead or POS proposes the agreed matrix (stored on the agreement), and
each party acknowledges it (`Acknowledgement`). When all have, the version is agreed. A new
round makes a new version; older versions stay readable. Matrices are JSON
``{task_id: {party: responsibility}}``: a small grid read and written whole, never queried by cell.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Party(models.TextChoices):
    POS = "pos", _("POS")
    OFFICE = "office", _("kantoor")
    MUNICIPALITY = "municipality", _("gemeente")
    PARTNER = "partner", _("partner")


class Responsibility(models.TextChoices):
    DECIDES = "decides", _("beslist")
    EXECUTES = "executes", _("voert uit")
    SUPPORTS = "supports", _("ondersteunt")
    INFORMED = "informed", _("wordt geïnformeerd")


class AgreementStatus(models.TextChoices):
    VIEWS = "views", _("beelden verzamelen")
    PROPOSED = "proposed", _("voorstel ter bevestiging")
    AGREED = "agreed", _("vastgesteld")


class RoleAgreement(models.Model):
    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="role_agreements"
    )
    version = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.VIEWS
    )
    parties = models.JSONField(default=list)
    cells = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rollenafspraak")
        verbose_name_plural = _("rollenafspraken")
        ordering = ["office", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "version"], name="unique_agreement_version"),
            # One round at a time: a new round starts after the last one is agreed.
            models.UniqueConstraint(
                fields=["office"],
                condition=~Q(status="agreed"),
                name="one_open_agreement_round_per_office",
            ),
        ]

    def __str__(self):
        return f"{self.office} v{self.version}"

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.office.slug, self.version])

    @property
    def party_choices(self) -> list[tuple[str, str]]:
        labels = dict(Party.choices)
        return [(party, labels[party]) for party in self.parties]


class AgreementTask(models.Model):
    agreement = models.ForeignKey(RoleAgreement, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("taak"), max_length=120)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class PartyView(models.Model):
    """One party's own view of the whole matrix, before the parties compare."""

    agreement = models.ForeignKey(RoleAgreement, on_delete=models.CASCADE, related_name="views")
    party = models.CharField(max_length=12, choices=Party.choices)
    cells = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agreement", "party"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_view_per_party")
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_party_display()}"


class Acknowledgement(models.Model):
    """A party confirms the proposed matrix; a new proposal clears them."""

    agreement = models.ForeignKey(
        RoleAgreement, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    party = models.CharField(max_length=12, choices=Party.choices)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agreement", "party"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party"], name="one_acknowledgement_per_party"
            )
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_party_display()}"
