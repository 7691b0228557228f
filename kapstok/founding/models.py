"""An office in founding and its checklist: what has to be in place before it is "opgericht".

Two of the four items are derived from data (kartrekkers, first members) and tick themselves;
the first meeting is ticked by hand; the municipality contact ticks itself when the
municipality has a contact person in Kapstok and is otherwise ticked by hand (with whom, when).
The checklist stays after the founding, as a record of how the office started.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

MEMBERS_NEEDED_DEFAULT = 5
MEMBERS_NEEDED_MAX = 100


class FoundingChecklist(models.Model):
    office = models.OneToOneField(
        "network.Office",
        on_delete=models.CASCADE,
        related_name="founding",
        verbose_name=_("POS-kantoor"),
    )
    started_on = models.DateField(_("in oprichting sinds"), default=timezone.localdate)
    members_needed = models.PositiveSmallIntegerField(
        _("eerste leden nodig"),
        default=MEMBERS_NEEDED_DEFAULT,
        validators=[InRange(1, MEMBERS_NEEDED_MAX)],
        help_text=_("Zoveel aangesloten ondernemers heeft het kantoor bij de oprichting."),
    )
    first_meeting_on = models.DateField(_("eerste bijeenkomst op"), null=True, blank=True)
    first_meeting_note = models.CharField(_("toelichting"), max_length=500, blank=True)
    municipality_contact_on = models.DateField(
        _("contact met de gemeente op"), null=True, blank=True
    )
    municipality_contact_with = models.CharField(_("met wie"), max_length=150, blank=True)
    municipality_contact_note = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("oprichtingschecklist")
        verbose_name_plural = _("oprichtingschecklists")
        ordering = ["started_on", "pk"]
        constraints = [
            in_range("members_needed", 1, MEMBERS_NEEDED_MAX, "founding_members_needed_in_range"),
            models.CheckConstraint(
                condition=Q(municipality_contact_on__isnull=True)
                | ~Q(municipality_contact_with=""),
                name="founding_contact_names_whom",
                violation_error_message=_("Vul in met wie bij de gemeente er contact was."),
            ),
        ]

    def __str__(self):
        return str(self.office)
