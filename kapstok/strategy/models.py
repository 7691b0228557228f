"""Strategy sessions: members put opportunities, challenges and needs on the table (cards),
the facilitator groups them into common denominators (themes), members vote, and the top
themes become goals in the kapstok (`goals.Goal.source_theme`).

A session moves through phases: collect → cluster → prioritise → goals → closed. Who may do
what in each phase is decided by `kapstok.strategy.services`, not by the views.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

# Dots per participant and per theme: at least one, at most twenty.
MAX_DOTS = 20
DOTS_RANGE = InRange(1, MAX_DOTS, message=_("Kies een aantal van %(low)s tot en met %(high)s."))

CARD_MAX_LENGTH = 280
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read from a projector


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(6))


class SessionPhase(models.TextChoices):
    COLLECT = "collect", _("verzamelen")
    CLUSTER = "cluster", _("clusteren")
    PRIORITISE = "prioritise", _("prioriteren")
    GOALS = "goals", _("doelen")
    CLOSED = "closed", _("afgerond")


PHASE_ORDER = [phase.value for phase in SessionPhase]


class CatalogueTheme(models.Model):
    """A national theme that POS staff curate; the classifier learns from its examples."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    examples = models.TextField(
        _("voorbeeldzinnen"), blank=True, help_text=_("Eén voorbeeld per regel.")
    )
    is_active = models.BooleanField(_("actief"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("thema uit de catalogus")
        verbose_name_plural = _("themacatalogus")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def example_list(self) -> list[str]:
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class StrategySession(models.Model):
    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="strategy_sessions"
    )
    title = models.CharField(_("titel"), max_length=150)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("begeleider"),
    )
    questions = models.TextField(
        _("vragen"),
        max_length=2000,
        blank=True,
        help_text=_("Eén vraag per regel, bijvoorbeeld: 'Welke kansen zie je voor je bedrijf?'"),
    )
    phase = models.CharField(
        _("fase"), max_length=12, choices=SessionPhase.choices, default=SessionPhase.COLLECT
    )
    join_code = models.CharField(_("sessiecode"), max_length=8, unique=True, default=new_join_code)
    votes_per_participant = models.PositiveSmallIntegerField(
        _("stippen per deelnemer"), default=3, validators=[DOTS_RANGE]
    )
    max_votes_per_theme = models.PositiveSmallIntegerField(
        _("maximaal stippen op één thema"), default=2, validators=[DOTS_RANGE]
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("strategische sessie")
        verbose_name_plural = _("strategische sessies")
        ordering = ["-starts_at"]
        constraints = [
            in_range("votes_per_participant", 1, MAX_DOTS, "session_votes_range"),
            in_range("max_votes_per_theme", 1, MAX_DOTS, "session_votes_per_theme_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:session_detail", args=[self.office.slug, self.pk])

    @property
    def is_held(self) -> bool:
        return self.starts_at <= timezone.now()

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)

    @property
    def next_phase(self) -> str | None:
        """The phase after this one, or None when the session is closed."""
        index = self.phase_index
        return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None

    @property
    def previous_phase(self) -> str | None:
        index = self.phase_index
        return PHASE_ORDER[index - 1] if index > 0 else None

    @property
    def is_closed(self) -> bool:
        return self.phase == SessionPhase.CLOSED


class Participant(models.Model):
    """Someone taking part: a signed-in member, or a guest who joined with the session code.

    The facilitator sees who joined and may remove a guest (`removed_at`): the guest's dots go,
    their cards stay on the board, and that browser cannot take part again.
    """

    session = models.ForeignKey(
        StrategySession, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_participations",
    )
    display_name = models.CharField(_("naam"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_participant_per_user_and_session",
            )
        ]

    def __str__(self):
        return self.display_name or str(_("anoniem"))

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Theme(models.Model):
    """A common denominator within one session: a catalogue theme or a new one."""

    session = models.ForeignKey(StrategySession, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("naam"), max_length=100)
    catalogue_theme = models.ForeignKey(
        CatalogueTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_themes",
    )
    position = models.PositiveSmallIntegerField(default=0)
    confirmed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class CardKind(models.TextChoices):
    OPPORTUNITY = "opportunity", _("kans")
    CHALLENGE = "challenge", _("uitdaging")
    NEED = "need", _("behoefte")


class Card(models.Model):
    session = models.ForeignKey(StrategySession, on_delete=models.CASCADE, related_name="cards")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(_("soort"), max_length=12, choices=CardKind.choices)
    text = models.CharField(_("tekst"), max_length=CARD_MAX_LENGTH)
    branch = models.ForeignKey(
        "network.SportBranch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("tak van sport"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards"
    )
    placement_confidence = models.FloatField(null=True, blank=True)
    placement_confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kaartje")
        verbose_name_plural = _("kaartjes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Vote(models.Model):
    """One dot of a participant on a theme; the budget is enforced in `strategy.services`."""

    session = models.ForeignKey(StrategySession, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stip")
        verbose_name_plural = _("stippen")

    def __str__(self):
        return f"{self.participant} → {self.theme}"


class TextEmbedding(models.Model):
    """A text's sentence embedding, stored once so clustering needn't compute it again.

    Embedding costs about 25 ms per text (`kapstok.analysis.embeddings`), far too much to do
    for thousands of training cards at every proposal; so a card's vector is computed when the
    card is written and read back here. Keyed by the SHA-256 of the text (not by card: the
    catalogue's texts and repeated card texts share one row) and by the model's name, so a
    new model never reads another model's vectors. See `kapstok.strategy.embeddings`.
    """

    sha256 = models.CharField(max_length=64)
    model = models.CharField(max_length=100)
    vector = models.BinaryField()  # float32, native byte order, L2-normalised
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tekstvector")
        verbose_name_plural = _("tekstvectoren")
        constraints = [
            models.UniqueConstraint(fields=["model", "sha256"], name="text_embedding_unique")
        ]

    def __str__(self):
        return f"{self.model} {self.sha256[:12]}"
