"""The local landscape of sport businesses, the recruitment pipeline and landscape imports.

An office's *landscape* is every sport business in its municipalities, imported from a KvK
export or a similar file (`LandscapeBusiness`, one row per KvK + establishment number). Members
are compared with it (see `kapstok.analysis.representativeness`); those that are not members
are the prospects of the recruitment pipeline (`Prospect`, created when a lead first moves one).
`BranchClassification` remembers a lead's choice of branch for the office's next import, and
`ImportJob` carries one upload through mapping, checking and storing, with its progress.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import Entrepreneur, Municipality, Office, SportBranch
from kapstok.network.validators import establishment_number_validator, kvk_number_validator


class BranchSource(models.TextChoices):
    COLUMN = "column", _("kolom tak van sport")
    LEAD = "lead", _("ingedeeld door kartrekker")
    NAME = "name", _("handelsnaam")
    SBI = "sbi", _("SBI-code")
    UNKNOWN = "unknown", _("onbekend")


class MatchKind(models.TextChoices):
    NONE = "", _("niet gekoppeld")
    KVK = "kvk", _("zelfde KvK-nummer")
    REVIEWED = "reviewed", _("bevestigd door kartrekker")


class LandscapeBusiness(models.Model):
    """A sport business in an office's municipalities, as the last import described it."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="landscape")
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, validators=[kvk_number_validator], db_index=True
    )
    establishment_number = models.CharField(
        _("vestigingsnummer"),
        max_length=12,
        blank=True,
        default="",
        validators=[establishment_number_validator],
    )
    trade_name = models.CharField(_("handelsnaam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    website = models.CharField(_("website"), max_length=200, blank=True)
    sbi_codes = models.CharField(_("SBI-codes"), max_length=100, blank=True)
    branch = models.ForeignKey(
        SportBranch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tak van sport"),
    )
    branch_source = models.CharField(
        _("tak bepaald uit"),
        max_length=10,
        choices=BranchSource.choices,
        default=BranchSource.UNKNOWN,
    )
    is_chain = models.BooleanField(_("keten"), default=False)
    entrepreneur = models.ForeignKey(
        Entrepreneur,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="landscape_entries",
        verbose_name=_("bekende sportondernemer"),
    )
    match_kind = models.CharField(
        max_length=10, choices=MatchKind.choices, default=MatchKind.NONE, blank=True
    )
    suggested_entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggestion_score = models.FloatField(null=True, blank=True)
    rejected_entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_imported_at = models.DateTimeField(_("eerst geïmporteerd"))
    last_imported_at = models.DateTimeField(_("laatst geïmporteerd"))

    class Meta:
        verbose_name = _("bedrijf in het sportlandschap")
        verbose_name_plural = _("sportlandschap")
        ordering = ["trade_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kvk_number", "establishment_number"],
                name="unique_landscape_establishment",
            )
        ]
        indexes = [models.Index(fields=["office", "branch"])]

    def __str__(self):
        return self.trade_name

    def get_absolute_url(self):
        return reverse("representation:prospect_edit", args=[self.office.slug, self.pk])


class ProspectStage(models.TextChoices):
    TO_APPROACH = "to_approach", _("te benaderen")
    APPROACHED = "approached", _("benaderd")
    INTERESTED = "interested", _("geïnteresseerd")
    JOINED = "joined", _("aangesloten")
    DROPPED = "dropped", _("afgehaakt")


# Stages still in play, closest to joining first (the tie-break of "wie nu benaderen").
OPEN_STAGES = (ProspectStage.INTERESTED, ProspectStage.APPROACHED, ProspectStage.TO_APPROACH)


class Prospect(models.Model):
    """A landscape business in the recruitment pipeline: stage, owner, notes, next step.

    The notes are personal (who said what on the phone): leads and POS staff see them, the
    municipality does not (`access.sees_prospect_notes`).
    """

    business = models.OneToOneField(
        LandscapeBusiness, on_delete=models.CASCADE, related_name="prospect", primary_key=True
    )
    stage = models.CharField(
        _("fase"), max_length=20, choices=ProspectStage.choices, default=ProspectStage.TO_APPROACH
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    notes = models.TextField(_("notities"), blank=True, max_length=4000)
    next_step = models.CharField(_("volgende stap"), max_length=200, blank=True)
    next_step_on = models.DateField(_("datum volgende stap"), null=True, blank=True)
    stage_changed_on = models.DateField(_("fase gewijzigd op"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kandidaat-lid")
        verbose_name_plural = _("kandidaat-leden")

    def __str__(self):
        return str(self.business)


class BranchClassification(models.Model):
    """A lead's choice of branch for one establishment, used again by every later import of
    the same office.

    Per office, like the landscape it classifies: one office's choice never changes another
    office's landscape or coverage figures, even for a business in both their files.
    """

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="branch_classifications"
    )
    kvk_number = models.CharField(max_length=8)
    establishment_number = models.CharField(max_length=12, blank=True, default="")
    branch = models.ForeignKey(SportBranch, on_delete=models.CASCADE, related_name="+")
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    classified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indeling in tak van sport")
        verbose_name_plural = _("indelingen in tak van sport")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kvk_number", "establishment_number"],
                name="unique_branch_classification_per_office",
            )
        ]

    def __str__(self):
        return f"{self.kvk_number} {self.establishment_number} → {self.branch}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("kolommen kiezen")
    CHECK_PENDING = "check_pending", _("wacht op controle")
    CHECKING = "checking", _("bezig met controleren")
    CHECKED = "checked", _("gecontroleerd, wacht op bevestiging")
    IMPORT_PENDING = "import_pending", _("wacht op opslaan")
    IMPORTING = "importing", _("bezig met opslaan")
    DONE = "done", _("opgeslagen")
    FAILED = "failed", _("mislukt")


RUNNING_STATUSES = (
    ImportStatus.CHECK_PENDING,
    ImportStatus.CHECKING,
    ImportStatus.IMPORT_PENDING,
    ImportStatus.IMPORTING,
)


class ImportJob(models.Model):
    """One landscape upload: the file, the column mapping, its progress and its report.

    The work runs in the background (a thread started by the view; the scheduler's worker
    picks up jobs whose thread died). `updated_at` is the heartbeat.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="landscape_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file = models.FileField(upload_to="landscape-imports/", blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    report = models.JSONField(default=dict, blank=True)
    # The pending status "Opnieuw proberen" puts a failed job back to, when the step was cut
    # off (database gone, process restarted) rather than refused; empty when a retry cannot help.
    retry_status = models.CharField(max_length=20, choices=ImportStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import van het sportlandschap")
        verbose_name_plural = _("imports van het sportlandschap")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("representation:import_job", args=[self.office.slug, self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def can_retry(self) -> bool:
        """A failed step that was cut off, whose file is still here, can simply run again."""
        return self.status == ImportStatus.FAILED and bool(self.retry_status) and bool(self.file)


class OfficeCoverage(models.Model):
    """An office's coverage figures on `computed_on`, precomputed for the pages over all offices.

    Counting 100,000 landscape businesses against every office's members takes most of a
    second; the national page reads these rows instead. `services.coverage_refresh` recomputes
    them from scratch (the same `selectors` code as the office's own page) whenever a landscape
    or a membership changes through the services, and `services.coverage_ensure_current`
    refreshes any office whose figures are missing or from an earlier day (memberships start
    and end on dates). The page says when they were computed (`computed_at`).
    """

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, primary_key=True, related_name="coverage_figures"
    )
    index = models.FloatField(null=True, blank=True)
    members = models.PositiveIntegerField(default=0)
    landscape = models.PositiveIntegerField(default=0)
    # The branch with the most businesses not yet a member (the coverage table's first row).
    gap_branch = models.ForeignKey(
        SportBranch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gap_covered = models.PositiveIntegerField(default=0)
    gap_landscape = models.PositiveIntegerField(default=0)
    computed_on = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("afspiegeling van een kantoor")
        verbose_name_plural = _("afspiegeling van de kantoren")

    def __str__(self):
        return str(self.office)


class BranchCoverageFigure(models.Model):
    """One branch of an office's precomputed coverage (`branch` None: not yet classified).

    `members` counts the members in the branch, `weight` weighs each member 1/k over their k
    branches (the index's input), `shortfall` is how far the branch's share among the members
    falls below its share in the landscape (the national gaps' input).
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey(
        SportBranch, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    members = models.PositiveIntegerField(default=0)
    weight = models.FloatField(default=0.0)
    landscape = models.PositiveIntegerField(default=0)
    covered = models.PositiveIntegerField(default=0)
    shortfall = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("afspiegeling per tak van sport")
        verbose_name_plural = _("afspiegeling per tak van sport")
        constraints = [
            models.UniqueConstraint(fields=["office", "branch"], name="one_figure_per_branch")
        ]

    def __str__(self):
        return f"{self.office_id} {self.branch_id}"
