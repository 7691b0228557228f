"""Connecting offices: the weights of peer similarity and the practice library.

`PeerWeights` holds the weights of `kapstok.analysis.similarity` that POS staff tune (one row,
like the stall thresholds). A `Practice` is what one office tried and learnt, for the others;
`PracticeTrial` records "dit hebben wij ook geprobeerd" by another office, with the outcome.
"""

import functools
import operator
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kapstok.analysis import similarity
from kapstok.core.validators import InRange, in_range

from .search import PracticeDocument

WEIGHT_HELP = {
    "population": _("Aantal inwoners van de gemeente(n)."),
    "urbanisation": _("Stedelijkheidsklasse van het CBS."),
    "density": _("Inwoners per km² land."),
    "distance": _("Hoe dichtbij het andere kantoor ligt."),
    "size": _("Aantal leden van het netwerk."),
    "phase": _("De fase waarin het kantoor zit."),
    "initiative": _("Op wiens initiatief het kantoor is opgericht."),
    "themes": _("Gedeelde thema's uit de strategische sessies."),
}


# A weight of 0 switches a factor off; below that or above 10 makes no sense, and all at 0
# leaves nothing to compare (`clean`, and a constraint).
WEIGHT_LOW, WEIGHT_HIGH = Decimal(0), Decimal(10)
WEIGHT_FIELDS = (
    "population",
    "urbanisation",
    "density",
    "distance",
    "size",
    "phase",
    "initiative",
    "themes",
)


def _weight_field(label, default):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=default,
        validators=[InRange(WEIGHT_LOW, WEIGHT_HIGH)],
    )


class PeerWeights(models.Model):
    """The weights of the peer similarity; one row, edited by POS staff."""

    population = _weight_field(_("inwoners"), 2)
    urbanisation = _weight_field(_("stedelijkheid"), 2)
    density = _weight_field(_("dichtheid"), 1)
    distance = _weight_field(_("afstand"), 1)
    size = _weight_field(_("omvang van het netwerk"), 1)
    phase = _weight_field(_("fase"), 1)
    initiative = _weight_field(_("initiatief"), 0.5)
    themes = _weight_field(_("gedeelde thema's"), 1.5)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gewichten collega-kantoren")
        verbose_name_plural = _("gewichten collega-kantoren")
        constraints = [
            *(
                in_range(field, WEIGHT_LOW, WEIGHT_HIGH, f"peer_weight_{field}_range")
                for field in WEIGHT_FIELDS
            ),
            models.CheckConstraint(
                condition=functools.reduce(
                    operator.or_, (models.Q(**{f"{field}__gt": 0}) for field in WEIGHT_FIELDS)
                ),
                name="peer_weights_not_all_zero",
                violation_error_message=_(
                    "Alle gewichten staan op nul: zet er minstens één hoger dan nul."
                ),
            ),
        ]

    def __str__(self):
        return str(_("gewichten collega-kantoren"))

    @classmethod
    def current(cls) -> "PeerWeights":
        return cls.objects.order_by("pk").first() or cls()

    def weights(self) -> similarity.Weights:
        return similarity.Weights(
            **{name: float(getattr(self, name)) for name in similarity.COMPONENTS}
        )

    def clean(self):
        super().clean()
        values = [getattr(self, name) for name in similarity.COMPONENTS]
        if any(value is None for value in values):
            return
        problem = self.weights().problem()
        if problem == "negative":
            raise ValidationError(_("Een gewicht kan niet negatief zijn."))
        if problem == "all_zero":
            raise ValidationError(
                _("Alle gewichten staan op nul: zet er minstens één hoger dan nul.")
            )


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("intern (alleen binnen het netwerk)")
    PUBLIC = "public", _("openbaar")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")


class Practice(models.Model):
    """A practice example: what an office did, why, what came of it and what it cost."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(_("titel"), max_length=150)
    what = models.TextField(_("wat hebben we gedaan"), max_length=4000)
    why = models.TextField(_("waarom"), max_length=2000, blank=True)
    result = models.TextField(_("resultaat"), max_length=2000, blank=True)
    costs = models.CharField(_("kosten"), max_length=200, blank=True)
    contact = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    themes = models.ManyToManyField(
        "strategy.CatalogueTheme", related_name="practices", blank=True, verbose_name=_("thema's")
    )
    branches = models.ManyToManyField(
        "network.SportBranch",
        related_name="practices",
        blank=True,
        verbose_name=_("takken van sport"),
    )
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    source_project = models.OneToOneField(
        "goals.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice",
    )
    # Snowball stems of all texts, space-padded: the full-text fallback on SQLite.
    search_terms = models.TextField(editable=False, blank=True, default="")
    # The Dutch full-text document on PostgreSQL, computed by the database on every write
    # (whatever writes: a service, a bulk insert, the bench generator); empty on SQLite.
    search_document = models.GeneratedField(
        expression=PracticeDocument(), output_field=SearchVectorField(), db_persist=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")
        ordering = ["-updated_at"]
        # The library lists the newest first and stops at 50: without the index on
        # `updated_at` the database sorts all 10,000 practices for every page.
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["-updated_at"], name="peers_practice_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("peers:practice_detail", args=[self.pk])

    def text(self) -> str:
        return "\n".join([self.title, self.what, self.why, self.result, self.costs])


class TrialOutcome(models.TextChoices):
    WORKED = "worked", _("werkte ook bij ons")
    PARTLY = "partly", _("werkte deels")
    FAILED = "failed", _("werkte bij ons niet")


class PracticeTrial(models.Model):
    """'Dit hebben wij ook geprobeerd': another office's experience with a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="trials")
    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=TrialOutcome.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ook geprobeerd")
        verbose_name_plural = _("ook geprobeerd")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "office"], name="one_trial_per_office")
        ]

    def __str__(self):
        return f"{self.office} – {self.practice}"


class PostKind(models.TextChoices):
    QUESTION = "question", _("vraag")
    OFFER = "offer", _("aanbod")
    REQUEST = "request", _("verzoek")


class PostTopic(models.TextChoices):
    SPACE = "space", _("ruimte")
    EQUIPMENT = "equipment", _("materiaal")
    KNOWLEDGE = "knowledge", _("kennis")
    STAFF = "staff", _("personeel")
    OTHER = "other", _("anders")


class ExchangePostQuerySet(models.QuerySet):
    def open(self):
        return self.filter(solved_at__isnull=True)

    def matches_for(self, post):
        """Open posts of the same office and topic on the other side: offers meet questions
        and requests, and the other way round."""
        if post.kind == PostKind.OFFER:
            kinds = [PostKind.QUESTION, PostKind.REQUEST]
        else:
            kinds = [PostKind.OFFER]
        return (
            self.open()
            .filter(office_id=post.office_id, topic=post.topic, kind__in=kinds)
            .exclude(pk=post.pk)
        )


class ExchangePost(models.Model):
    """A post on an office's exchange board: entrepreneurs ask for and offer help.

    Plain text only: templates escape it, so HTML someone types shows as text, never runs.
    """

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="exchange_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=PostKind.choices)
    topic = models.CharField(_("over"), max_length=10, choices=PostTopic.choices)
    title = models.CharField(_("titel"), max_length=150)
    body = models.TextField(_("toelichting"), max_length=3000, blank=True)
    is_regional = models.BooleanField(
        _("zichtbaar in de regio"),
        default=False,
        help_text=_(
            "Ook de leden en kartrekkers van de andere kantoren in uw provincie zien dit "
            "bericht en kunnen reageren."
        ),
    )
    solved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExchangePostQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht op het uitwisselbord")
        verbose_name_plural = _("berichten op het uitwisselbord")
        ordering = ["solved_at", "-created_at"]
        indexes = [models.Index(fields=["office", "topic", "kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("peers:exchange_detail", args=[self.office.slug, self.pk])


class ExchangeReply(models.Model):
    post = models.ForeignKey(ExchangePost, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("reactie"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:50]


class MeetingScope(models.TextChoices):
    NATIONAL = "national", _("landelijk")
    REGIONAL = "regional", _("regionaal")
    OFFICE = "office", _("kantoor")


INVITABLE_ROLES = [
    ("lead", _("kartrekkers")),
    ("member", _("leden (ondernemers)")),
    ("civil_servant", _("beleidsambtenaren")),
    ("partner_staff", _("partners")),
]


class MeetingQuerySet(models.QuerySet):
    def public_for(self, office):
        """Public meetings an office hosts or is invited to: for its public page."""
        return (
            self.filter(is_public=True)
            .filter(models.Q(office=office) | models.Q(invited_offices=office))
            .distinct()
        )


class Meeting(models.Model):
    """A national, regional or office meeting; offices and/or roles are invited.

    With offices and roles both set, the invitation is for those roles within those offices;
    with only roles, for everybody with such a role; with only offices, for all their people.
    """

    scope = models.CharField(_("soort"), max_length=10, choices=MeetingScope.choices)
    office = models.ForeignKey(
        "network.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("gastkantoor"),
    )
    title = models.CharField(_("titel"), max_length=150)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)
    minutes = models.TextField(_("verslag"), max_length=10000, blank=True)
    is_public = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Verschijnt op de openbare pagina van de betrokken kantoren."),
    )
    invited_offices = models.ManyToManyField(
        "network.Office",
        blank=True,
        related_name="meetings",
        verbose_name=_("uitgenodigde kantoren"),
    )
    invited_roles = models.JSONField(_("uitgenodigde rollen"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("peers:meeting_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("De bijeenkomst eindigt vóór ze begint.")})


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("ik kom")
    MAYBE = "maybe", _("misschien")
    NO = "no", _("ik kom niet")


class MeetingRsvp(models.Model):
    """One person's answer to a meeting, and afterwards whether they were there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("antwoord"), max_length=10, choices=RsvpAnswer.choices)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_rsvp_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"


class Region(models.Model):
    """A regional group of offices, proposed by `kapstok.analysis.regions` and saved by POS."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    offices = models.ManyToManyField(
        "network.Office", through="RegionOffice", related_name="regions", verbose_name=_("kantoren")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegionOffice(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE)
    # An office belongs to at most one region.
    office = models.OneToOneField(
        "network.Office", on_delete=models.CASCADE, related_name="region_link"
    )

    class Meta:
        verbose_name = _("kantoor in regio")
        verbose_name_plural = _("kantoren in regio's")

    def __str__(self):
        return f"{self.office} – {self.region}"
