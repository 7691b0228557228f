"""The kapstok of an office: goals → strategies → projects → activities.

The report's central image: the common denominators of the members are a coat rack ("kapstok")
to hang goals on, strategies on the goals, and projects and activities on the strategies. Every
level has an owner and progress; progress rolls up (see `kapstok.analysis.progress`). A goal
carries an indicator with measurements over time, so "geborgd" can be shown, not claimed.

The tree is built from foreign keys pointing up, so it cannot contain a cycle; the services
refuse to hang a node under a parent of another office.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kapstok.analysis.smart import GoalFacts, missing_for_smart
from kapstok.core.validators import InRange, in_range


class GoalStatus(models.TextChoices):
    OPEN = "open", _("lopend")
    ACHIEVED = "achieved", _("behaald")
    DROPPED = "dropped", _("losgelaten")


class WorkStatus(models.TextChoices):
    IDEA = "idea", _("idee")
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("loopt")
    DONE = "done", _("afgerond")
    STOPPED = "stopped", _("gestopt")


class ProjectKind(models.TextChoices):
    PROJECT = "project", _("project")
    CAMPAIGN = "campaign", _("campagne")
    EVENT = "event", _("evenement")


SMART_TEXTS = {
    "specific": _("nog geen concrete omschrijving (minstens een paar woorden)"),
    "indicator": _("nog geen meetbare indicator"),
    "target": _("nog geen streefwaarde"),
    "unit": _("streefwaarde zonder eenheid"),
    "owner": _("nog geen eigenaar"),
    "deadline": _("nog geen deadline"),
}


class Goal(models.Model):
    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doel"), max_length=150)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    indicator = models.CharField(
        _("indicator"),
        max_length=150,
        blank=True,
        help_text=_("Waaraan zie je dat het doel gehaald is? Bijvoorbeeld 'aantal leden'."),
    )
    baseline_value = models.DecimalField(
        _("beginwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("streefwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_goals",
        verbose_name=_("eigenaar"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    source_theme = models.ForeignKey(
        "strategy.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("komt voort uit thema"),
    )
    source_cards = models.ManyToManyField(
        "strategy.Card", blank=True, related_name="goals", verbose_name=_("kaartjes")
    )
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:goal_detail", args=[self.office.slug, self.pk])

    def smart_facts(self) -> GoalFacts:
        return GoalFacts(
            description=f"{self.title} {self.description}".strip(),
            indicator=self.indicator,
            target_value=None if self.target_value is None else float(self.target_value),
            unit=self.unit,
            has_owner=self.owner_id is not None,
            deadline_set=self.deadline is not None,
        )

    def smart_missing(self) -> list[str]:
        return missing_for_smart(self.smart_facts())

    def smart_missing_texts(self) -> list[str]:
        return [SMART_TEXTS[code] for code in self.smart_missing()]

    @property
    def is_smart(self) -> bool:
        return not self.smart_missing()

    @property
    def is_closed(self) -> bool:
        return self.status != GoalStatus.OPEN


# A weight says how much a part counts towards its whole: 0 (not at all) to 100.
WEIGHT_RANGE = InRange(Decimal(0), Decimal(100))
MAX_BUDGET = Decimal(10_000_000)
BUDGET_RANGE = InRange(
    Decimal(0), MAX_BUDGET, message=_("Kies een bedrag van € %(low)s tot en met € %(high)s.")
)


class Strategy(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(_("strategie"), max_length=150)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    weight = models.DecimalField(
        _("gewicht"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[WEIGHT_RANGE],
        help_text=_("Hoe zwaar telt deze strategie mee in de voortgang van het doel? Leeg = 1."),
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("strategie")
        verbose_name_plural = _("strategieën")
        ordering = ["position", "created_at"]
        constraints = [in_range("weight", 0, 100, "strategy_weight_range")]

    def __str__(self):
        return self.title


class WorkItem(models.Model):
    """What projects and activities share: owner, dates, status, progress, budget, outcome."""

    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    start_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkStatus.choices, default=WorkStatus.IDEA
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        error_messages={"max_value": _("Voortgang is een percentage van 0 tot en met 100.")},
    )
    weight = models.DecimalField(
        _("gewicht"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[WEIGHT_RANGE],
    )
    budget_amount = models.DecimalField(
        _("budget (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[BUDGET_RANGE],
    )
    budget_source = models.CharField(
        _("bron van het budget"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: €600 uit het sportakkoordbudget van de gemeente."),
    )
    outcome_notes = models.TextField(_("resultaat"), max_length=4000, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["position", "created_at"]
        constraints = []

    def __str__(self):
        return self.title


def work_item_constraints(kind: str) -> list[models.CheckConstraint]:
    """Weight and budget in range, and no end before the start (the database's half of the
    validators and of `WorkItemForm.clean`)."""
    return [
        in_range("weight", 0, 100, f"{kind}_weight_range"),
        in_range("budget_amount", 0, MAX_BUDGET, f"{kind}_budget_range"),
        models.CheckConstraint(
            condition=models.Q(start_on__isnull=True)
            | models.Q(due_on__isnull=True)
            | models.Q(due_on__gte=models.F("start_on")),
            name=f"{kind}_due_after_start",
            violation_error_message=_("De einddatum ligt vóór de startdatum."),
        ),
    ]


class Project(WorkItem):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="projects")
    kind = models.CharField(
        _("soort"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.PROJECT
    )

    class Meta(WorkItem.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="project_progress_max_100"
            ),
            *work_item_constraints("project"),
        ]


class Activity(WorkItem):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")

    class Meta(WorkItem.Meta):
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="activity_progress_max_100"
            ),
            *work_item_constraints("activity"),
        ]


class Measurement(models.Model):
    """A value of a goal's indicator on a date; two periods measured make an office 'geborgd'."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["measured_on", "created_at"]

    def __str__(self):
        return f"{self.goal}: {self.value} ({self.measured_on})"
