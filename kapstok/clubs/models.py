"""Sports clubs (sportverenigingen) in a municipality, and their links to the peers' work.

The report (5.2) asks to connect entrepreneurs "met sportverenigingen": a club is registered
once per municipality (by hand or from a file the municipality or an office provides) and can
be linked to practices, meetings and exchange posts, so an office sees which clubs it already
works with and a practice shows which clubs took part.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

KVK_NUMBER = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))


class SportsClub(models.Model):
    """A sports club: an organisation, not a person.

    The secretary's address is meant to be the club's general address (secretariaat@…); a
    volunteer may still use a private one, so it is shown only to those who manage the
    municipality's clubs, never in lists for members or in the public API.
    """

    name = models.CharField(_("naam"), max_length=150)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="sports_clubs",
        verbose_name=_("gemeente"),
    )
    sports = models.ManyToManyField(
        "network.SportBranch", blank=True, related_name="sports_clubs", verbose_name=_("sporten")
    )
    other_sports = models.CharField(
        _("andere sporten"),
        max_length=200,
        blank=True,
        help_text=_("Sporten die niet in de lijst staan, zoals voetbal of korfbal."),
    )
    website = models.URLField(_("website"), blank=True, max_length=300)
    secretary_email = models.EmailField(
        _("e-mail secretariaat"),
        blank=True,
        help_text=_("Het algemene adres van het secretariaat van de vereniging, geen privéadres."),
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[KVK_NUMBER]
    )
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sportvereniging")
        verbose_name_plural = _("sportverenigingen")
        ordering = ["name"]
        constraints = [
            # "HC De Wielewaal" and "hc de wielewaal" in one municipality are one club.
            models.UniqueConstraint(
                Lower("name"),
                "municipality",
                name="unique_club_name_per_municipality",
                violation_error_message=_("Deze gemeente heeft al een vereniging met deze naam."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clubs:detail", args=[self.pk])

    def sport_names(self) -> list[str]:
        """The branches (prefetched by the caller) and the other sports, for lists and the API."""
        names = [sport.name for sport in self.sports.all()]
        return names + [name for name in self.other_sports.split(", ") if name]


class ClubLink(models.Model):
    """Who linked a club to something, and when: the part every link table shares."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class ClubPractice(ClubLink):
    club = models.ForeignKey(
        SportsClub,
        on_delete=models.CASCADE,
        related_name="practice_links",
        verbose_name=_("vereniging"),
    )
    practice = models.ForeignKey(
        "peers.Practice",
        on_delete=models.CASCADE,
        related_name="club_links",
        verbose_name=_("praktijkvoorbeeld"),
    )

    class Meta:
        verbose_name = _("vereniging bij praktijkvoorbeeld")
        verbose_name_plural = _("verenigingen bij praktijkvoorbeelden")
        constraints = [
            models.UniqueConstraint(fields=["club", "practice"], name="unique_club_practice")
        ]

    def __str__(self):
        return f"{self.club} – {self.practice}"


class ClubMeeting(ClubLink):
    club = models.ForeignKey(
        SportsClub,
        on_delete=models.CASCADE,
        related_name="meeting_links",
        verbose_name=_("vereniging"),
    )
    meeting = models.ForeignKey(
        "peers.Meeting",
        on_delete=models.CASCADE,
        related_name="club_links",
        verbose_name=_("bijeenkomst"),
    )

    class Meta:
        verbose_name = _("vereniging bij bijeenkomst")
        verbose_name_plural = _("verenigingen bij bijeenkomsten")
        constraints = [
            models.UniqueConstraint(fields=["club", "meeting"], name="unique_club_meeting")
        ]

    def __str__(self):
        return f"{self.club} – {self.meeting}"


class ClubPost(ClubLink):
    club = models.ForeignKey(
        SportsClub,
        on_delete=models.CASCADE,
        related_name="post_links",
        verbose_name=_("vereniging"),
    )
    post = models.ForeignKey(
        "peers.ExchangePost",
        on_delete=models.CASCADE,
        related_name="club_links",
        verbose_name=_("bericht"),
    )

    class Meta:
        verbose_name = _("vereniging bij bericht")
        verbose_name_plural = _("verenigingen bij berichten")
        constraints = [models.UniqueConstraint(fields=["club", "post"], name="unique_club_post")]

    def __str__(self):
        return f"{self.club} – {self.post}"
