"""Forms of the representativeness pages: upload, column mapping, classification, pipeline."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.goals.forms import OwnerField, office_people
from kapstok.network.forms import DateInput
from kapstok.network.models import SportBranch

from .importer import COLUMNS
from .models import Prospect, ProspectStage
from .reading import MAX_BYTES
from .selectors import STAGE_FILTERS, UNKNOWN

ALLOWED_SUFFIXES = {".csv", ".txt", ".xlsx"}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_(
            "Bijvoorbeeld een export uit het Handelsregister van de KvK: één regel per "
            "vestiging. CSV met puntkomma of komma, of .xlsx; hoogstens 50 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 50 MB. Splits het op of laat overbodige kolommen weg.")
            )
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Kies een CSV-bestand of een Excel-bestand (.xlsx)."))
        return upload


class MappingForm(forms.Form):
    """One choice per field: which column of the file holds it."""

    remove_missing = forms.BooleanField(
        label=_("Bedrijven die niet meer in dit bestand staan uit het landschap halen"),
        required=False,
        help_text=_("Ook hun gegevens in de werving verdwijnen."),
    )

    def __init__(self, *args, header: list[str], initial_mapping: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— niet gebruiken —"))] + [
            (str(index), name or _("kolom %(n)s") % {"n": index + 1})
            for index, name in enumerate(header)
        ]
        for column in COLUMNS:
            self.fields[column.key] = forms.ChoiceField(
                label=column.label,
                choices=choices,
                required=column.required,
                initial=str(initial_mapping[column.key]) if column.key in initial_mapping else "",
            )
        self.order_fields([column.key for column in COLUMNS] + ["remove_missing"])

    def clean(self):
        cleaned = super().clean()
        used = [cleaned.get(c.key) for c in COLUMNS if cleaned.get(c.key)]
        if len(used) != len(set(used)):
            raise forms.ValidationError(_("Elke kolom kan maar voor één gegeven gekozen worden."))
        return cleaned

    def mapping(self) -> dict[str, int]:
        return {c.key: int(self.cleaned_data[c.key]) for c in COLUMNS if self.cleaned_data[c.key]}


class ClassifyForm(forms.Form):
    branch = forms.ModelChoiceField(
        label=_("Tak van sport"),
        queryset=SportBranch.objects.order_by("sort_order", "name"),
        empty_label=_("— kies —"),
    )


class ProspectForm(forms.ModelForm):
    class Meta:
        model = Prospect
        fields = ["stage", "owner", "next_step", "next_step_on", "notes"]
        widgets = {"next_step_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "notes": _("Alleen zichtbaar voor kartrekkers en POS, niet voor de gemeente."),
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerField(
            label=_("Eigenaar"),
            queryset=office_people(office),
            required=False,
            help_text=_("Wie neemt contact op?"),
        )


class PipelineFilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Fase"), required=False)
    branch = forms.ChoiceField(label=_("Tak van sport"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ProspectStage.choices)
        self.fields["stage"].choices = [
            (value, _("nog in beeld") if value == "open" else labels[value])
            for value in STAGE_FILTERS
        ]
        self.fields["branch"].choices = [
            ("", _("alle takken")),
            *SportBranch.objects.order_by("sort_order").values_list("slug", "name"),
            (UNKNOWN, _("onbekend")),
        ]

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return "open", ""
        return self.cleaned_data["stage"] or "open", self.cleaned_data["branch"]
