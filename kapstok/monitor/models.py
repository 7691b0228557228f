"""The research monitor: questionnaires, waves of invitations, answers and snapshots.

The report's study (interviews with leads, municipalities and a facilitator, appendices 1–3)
repeated every year as a survey. A `Questionnaire` is a list of `Question`s for one audience;
the three seeded templates hold every question of the report's interview guides. A `Wave`
asks chosen offices one questionnaire per audience: each respondent gets an `Invitation` with a
personal token link (no account needed), answers are a `Response` with one `Answer` per
question. When a wave closes, a `Snapshot` per office stores the platform's own indicators
next to the answers, so both can be analysed over the years.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range


class Audience(models.TextChoices):
    LEAD = "lead", _("kartrekker")
    MUNICIPALITY = "municipality", _("gemeente of sportservice-organisatie")
    FACILITATOR = "facilitator", _("procesbegeleider")
    # The office's own members, asked by the recurring member check (kapstok.membercheck);
    # never picked in the wave builder: the member check opens its own rounds.
    MEMBER = "member", _("lid van het kantoor")


# The audiences a researcher's wave asks; the members are asked only by the member check.
WAVE_AUDIENCES = (Audience.LEAD, Audience.MUNICIPALITY, Audience.FACILITATOR)


class QuestionKind(models.TextChoices):
    OPEN = "open", _("open vraag")
    SINGLE = "single", _("één keuze")
    MULTIPLE = "multiple", _("meerdere keuzes")
    SCALE = "scale", _("schaal")
    NUMBER = "number", _("getal")


DEFAULT_MAX_LENGTH = 5000


class Questionnaire(models.Model):
    """A list of questions for one audience; templates are copied, never sent themselves."""

    title = models.CharField(_("titel"), max_length=200)
    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices)
    description = models.TextField(_("toelichting"), blank=True, max_length=4000)
    is_template = models.BooleanField(_("sjabloon"), default=False)
    template_key = models.SlugField(
        _("sjabloonsleutel"),
        max_length=60,
        blank=True,
        help_text=_("Vaste sleutel van een meegeleverd sjabloon; leeg bij eigen vragenlijsten."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("gekopieerd van"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["-is_template", "title", "version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Question(models.Model):
    """One question; `section` is the heading it stands under (one page per section)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    section = models.CharField(_("onderdeel"), max_length=200, blank=True)
    text = models.TextField(_("vraag"), max_length=2000)
    help_text = models.TextField(_("toelichting"), blank=True, max_length=2000)
    kind = models.CharField(
        _("soort"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.OPEN
    )
    required = models.BooleanField(_("verplicht"), default=False)
    choices = models.JSONField(_("keuzes"), default=list, blank=True)
    scale_min = models.IntegerField(_("schaal van"), default=1)
    scale_max = models.IntegerField(_("schaal tot"), default=5)
    scale_min_label = models.CharField(_("label laagste waarde"), max_length=80, blank=True)
    scale_max_label = models.CharField(_("label hoogste waarde"), max_length=80, blank=True)
    max_length = models.PositiveIntegerField(_("maximale lengte"), default=DEFAULT_MAX_LENGTH)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("alleen tonen als vraag"),
    )
    show_if_values = models.JSONField(_("dit antwoord heeft"), default=list, blank=True)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["questionnaire", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_max_above_min",
                violation_error_message=_(
                    "De hoogste waarde van de schaal moet boven de laagste liggen."
                ),
            )
        ]

    def __str__(self):
        return self.text[:80]


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class Wave(models.Model):
    """One round of the monitor: chosen offices, one questionnaire per audience, a closing date."""

    name = models.CharField(_("naam"), max_length=120)
    year = models.PositiveIntegerField(_("jaar"), validators=[InRange(2000, 2100)])
    questionnaires = models.ManyToManyField(
        Questionnaire,
        through="WaveQuestionnaire",
        related_name="waves",
        verbose_name=_("vragenlijsten"),
    )
    offices = models.ManyToManyField(
        "network.Office", related_name="monitor_waves", verbose_name=_("kantoren")
    )
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit op"))
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("meetronde")
        verbose_name_plural = _("meetrondes")
        ordering = ["-year", "-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="wave_closes_after_opening",
                violation_error_message=_("De sluitdatum ligt vóór de openingsdatum."),
            ),
            in_range("year", 2000, 2100, "wave_year_range"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self):
        return self.status == WaveStatus.OPEN


class WaveQuestionnaire(models.Model):
    """Which questionnaire a wave sends to one audience (at most one per audience)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="wave_questionnaires")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="wave_links"
    )
    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "audience"], name="one_questionnaire_per_audience"
            )
        ]

    def __str__(self):
        return f"{self.wave} – {self.get_audience_display()}"


def new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """One respondent's personal link to a wave; the token is the key, no login needed."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="monitor_invitations"
    )
    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="invitations"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitor_invitations",
    )
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=150, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    last_reminder_count = models.PositiveSmallIntegerField(_("aantal herinneringen"), default=0)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["wave", "office", "audience", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "office", "audience", "email"], name="one_invitation_per_person"
            )
        ]

    def __str__(self):
        return f"{self.wave} – {self.office_id} – {self.get_audience_display()}"


class Response(models.Model):
    """What one invited respondent has answered so far; submitted once, then read-only."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("antwoordenset")
        verbose_name_plural = _("antwoordensets")

    def __str__(self):
        return f"{self.invitation}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Answer(models.Model):
    """The answer to one question: text for open questions, number for numbers and scales,
    choices (a list of strings) for single and multiple choice."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.response_id} – {self.question_id}"

    def is_empty(self):
        return not self.text.strip() and self.number is None and not self.choices


class Snapshot(models.Model):
    """The platform's own indicators of one office, stored when a wave closes."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="snapshots")
    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="monitor_snapshots"
    )
    indicators = models.JSONField(default=dict)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("momentopname")
        verbose_name_plural = _("momentopnames")
        ordering = ["wave", "office"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "office"], name="one_snapshot_per_office")
        ]

    def __str__(self):
        return f"{self.wave} – {self.office_id}"
