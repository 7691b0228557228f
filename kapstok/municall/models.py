"""Two-way contact between the municipality and an office's members, through the office.

- A `Call` ("oproep") is the municipality asking the members of one office to join in
  (a sports day, an activity in a neighbourhood). Like a brokered message it waits for one of
  the office's leads, unless POS let the office approve the municipality by itself
  (`messaging.OfficeMessaging`). Members answer with a `CallAnswer` ("ik doe mee", a short
  reply) until the deadline; the municipality sees how many did, and name and contact details
  only of those who ticked that these may go to the municipality.
- A `Question` goes the other way: a member asks the municipality something; the office's lead
  forwards it (possibly reworded) or declines it with a reason; the municipality answers. The
  municipality sees who asked only when the member opted in on the question.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REPLY_MAX = 500


class CallStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    OPEN = "open", _("gedeeld met de leden")
    REJECTED = "rejected", _("afgewezen")


class Call(models.Model):
    """The municipality asks an office's members to take part in something."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="calls")
    municipality = models.ForeignKey(
        "network.Municipality", on_delete=models.PROTECT, related_name="calls"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=150)
    text = models.TextField(_("toelichting"), max_length=5_000)
    ask = models.CharField(_("wat wij vragen"), max_length=300)
    deadline = models.DateField(_("reageren kan tot en met"))
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.PENDING
    )
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    rejection_reason = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("oproep van de gemeente")
        verbose_name_plural = _("oproepen van de gemeente")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["office", "status", "deadline"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("municall:call_detail", args=[self.office.slug, self.pk])

    def is_open_on(self, day) -> bool:
        """Members may answer while the call is shared and the deadline has not passed."""
        return self.status == CallStatus.OPEN and day <= self.deadline


class CallAnswer(models.Model):
    """One business takes part in a call ("ik doe mee"); at most one answer per business."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="answers")
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur", on_delete=models.CASCADE, related_name="call_answers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reply = models.CharField(_("korte reactie"), max_length=REPLY_MAX, blank=True)
    shares_contact = models.BooleanField(
        _("mijn naam en contactgegevens mogen naar de gemeente"), default=False
    )
    answered_at = models.DateTimeField(_("gereageerd op"), default=timezone.now)
    changed_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reactie op een oproep")
        verbose_name_plural = _("reacties op oproepen")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "entrepreneur"], name="one_answer_per_business_and_call"
            )
        ]

    def __str__(self):
        return f"{self.call_id} ← {self.entrepreneur_id}"


class QuestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("bij de kartrekker")
    FORWARDED = "forwarded", _("doorgestuurd naar de gemeente")
    DECLINED = "declined", _("niet doorgestuurd")
    ANSWERED = "answered", _("beantwoord")


class Question(models.Model):
    """A member's question to the municipality, routed by the office's lead."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="municipality_questions"
    )
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur", on_delete=models.CASCADE, related_name="municipality_questions"
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("onderwerp"), max_length=150)
    text = models.TextField(_("vraag"), max_length=3_000)
    shares_identity = models.BooleanField(
        _("de gemeente mag zien wie de vraag stelt"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.SUBMITTED
    )
    created_at = models.DateTimeField(_("gesteld op"), default=timezone.now, db_index=True)
    # What the municipality reads: the lead may sharpen the wording before it goes out.
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_questions",
    )
    forwarded_subject = models.CharField(
        _("onderwerp voor de gemeente"), max_length=150, blank=True
    )
    forwarded_text = models.TextField(_("vraag voor de gemeente"), max_length=3_000, blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    routed_at = models.DateTimeField(_("doorgestuurd of afgewezen op"), null=True, blank=True)
    decline_reason = models.CharField(_("reden"), max_length=500, blank=True)
    answer = models.TextField(_("antwoord van de gemeente"), max_length=5_000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    outcome_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vraag aan de gemeente")
        verbose_name_plural = _("vragen aan de gemeente")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "declined"]) | Q(municipality__isnull=False),
                name="forwarded_question_names_municipality",
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("municall:question_detail", args=[self.office.slug, self.pk])
