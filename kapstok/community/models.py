"""What an office does for the community around it (report 2.2 and 4.3): its social value.

Commercial sport wants to be seen as more than business: entrepreneurs run lessons with
schools, programmes with care and welfare, activities in the neighbourhood, adapted sport.
A `CommunityActivity` records one such activity with the number of participants it reached;
a `CommunityStory` tells one with a photo for the public page. Totals are never stored: they
are counted from the activities (`selectors.social_value`).

The photo is re-encoded on upload (`photos.prepared_photo`): at most 1600 px, no EXIF or GPS
metadata, and it is only stored once the office confirms the people in it agreed to publication.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

MAX_PARTICIPANTS = 100_000
STORY_TEXT_LENGTH = 2000
DESCRIPTION_LENGTH = 1000


class ActivityKind(models.TextChoices):
    SCHOOLS = "schools", _("met scholen")
    CARE = "care", _("met zorg en welzijn")
    NEIGHBOURHOOD = "neighbourhood", _("in de wijk")
    ADAPTED = "adapted", _("aangepast sporten")
    OTHER = "other", _("anders")


class CommunityActivity(models.Model):
    """One activity of the office's members for the community, e.g. a week of gym lessons at a
    primary school, with how many people it reached."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="community_activities"
    )
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=16, choices=ActivityKind.choices)
    partner = models.CharField(
        _("partnerorganisatie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de school, de zorginstelling of het buurthuis."),
    )
    participants = models.IntegerField(
        _("aantal bereikte deelnemers"),
        validators=[InRange(0, MAX_PARTICIPANTS)],
    )
    description = models.TextField(
        _("korte beschrijving"), max_length=DESCRIPTION_LENGTH, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("maatschappelijke activiteit")
        verbose_name_plural = _("maatschappelijke activiteiten")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["office", "held_on"])]
        constraints = [
            in_range("participants", 0, MAX_PARTICIPANTS, "community_participants_range"),
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="community_activity_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title


def photo_path(instance, filename):
    # Our own name, never the uploader's: no path tricks, nothing personal in the file name.
    return f"community/{instance.office_id}/{timezone.now():%Y%m%d%H%M%S%f}.jpg"


class CommunityStory(models.Model):
    """A story with a photo of what the office did for the community, for the public page once
    published. The photo is stored re-encoded (JPEG, ≤ 1600 px, no metadata)."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="community_stories"
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), max_length=STORY_TEXT_LENGTH)
    photo = models.FileField(upload_to=photo_path, max_length=255)
    photo_width = models.PositiveIntegerField(default=0)
    photo_height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(
        _("beschrijving van de foto (alt-tekst)"),
        max_length=250,
        help_text=_("Wat er op de foto te zien is, voor wie hem niet kan zien."),
    )
    consent_confirmed = models.BooleanField(
        _("de mensen op de foto gaven toestemming voor publicatie"), default=False
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verhaal voor de buurt")
        verbose_name_plural = _("verhalen voor de buurt")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # No photo of people is stored without their agreement, whatever path saves it.
            models.CheckConstraint(condition=Q(consent_confirmed=True), name="story_has_consent"),
            models.CheckConstraint(
                condition=Q(published=False) | Q(published_at__isnull=False),
                name="story_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_photo_url(self) -> str:
        # The version in the query keeps a cached old photo from showing after a replacement.
        url = reverse("community:story_photo", args=[self.office.slug, self.pk])
        return f"{url}?v={self.updated_at:%Y%m%d%H%M%S}"
