"""What the municipality may see beyond the public fields: only what a member agreed to share.

A member who is not listed publicly is invisible to the municipality, and one who is shows only
name, branches and website (`kapstok.accounts.access.MemberDetail.PUBLIC`). `ContactSharing`
records that a member agreed to let the municipality of their office see their email address
and phone number too. It belongs to one membership: leaving the office ends it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactSharing(models.Model):
    membership = models.OneToOneField(
        "network.Membership",
        on_delete=models.CASCADE,
        related_name="contact_sharing",
        primary_key=True,
    )
    shares_contact_with_municipality = models.BooleanField(
        _("deelt e-mailadres en telefoonnummer met de gemeente"), default=False
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toestemming om te delen met de gemeente")
        verbose_name_plural = _("toestemmingen om te delen met de gemeente")

    def __str__(self):
        return f"{self.membership_id}: {self.shares_contact_with_municipality}"
