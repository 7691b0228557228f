from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import SportBranch

from .importing import MAX_BYTES
from .models import SportsClub


class ClubForm(forms.ModelForm):
    """Register or edit a club; the municipalities are those the person manages."""

    website = forms.URLField(
        label=_("website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = SportsClub
        fields = [
            "name",
            "municipality",
            "sports",
            "other_sports",
            "website",
            "secretary_email",
            "kvk_number",
        ]
        widgets = {"sports": forms.CheckboxSelectMultiple}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["sports"].queryset = SportBranch.objects.order_by("sort_order", "name")
        if municipalities.count() == 1 and not self.instance.pk:
            self.fields["municipality"].initial = municipalities.first()


class ClubFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    gemeente = forms.IntegerField(label=_("Gemeente"), required=False, widget=forms.Select)
    sport = forms.ModelChoiceField(
        label=_("Sport"),
        queryset=SportBranch.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("alle sporten"),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("alle gemeenten"))] + [(m.pk, m.name) for m in municipalities]
        self.fields["gemeente"].widget.choices = choices


class ClubImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_(
            "Kolommen: naam, sport, gemeente, website, e-mail secretariaat, KvK-nummer. "
            "Alleen 'naam' is verplicht; 'gemeente' mag leeg blijven als u voor één gemeente "
            "werkt. Hoogstens 2 MB en 5000 verenigingen."
        ),
    )
    check_only = forms.BooleanField(
        label=_("Alleen controleren, nog niets opslaan"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 2 MB. Splits het op of laat overbodige kolommen weg.")
            )
        return upload


class ClubLinkForm(forms.Form):
    """Link a club to one practice, meeting or post; the choices are what the person may read."""

    practice = forms.TypedChoiceField(label=_("Praktijkvoorbeeld"), required=False, coerce=int)
    meeting = forms.TypedChoiceField(label=_("Bijeenkomst"), required=False, coerce=int)
    post = forms.TypedChoiceField(
        label=_("Bericht op het uitwisselbord"), required=False, coerce=int
    )

    def __init__(self, *args, practices, meetings, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {
            "practice": {p.pk: p for p in practices},
            "meeting": {m.pk: m for m in meetings},
            "post": {p.pk: p for p in posts},
        }
        for kind, objects in self.targets.items():
            labels = [(pk, self.label_of(kind, obj)) for pk, obj in objects.items()]
            self.fields[kind].choices = [("", "—"), *labels]

    @staticmethod
    def label_of(kind, obj) -> str:
        if kind == "meeting":
            return f"{obj.title} ({obj.starts_at:%d-%m-%Y})"
        return f"{obj.title} ({obj.office.name})"

    def clean(self):
        cleaned = super().clean()
        chosen = [(kind, cleaned.get(kind)) for kind in self.targets if cleaned.get(kind)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                _("Kies één praktijkvoorbeeld, bijeenkomst of bericht om te koppelen.")
            )
        kind, pk = chosen[0]
        cleaned["kind"], cleaned["target"] = kind, self.targets[kind][pk]
        return cleaned
