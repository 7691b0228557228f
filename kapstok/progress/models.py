"""Stall signals and their thresholds.

A `Signal` is opened when a stall rule (`kapstok.analysis.stall_rules`) trips for an office,
kept up to date while it keeps tripping, and resolved by itself when it no longer does. People
can acknowledge a signal with a note ("we plannen een sessie in maart"); that does not hide it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kapstok.analysis import stall_rules


class Severity(models.TextChoices):
    WARNING = stall_rules.WARNING, _("aandacht")
    CRITICAL = stall_rules.CRITICAL, _("urgent")


class Rule(models.TextChoices):
    NO_SESSION = "no_session", _("Geen strategische sessie")
    NO_SMART_GOAL = "no_smart_goal", _("Geen SMART-doel na de sessie")
    NO_ACTIVITY = "no_activity", _("Geen activiteit")
    SHRINKING = "shrinking", _("Krimpend ledental")
    SINGLE_LEAD = "single_lead", _("Alles hangt op één kartrekker")
    SUPPORT_OVERDUE = "support_overdue", _("Ondersteuningsvraag over tijd")
    MEMBER_VALUE = "member_value", _("Leden halen weinig uit het kantoor")
    MEMBER_RESPONSE = "member_response", _("Weinig leden vulden de ledencheck in")


class SignalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_on__isnull=True)


class Signal(models.Model):
    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="signals")
    rule = models.CharField(_("signaal"), max_length=20, choices=Rule.choices)
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices)
    params = models.JSONField(default=dict)
    opened_on = models.DateField(_("sinds"))
    last_seen_on = models.DateField(_("laatst gezien"))
    resolved_on = models.DateField(_("opgelost op"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledgement_note = models.CharField(_("notitie"), max_length=500, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doorpak-signaal")
        verbose_name_plural = _("doorpak-signalen")
        ordering = ["resolved_on", "-severity", "opened_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "rule"],
                condition=models.Q(resolved_on__isnull=True),
                name="one_open_signal_per_rule",
            )
        ]

    def __str__(self):
        return f"{self.office}: {self.get_rule_display()}"

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None


class StallSettings(models.Model):
    """The thresholds of the stall rules; one row, edited by POS staff."""

    months_to_first_session = models.PositiveSmallIntegerField(
        _("maanden na oprichting zonder sessie"), default=6
    )
    months_session_to_goal = models.PositiveSmallIntegerField(
        _("maanden na de sessie zonder SMART-doel"), default=3
    )
    inactive_days = models.PositiveSmallIntegerField(_("dagen zonder activiteit"), default=90)
    shrink_months = models.PositiveSmallIntegerField(
        _("periode (maanden) om krimp te meten"), default=6
    )
    single_lead_days = models.PositiveSmallIntegerField(
        _("dagen waarin alles door één persoon gebeurt"), default=90
    )
    single_lead_min_actions = models.PositiveSmallIntegerField(
        _("minimum aantal acties voor dat signaal"), default=3
    )
    disabled_rules = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("instellingen doorpak-signalen")
        verbose_name_plural = _("instellingen doorpak-signalen")

    def __str__(self):
        return str(_("Instellingen doorpak-signalen"))

    @classmethod
    def current(cls) -> "StallSettings":
        return cls.objects.order_by("pk").first() or cls()

    def thresholds(self) -> stall_rules.Thresholds:
        return stall_rules.Thresholds(
            months_to_first_session=self.months_to_first_session,
            months_session_to_goal=self.months_session_to_goal,
            inactive_days=self.inactive_days,
            shrink_months=self.shrink_months,
            single_lead_days=self.single_lead_days,
            single_lead_min_actions=self.single_lead_min_actions,
            enabled=frozenset(stall_rules.RULES) - frozenset(self.disabled_rules),
        )
