"""The registry of the POS network: municipalities, branches, offices, entrepreneurs, members.

Names follow the glossary in the brief (`Office` is a POS-kantoor, `Entrepreneur` a
sportondernemer). Facts that can be derived are derived, never typed: an office's size class
follows from its member count, member counts on any date follow from the membership history.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import cbs_code_validator, establishment_number_validator, kvk_number_validator


class Urbanisation(models.IntegerChoices):
    """CBS 'mate van stedelijkheid', by address density."""

    VERY_STRONG = 1, _("zeer sterk stedelijk")
    STRONG = 2, _("sterk stedelijk")
    MODERATE = 3, _("matig stedelijk")
    LITTLE = 4, _("weinig stedelijk")
    NONE = 5, _("niet stedelijk")


class MunicipalityQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class Municipality(models.Model):
    """A Dutch municipality as CBS publishes it; refreshed by `load_municipalities`."""

    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    name = models.CharField(_("naam"), max_length=100)
    province_code = models.CharField(_("provinciecode"), max_length=4)
    province = models.CharField(_("provincie"), max_length=50, db_index=True)
    population = models.PositiveIntegerField(_("inwoners"))
    area_land_km2 = models.DecimalField(_("landoppervlakte (km²)"), max_digits=9, decimal_places=2)
    density = models.PositiveIntegerField(_("inwoners per km² land"))
    urbanisation = models.PositiveSmallIntegerField(
        _("stedelijkheid"), choices=Urbanisation.choices
    )
    label_lat = models.FloatField(_("labelpunt breedtegraad"))
    label_lon = models.FloatField(_("labelpunt lengtegraad"))
    statistics_year = models.PositiveSmallIntegerField(_("jaar van de cijfers"))
    ended_on = models.DateField(
        _("opgeheven op"),
        null=True,
        blank=True,
        help_text=_("Gezet wanneer de gemeente niet meer in de CBS-indeling voorkomt."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:municipality_detail", args=[self.code])


class MunicipalityBoundary(models.Model):
    """A municipality's outline as GeoJSON; kept apart so lists never load kilobytes of it."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="boundary", primary_key=True
    )
    geometry = models.JSONField(_("grens (GeoJSON)"))

    class Meta:
        verbose_name = _("gemeentegrens")
        verbose_name_plural = _("gemeentegrenzen")

    def __str__(self):
        return str(self.municipality)


class SportBranchGroup(models.TextChoices):
    FITNESS = "fitness", _("Fitness en training")
    RACKET = "racket", _("Racketsporten")
    OUTDOOR = "outdoor", _("Buiten- en natuursport")
    WATER = "water", _("Water- en zwemsport")
    MOVEMENT = "movement", _("Dans, yoga en beweging")
    COMBAT = "combat", _("Vecht- en zelfverdedigingssport")
    EQUESTRIAN_GOLF = "equestrian_golf", _("Paardensport en golf")
    LEISURE = "leisure", _("Recreatie en spel")
    EDUCATION = "education", _("Sportonderwijs en overig")


class SportBranch(models.Model):
    """A branch of sport (tak van sport) in the POS taxonomy; see `network.taxonomy`."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=80)
    group = models.CharField(_("groep"), max_length=20, choices=SportBranchGroup.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tak van sport")
        verbose_name_plural = _("takken van sport")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class SbiCode(models.Model):
    """An SBI code (KvK activity code) that points to one or more branches of sport."""

    code = models.CharField(_("SBI-code"), max_length=10)
    version = models.CharField(_("versie"), max_length=20, default="SBI2008")
    label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    relevance = models.CharField(_("relevantie"), max_length=10, blank=True)
    branches = models.ManyToManyField(SportBranch, related_name="sbi_codes", blank=True)

    class Meta:
        verbose_name = _("SBI-code")
        verbose_name_plural = _("SBI-codes")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_sbi_code")]

    def __str__(self):
        return f"{self.code} {self.label}".strip()


class BranchOrganisation(models.Model):
    """A branch organisation: one of the 18 direct members of POS."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    website = models.URLField(_("website"), blank=True)
    branches = models.ManyToManyField(
        SportBranch, related_name="branch_organisations", blank=True, verbose_name=_("takken")
    )

    class Meta:
        verbose_name = _("brancheorganisatie")
        verbose_name_plural = _("brancheorganisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Initiative(models.TextChoices):
    POS = "pos", _("POS")
    ENTREPRENEURS = "entrepreneurs", _("ondernemers")
    MUNICIPALITY = "municipality", _("gemeente")
    JOINT = "joint", _("gezamenlijk")


class LegalForm(models.TextChoices):
    NONE = "none", _("geen")
    ASSOCIATION = "association", _("vereniging")
    FOUNDATION = "foundation", _("stichting")


class OfficeStatus(models.TextChoices):
    FOUNDING = "founding", _("in oprichting")
    ACTIVE = "active", _("actief")
    DORMANT = "dormant", _("slapend")
    DISSOLVED = "dissolved", _("opgeheven")


class SizeClass(models.TextChoices):
    SMALL = "small", _("klein")
    MEDIUM = "medium", _("middelgroot")
    LARGE = "large", _("groot")


# Member-count bounds of the size classes: up to 15 members is a small network, from 40 a large one.
SIZE_CLASS_MEDIUM_FROM = 15
SIZE_CLASS_LARGE_FROM = 40


def size_class_for(member_count: int) -> str:
    """The size class of a network with this many members.

    >>> [str(size_class_for(n)) for n in (8, 20, 55)]
    ['small', 'medium', 'large']
    """
    if member_count >= SIZE_CLASS_LARGE_FROM:
        return SizeClass.LARGE
    if member_count >= SIZE_CLASS_MEDIUM_FROM:
        return SizeClass.MEDIUM
    return SizeClass.SMALL


class OfficeQuerySet(models.QuerySet):
    def with_member_count(self, on: datetime.date | None = None):
        """Annotate `member_count`: memberships active on the given date (default today)."""
        on = on or timezone.localdate()
        active = Q(memberships__joined_on__lte=on) & (
            Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=on)
        )
        return self.annotate(member_count=models.Count("memberships", filter=active, distinct=True))

    def founded(self):
        """Offices that exist as offices: not the ones still being founded (they have no
        founding date yet and do not count in national figures, lists or signals)."""
        return self.exclude(status=OfficeStatus.FOUNDING)

    def working(self):
        """Founded offices that have not been dissolved: the network as it stands."""
        return self.exclude(status__in=[OfficeStatus.FOUNDING, OfficeStatus.DISSOLVED])

    def of_size(self, size: str):
        """Filter on the derived size class; needs `with_member_count()` first."""
        if size == SizeClass.SMALL:
            return self.filter(member_count__lt=SIZE_CLASS_MEDIUM_FROM)
        if size == SizeClass.MEDIUM:
            return self.filter(
                member_count__gte=SIZE_CLASS_MEDIUM_FROM, member_count__lt=SIZE_CLASS_LARGE_FROM
            )
        if size == SizeClass.LARGE:
            return self.filter(member_count__gte=SIZE_CLASS_LARGE_FROM)
        return self


class Office(models.Model):
    """A POS-kantoor: the local network of sport entrepreneurs in one or more municipalities."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("webadres"), unique=True, max_length=80)
    municipalities = models.ManyToManyField(
        Municipality, related_name="offices", verbose_name=_("gemeenten")
    )
    # Empty exactly while the office is being founded (`office_founded_on_unless_founding`):
    # the date it was founded is the day POS or its lead marks the founding checklist done.
    founded_on = models.DateField(_("opgericht op"), null=True, blank=True)
    initiative = models.CharField(_("initiatief"), max_length=20, choices=Initiative.choices)
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=20, choices=LegalForm.choices, default=LegalForm.NONE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OfficeStatus.choices, default=OfficeStatus.ACTIVE
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telefoon"), max_length=20, blank=True)
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("POS-kantoor")
        verbose_name_plural = _("POS-kantoren")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="founding") & Q(founded_on__isnull=True))
                | (~Q(status="founding") & Q(founded_on__isnull=False)),
                name="office_founded_on_unless_founding",
                violation_error_message=_(
                    "Een opgericht kantoor heeft een oprichtingsdatum; een kantoor in oprichting "
                    "nog niet."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:office_detail", args=[self.slug])

    def get_public_url(self):
        return reverse("public:office", args=[self.slug])

    @property
    def is_founding(self) -> bool:
        return self.status == OfficeStatus.FOUNDING

    def member_count_on(self, on: datetime.date | None = None) -> int:
        if hasattr(self, "member_count") and on is None:
            return self.member_count
        return self.memberships.active_on(on or timezone.localdate()).count()

    @property
    def size_class(self) -> str:
        return size_class_for(self.member_count_on())

    def get_size_class_display(self) -> str:
        return SizeClass(self.size_class).label


class SizeBand(models.TextChoices):
    SOLO = "solo", _("zzp / 1 persoon")
    SMALL = "small", _("2–9 medewerkers")
    MEDIUM = "medium", _("10–49 medewerkers")
    LARGE = "large", _("50 of meer medewerkers")


class Entrepreneur(models.Model):
    """A sport entrepreneur: one business establishment (KvK number + establishment number)."""

    business_name = models.CharField(_("bedrijfsnaam"), max_length=150)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, validators=[kvk_number_validator], db_index=True
    )
    establishment_number = models.CharField(
        _("vestigingsnummer"),
        max_length=12,
        blank=True,
        default="",
        validators=[establishment_number_validator],
        help_text=_("Laat leeg als het bedrijf één vestiging heeft."),
    )
    branches = models.ManyToManyField(
        SportBranch, related_name="entrepreneurs", verbose_name=_("takken van sport")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="entrepreneurs",
        verbose_name=_("gemeente"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    size_band = models.CharField(
        _("omvang"), max_length=10, choices=SizeBand.choices, default=SizeBand.SMALL
    )
    branch_organisations = models.ManyToManyField(
        BranchOrganisation,
        related_name="entrepreneurs",
        blank=True,
        verbose_name=_("lid van brancheorganisaties"),
    )
    is_chain = models.BooleanField(_("onderdeel van een keten"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sportondernemer")
        verbose_name_plural = _("sportondernemers")
        ordering = ["business_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number", "establishment_number"],
                name="unique_kvk_establishment",
                violation_error_message=_(
                    "Er is al een sportondernemer met dit KvK-nummer en vestigingsnummer."
                ),
            )
        ]

    def __str__(self):
        return self.business_name

    def get_absolute_url(self):
        return reverse("network:entrepreneur_detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def active_on(self, on: datetime.date):
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def current(self):
        return self.active_on(timezone.localdate())


class LeaveReason(models.TextChoices):
    """Why a member left, asked when a membership ends: the report's "what's in it for me?"."""

    NO_VALUE = "no_value", _("het levert te weinig op")
    NO_TIME = "no_time", _("geen tijd")
    COSTS = "costs", _("te duur")
    NOT_FITTING = "not_fitting", _("past niet bij mijn bedrijf")
    STOPPED = "stopped", _("bedrijf gestopt of verhuisd")
    OTHER = "other", _("anders")


LEAVE_NOTE_MAX_LENGTH = 300


class Membership(models.Model):
    """An entrepreneur's membership of an office; ended memberships are kept as history."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(_("lid tot"), null=True, blank=True)
    # Blank for memberships that ended before the reason was asked.
    left_reason = models.CharField(
        _("reden van vertrek"), max_length=12, choices=LeaveReason.choices, blank=True
    )
    left_note = models.CharField(
        _("toelichting bij vertrek"), max_length=LEAVE_NOTE_MAX_LENGTH, blank=True
    )
    listed_publicly = models.BooleanField(
        _("vermeld op de openbare pagina"),
        default=False,
        help_text=_("Naam, tak van sport en website verschijnen op de openbare kantoorpagina."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["-joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
            # One open membership per entrepreneur and office; closed ones are history.
            models.UniqueConstraint(
                fields=["office", "entrepreneur"],
                condition=Q(left_on__isnull=True),
                name="one_open_membership_per_office",
            ),
        ]
        indexes = [models.Index(fields=["office", "joined_on", "left_on"])]

    def __str__(self):
        return f"{self.entrepreneur} @ {self.office}"

    def clean(self):
        super().clean()
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("De einddatum ligt vóór de datum van aansluiten.")})

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.joined_on <= today and (self.left_on is None or self.left_on > today)


class PartnerKind(models.TextChoices):
    SPORT_SERVICE = "sport_service", _("sportservice-organisatie")
    FACILITATOR = "facilitator", _("procesbegeleider")
    BRANCH_ORGANISATION = "branch_organisation", _("brancheorganisatie")
    OTHER = "other", _("overig")


class Partner(models.Model):
    """A sport service organisation, facilitator or other partner that works for offices.

    A branch organisation that works for an office is a partner too (kind
    `branch_organisation`), linked to its `BranchOrganisation` so the office adds it through
    the same partner flow as any other; one partner per branch organisation.
    """

    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=20, choices=PartnerKind.choices)
    municipalities = models.ManyToManyField(
        Municipality, related_name="partners", blank=True, verbose_name=_("gemeenten")
    )
    offices = models.ManyToManyField(
        Office, related_name="partners", blank=True, verbose_name=_("toegewezen kantoren")
    )
    website = models.URLField(_("website"), blank=True)
    branch_organisation = models.OneToOneField(
        BranchOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner",
        verbose_name=_("brancheorganisatie"),
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BodyKind(models.TextChoices):
    SPORT_COUNCIL = "sport_council", _("sportraad")
    CORE_TEAM = "core_team", _("kernteam sportakkoord")
    PREVENTION_TABLE = "prevention_table", _("GALA- of preventietafel")


class Body(models.Model):
    """A local body where the office can have a voice (sport council, core team, ...)."""

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    municipalities = models.ManyToManyField(
        Municipality, related_name="bodies", verbose_name=_("gemeenten")
    )

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    OFFICE_UPDATED = "office_updated", _("kantoorgegevens bijgewerkt")
    MEMBER_JOINED = "member_joined", _("nieuw lid")
    MEMBER_LEFT = "member_left", _("lid vertrokken")
    SESSION_PLANNED = "session_planned", _("sessie gepland")
    SESSION_UPDATED = "session_updated", _("sessie bijgewerkt")
    GOAL_CREATED = "goal_created", _("doel toegevoegd")
    GOAL_UPDATED = "goal_updated", _("doel bijgewerkt")
    STRATEGY_CREATED = "strategy_created", _("strategie toegevoegd")
    PROJECT_CREATED = "project_created", _("project toegevoegd")
    PROJECT_UPDATED = "project_updated", _("project bijgewerkt")
    MEASUREMENT_ADDED = "measurement_added", _("meting toegevoegd")
    MEETING_HELD = "meeting_held", _("bijeenkomst")
    # Lines whose summary names something not every viewer of the timeline may open: each
    # has its own rule in `rules.office_event_shown`.
    MESSAGE = "message", _("bericht via het kantoor")
    POSITION = "position", _("standpunt")
    CONTRIBUTION = "contribution", _("bijdrage van de gemeente")


# What counts as the office "doing something" for the stall rule on inactivity.
ACTIVITY_KINDS = frozenset(
    {
        EventKind.MEMBER_JOINED,
        EventKind.SESSION_PLANNED,
        EventKind.SESSION_UPDATED,
        EventKind.GOAL_CREATED,
        EventKind.GOAL_UPDATED,
        EventKind.STRATEGY_CREATED,
        EventKind.PROJECT_CREATED,
        EventKind.PROJECT_UPDATED,
        EventKind.MEASUREMENT_ADDED,
        EventKind.MEETING_HELD,
    }
)


class OfficeEvent(models.Model):
    """One line in an office's timeline: who did what, when. Written by services, explicitly."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=EventKind.choices)
    summary = models.CharField(_("omschrijving"), max_length=250)
    url = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["office", "occurred_at"])]

    def __str__(self):
        return self.summary


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    CONFIRMED = "confirmed", _("bevestigd")
    DECLINED = "declined", _("geweigerd door de ondernemer")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class MembershipClaim(models.Model):
    """An office's request to count a business Kapstok already knows as its member.

    An entrepreneur's record belongs to the entrepreneur, not to whichever office typed its KvK
    number first: a second office that wants it as a member asks, and the entrepreneur confirms
    through the address on file (or their account). Until then the office sees only what the
    KvK register makes public (name and number) and changes nothing; the `Membership` is made
    only on confirmation.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="claims")
    entrepreneur = models.ForeignKey(Entrepreneur, on_delete=models.CASCADE, related_name="claims")
    joined_on = models.DateField(_("lid sinds"))
    listed_publicly = models.BooleanField(_("vermelden op de openbare pagina"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    source = models.CharField(_("herkomst"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschapsverzoek")
        verbose_name_plural = _("lidmaatschapsverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "entrepreneur"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_office_and_entrepreneur",
            )
        ]

    def __str__(self):
        return f"{self.entrepreneur} → {self.office} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING
