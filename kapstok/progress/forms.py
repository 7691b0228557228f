from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.analysis.stall_rules import RULES
from kapstok.network.models import Initiative, SizeClass

from .models import Rule, StallSettings


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: 'We plannen een sessie in maart.'"),
    )


class StallSettingsForm(forms.ModelForm):
    enabled_rules = forms.MultipleChoiceField(
        label=_("Actieve signalen"),
        choices=Rule.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = StallSettings
        fields = [
            "months_to_first_session",
            "months_session_to_goal",
            "inactive_days",
            "shrink_months",
            "single_lead_days",
            "single_lead_min_actions",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["enabled_rules"] = [r for r in RULES if r not in self.instance.disabled_rules]
        for name in self.Meta.fields:
            self.fields[name].min_value = 1
            self.fields[name].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            if data.get(name) is not None and data[name] < 1:
                self.add_error(name, _("Vul een getal van 1 of meer in."))
        return data

    def save(self, commit=True):
        enabled = set(self.cleaned_data["enabled_rules"])
        self.instance.disabled_rules = [rule for rule in RULES if rule not in enabled]
        return super().save(commit)


class DashboardFilterForm(forms.Form):
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    size = forms.ChoiceField(label=_("Grootte"), required=False)
    initiative = forms.ChoiceField(label=_("Initiatief"), required=False)
    colour = forms.ChoiceField(
        label=_("Kaart kleuren naar"),
        required=False,
        choices=[("phase", _("fase")), ("severity", _("signalen"))],
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["province"].choices = everything + [(p, p) for p in provinces]
        self.fields["size"].choices = everything + list(SizeClass.choices)
        self.fields["initiative"].choices = everything + list(Initiative.choices)

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
