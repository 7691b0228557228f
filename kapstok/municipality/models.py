"""What the municipality may see beyond the public fields: only what a member agreed to share.

A member who is not listed publicly is invisible to the municipality, and one who is shows only
name, branches and website (`kapstok.accounts.access.MemberDetail.PUBLIC`). Whether the
municipality also sees the e-mail address and phone rests on the business's own consent for
*that* municipality, a `kapstok.trust.models.ConsentRecord` (purpose `MUNICIPALITY_CONTACT`):
given by the business only, withdrawable at any time.

What the municipality gives an office (money, facilities, a commission) is a `Contribution`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

MAX_AMOUNT = Decimal(10_000_000)


class ContributionKind(models.TextChoices):
    MONEY = "money", _("geld")
    FACILITIES = "facilities", _("faciliteiten")
    COMMISSION = "commission", _("opdracht")


class Contribution(models.Model):
    """What a municipality gives an office (report ch. 2.1), e.g. €600 once from sportakkoord
    money. Seen by POS, the office and that municipality only."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="contributions"
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("gemeente"),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ContributionKind.choices)
    given_on = models.DateField(_("datum"))
    amount = models.DecimalField(
        _("bedrag (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            InRange(
                Decimal(0),
                MAX_AMOUNT,
                message=_("Kies een bedrag van € %(low)s tot en met € %(high)s."),
            )
        ],
    )
    purpose = models.CharField(_("doel"), max_length=250)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gemeentelijke bijdrage")
        verbose_name_plural = _("gemeentelijke bijdragen")
        ordering = ["-given_on", "-pk"]
        constraints = [in_range("amount", 0, MAX_AMOUNT, "contribution_amount_range")]

    def __str__(self):
        return f"{self.municipality} → {self.office}: {self.purpose}"
