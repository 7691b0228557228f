"""Forms of the money pages: they parse input; the rules live in `services`."""

import datetime

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange
from kapstok.network.forms import DateInput
from kapstok.network.models import LegalForm

from .models import AMOUNT_MESSAGE, MAX_AMOUNT, Expense, FeeSchedule, Income


def euro(amount) -> str:
    """An amount as the reader's language writes it: "1.250,00" in Dutch."""
    return number_format(amount, 2, force_grouping=True)


class LegalFormForm(forms.Form):
    legal_form = forms.ChoiceField(
        label=_("Rechtsvorm"), choices=LegalForm.choices, widget=forms.RadioSelect
    )


class FeeScheduleForm(forms.ModelForm):
    class Meta:
        model = FeeSchedule
        fields = ["amount", "period", "valid_from"]
        widgets = {"valid_from": DateInput()}
        help_texts = {"valid_from": _("Een eerdere regeling blijft gelden voor de tijd daarvoor.")}


class FeePaymentForm(forms.Form):
    entrepreneur = forms.ModelChoiceField(label=_("Lid"), queryset=None, empty_label=None)
    period_start = forms.ChoiceField(label=_("Periode"))
    amount = forms.DecimalField(
        label=_("Bedrag (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[InRange(0, MAX_AMOUNT, message=AMOUNT_MESSAGE)],
    )
    paid_on = forms.DateField(label=_("Betaald op"), widget=DateInput())

    def __init__(self, *args, members, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entrepreneur"].queryset = members
        self.fields["period_start"].choices = [
            (period.start.isoformat(), f"{period.label} (€ {euro(period.schedule.amount)})")
            for period in periods
        ]

    def clean_period_start(self):
        return datetime.date.fromisoformat(self.cleaned_data["period_start"])


class IncomeForm(forms.ModelForm):
    class Meta:
        model = Income
        fields = ["amount", "received_on", "description"]
        widgets = {"received_on": DateInput()}


class ExpenseForm(forms.ModelForm):
    class Meta:
        model = Expense
        fields = ["amount", "spent_on", "description", "project"]
        widgets = {"spent_on": DateInput()}
        help_texts = {"project": _("Leeg laten voor algemene kosten van het kantoor.")}

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].empty_label = _("Geen project (algemeen)")
