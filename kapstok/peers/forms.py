from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import SportBranch
from kapstok.strategy.models import CatalogueTheme

from . import rules
from .models import (
    INVITABLE_ROLES,
    WEIGHT_HELP,
    ExchangePost,
    ExchangeReply,
    Meeting,
    MeetingScope,
    PeerWeights,
    Practice,
    PracticeTrial,
    RsvpAnswer,
)


class PeerWeightsForm(forms.ModelForm):
    class Meta:
        model = PeerWeights
        fields = list(WEIGHT_HELP)
        help_texts = WEIGHT_HELP


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "what",
            "why",
            "result",
            "costs",
            "contact",
            "themes",
            "branches",
            "visibility",
            "status",
        ]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 5}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "branches": forms.CheckboxSelectMultiple,
        }


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=CatalogueTheme.objects.filter(is_active=True),
        required=False,
        empty_label=_("Alle thema's"),
    )
    branch = forms.ModelChoiceField(
        label=_("Tak van sport"),
        queryset=SportBranch.objects.all(),
        required=False,
        empty_label=_("Alle takken"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The options as (id, name) pairs, one plain query per list: the model choice iterator
        # builds an object per option through a server-side cursor (three round trips on
        # PostgreSQL), for every view of the library. The querysets still check what is sent.
        for name in ("theme", "branch"):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *field.queryset.values_list("pk", "name")]


class TrialForm(forms.ModelForm):
    class Meta:
        model = PracticeTrial
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect}


class ExchangePostForm(forms.ModelForm):
    class Meta:
        model = ExchangePost
        fields = ["kind", "topic", "title", "body", "is_regional"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class ExchangeReplyForm(forms.ModelForm):
    class Meta:
        model = ExchangeReply
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(forms.ModelForm):
    invited_roles = forms.MultipleChoiceField(
        label=_("Uitgenodigde rollen"),
        choices=INVITABLE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leeg: alle mensen van de uitgenodigde kantoren."),
    )

    class Meta:
        model = Meeting
        fields = [
            "scope",
            "office",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "agenda",
            "minutes",
            "is_public",
            "invited_offices",
            "invited_roles",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "invited_offices": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, viewer, **kwargs):
        """Only the offices this person may name (`rules.can_host_meeting`,
        `rules.meeting_offices_for`); a lead keeps the kind of meeting POS chose."""
        super().__init__(*args, **kwargs)
        self.fields["invited_offices"].queryset = rules.meeting_offices_for(viewer, self.instance)
        hosts = rules.host_offices_for(viewer)
        if hosts is not None:
            self.fields["office"].queryset = hosts
            self.fields["office"].required = True
            scope = self.instance.scope or MeetingScope.OFFICE
            self.fields["scope"].choices = [(scope, MeetingScope(scope).label)]

    def clean(self):
        data = super().clean()
        if not data.get("invited_offices") and not data.get("invited_roles"):
            raise forms.ValidationError(_("Nodig minstens één kantoor of één rol uit."))
        if data.get("scope") == "office" and not data.get("office"):
            self.add_error("office", _("Kies het kantoor dat de bijeenkomst houdt."))
        return data


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(label=_("Uw antwoord"), choices=RsvpAnswer.choices)
