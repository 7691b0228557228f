"""Forms of the session pages. They parse input; the rules are checked by `services`.

The card text is deliberately not limited in the form or the browser (no `maxlength`): a
browser would silently cut off a pasted text, while the service refuses it with a message
and the form gives the text back to shorten.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.network.models import Initiative, SizeClass, SportBranch

from .models import CARD_MAX_LENGTH, MAX_DOTS, CardKind, StrategySession, Theme


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def facilitators_for(office):
    """Who can be named facilitator: the office's leads, its partners' staff, POS staff."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(grants__in=RoleGrant.objects.current())
            & (
                Q(grants__role=Role.LEAD, grants__office=office)
                | Q(grants__role=Role.PARTNER_STAFF, grants__partner__offices=office)
                | Q(grants__role=Role.POS_STAFF)
            )
        )
        .distinct()
        .order_by("full_name", "email")
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class SessionForm(forms.ModelForm):
    class Meta:
        model = StrategySession
        fields = [
            "title",
            "starts_at",
            "location",
            "is_online",
            "facilitator",
            "questions",
            "votes_per_participant",
            "max_votes_per_theme",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "questions": forms.Textarea(attrs={"rows": 4}),
            "votes_per_participant": forms.NumberInput(attrs={"min": 1, "max": MAX_DOTS}),
            "max_votes_per_theme": forms.NumberInput(attrs={"min": 1, "max": MAX_DOTS}),
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = PersonField(
            label=_("Begeleider"),
            queryset=facilitators_for(office),
            required=False,
            help_text=_("Een kartrekker, een partner van het kantoor of iemand van het POS."),
        )
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _dots(self, name: str) -> int:
        value = self.cleaned_data[name]
        if value is None or not 1 <= value <= MAX_DOTS:
            raise forms.ValidationError(
                _("Kies een aantal van 1 tot en met %(max)s.") % {"max": MAX_DOTS}
            )
        return value

    def clean_votes_per_participant(self):
        return self._dots("votes_per_participant")

    def clean_max_votes_per_theme(self):
        return self._dots("max_votes_per_theme")


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Sessiecode"),
        max_length=20,
        help_text=_("De zes tekens op het scherm of in de uitnodiging."),
        error_messages={"required": _("Vul de sessiecode in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    display_name = forms.CharField(
        label=_("Uw naam"),
        max_length=60,
        required=False,
        help_text=_("Laat leeg om anoniem mee te doen."),
        error_messages={"max_length": _("Een naam heeft maximaal 60 tekens.")},
    )


class CardForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=CardKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of het een kans, uitdaging of behoefte is."),
            "invalid_choice": _("Kies of het een kans, uitdaging of behoefte is."),
        },
    )
    text = forms.CharField(
        label=_("Tekst"),
        required=False,  # the service says what is wrong with an empty or too long text
        strip=False,
        help_text=_("Maximaal %(max)s tekens.") % {"max": CARD_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    branch = forms.ModelChoiceField(
        label=_("Tak van sport (optioneel)"),
        queryset=SportBranch.objects.order_by("sort_order", "name"),
        required=False,
    )


class CardMoveForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("(nog geen thema)"),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = session.themes.all()


class ThemeRenameForm(forms.Form):
    label = forms.CharField(label=_("Nieuwe naam"), required=False)


class ThemeMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Samenvoegen met"),
        queryset=Theme.objects.none(),
        error_messages={"required": _("Kies het thema om mee samen te voegen.")},
    )

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = theme.session.themes.exclude(pk=theme.pk)


class CardChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.text


class ThemeSplitForm(forms.Form):
    label = forms.CharField(label=_("Naam van het nieuwe thema"), required=False)
    cards = CardChoiceField(
        label=_("Kaartjes die naar het nieuwe thema gaan"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].queryset = theme.cards.order_by("pk")


class DenominatorFilterForm(forms.Form):
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    size = forms.ChoiceField(
        label=_("Grootte"), required=False, choices=[("", _("alle"))] + SizeClass.choices
    )
    initiative = forms.ChoiceField(
        label=_("Initiatief"), required=False, choices=[("", _("alle"))] + Initiative.choices
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("alle"))] + [(p, p) for p in provinces]
