"""Thematic coding of the monitor's answers: research projects, codebooks and codings.

The report analysed its interviews by thematic content analysis: fragments of what people said
were given codes from a hierarchical codebook. A `ResearchProject` groups the monitor's waves
that are analysed together (one study, repeated each year) and holds the salt of its
pseudonyms. Its `Code`s form the codebook (a code may have a parent). A `Coding` is one coder's
decision that a fragment of an answer (character offsets into the answer's text) carries a
code; two coders can code the same answers independently, so their agreement can be measured.
A `Pseudonym` remembers the code given to an office or respondent in a project (by the keyed
hash of the subject, never its email), so a clash of two short codes is settled once and the
pseudonym never changes afterwards.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_salt() -> str:
    return secrets.token_hex(16)


class ResearchProject(models.Model):
    """One study: the waves analysed together, their codebook and their pseudonyms."""

    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True, max_length=4000)
    waves = models.ManyToManyField(
        "monitor.Wave", related_name="research_projects", blank=True, verbose_name=_("meetrondes")
    )
    cleared_questions = models.ManyToManyField(
        "monitor.Question",
        related_name="+",
        blank=True,
        verbose_name=_("vrijgegeven open vragen"),
        help_text=_("Open vragen waarvan de tekst in de export mag: gecontroleerd op namen."),
    )
    pseudonym_salt = models.CharField(max_length=64, default=new_salt, editable=False)
    # The yearly monitor itself: waves that no other project claims are shown under its
    # pseudonyms (see `pseudonyms.project_for_wave`).
    is_standing = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("onderzoeksproject")
        verbose_name_plural = _("onderzoeksprojecten")
        ordering = ["-created_at", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_standing"],
                condition=models.Q(is_standing=True),
                name="one_standing_project",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coding:project_detail", args=[self.pk])


class Code(models.Model):
    """One code of a project's codebook; `parent` makes the codebook a tree."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoofdcode"),
    )
    label = models.CharField(_("code"), max_length=80)
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["project", "order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["project", "label"], name="unique_code_label")
        ]

    def __str__(self):
        return self.label


class Coding(models.Model):
    """A fragment of an answer (characters `start` to `end` of its text) given a code."""

    answer = models.ForeignKey("monitor.Answer", on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    start = models.PositiveIntegerField(_("van teken"))
    end = models.PositiveIntegerField(_("tot teken"))
    fragment = models.TextField(_("fragment"))
    confirmed = models.BooleanField(
        _("bevestigd"),
        default=True,
        help_text=_("Voorlopige coderingen tellen niet mee als voorbeeld voor de suggesties."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("codering")
        verbose_name_plural = _("coderingen")
        ordering = ["answer", "start", "end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="coding_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["answer", "code", "coder", "start", "end"], name="unique_coding"
            ),
        ]

    def __str__(self):
        return f"{self.code} @ {self.answer_id} [{self.start}:{self.end}]"


class SubjectKind(models.TextChoices):
    OFFICE = "office", _("kantoor")
    RESPONDENT = "respondent", _("respondent")
    CODER = "coder", _("codeur")


class Pseudonym(models.Model):
    """The pseudonym an office, respondent or coder got in a project: given once, kept."""

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="pseudonyms"
    )
    kind = models.CharField(max_length=12, choices=SubjectKind.choices)
    subject = models.CharField(max_length=64)  # the keyed hash (`subject_digest`), not an id
    code = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "subject"], name="one_pseudonym"),
            models.UniqueConstraint(fields=["project", "code"], name="unique_pseudonym_code"),
        ]

    def __str__(self):
        return self.code
