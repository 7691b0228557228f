"""Forms of the coding pages; the rules themselves live in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.monitor.models import Wave

from .models import Code


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=4000, widget=forms.Textarea
    )
    waves = forms.ModelMultipleChoiceField(
        label=_("Meetrondes"),
        queryset=Wave.objects.order_by("-year", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class WavesForm(forms.Form):
    waves = forms.ModelMultipleChoiceField(
        label=_("Meetrondes in dit project"),
        queryset=Wave.objects.order_by("-year", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CodeForm(forms.Form):
    label = forms.CharField(label=_("Code"), max_length=80)
    parent = forms.ModelChoiceField(
        label=_("Valt onder"),
        queryset=Code.objects.none(),
        required=False,
        empty_label=_("(hoofdcode)"),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wanneer geeft u deze code? Helpt een tweede codeur hetzelfde te doen."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = project.codes.order_by("order", "label")


class CodeEditForm(CodeForm):
    order = forms.IntegerField(label=_("Volgorde"), min_value=0)

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, project=code.project, **kwargs)
        self.fields["parent"].queryset = code.project.codes.exclude(pk=code.pk)


class CodingForm(forms.Form):
    """The fragment as character offsets; the page's script fills them from the selection.

    Without a script the coder types the offsets, or ticks "whole answer".
    """

    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none())
    start = forms.IntegerField(label=_("Van teken"), required=False, min_value=0)
    end = forms.IntegerField(label=_("Tot teken"), required=False, min_value=0)
    whole = forms.BooleanField(label=_("Het hele antwoord"), required=False)
    tentative = forms.BooleanField(label=_("Voorlopig (nog niet bevestigd)"), required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].queryset = project.codes.all()

    def clean(self):
        data = super().clean()
        if data.get("whole"):
            data["start"] = data["end"] = None
        elif data.get("start") is None or data.get("end") is None:
            raise forms.ValidationError(
                _("Selecteer een stuk tekst, vul begin en einde in, of kies 'het hele antwoord'.")
            )
        return data


class AgreementForm(forms.Form):
    coder_a = forms.TypedChoiceField(label=_("Codeur 1"), coerce=int)
    coder_b = forms.TypedChoiceField(label=_("Codeur 2"), coerce=int)
    wave = forms.ModelChoiceField(
        label=_("Meetronde"),
        queryset=Wave.objects.none(),
        required=False,
        empty_label=_("alle meetrondes"),
    )

    def __init__(self, *args, coders: list[tuple[int, str]], waves, **kwargs):
        """`coders`: numbered choices (`selectors.coder_choices`), never account ids."""
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = waves
        self.fields["coder_a"].choices = coders
        self.fields["coder_b"].choices = coders

    def clean(self):
        data = super().clean()
        if data.get("coder_a") is not None and data.get("coder_a") == data.get("coder_b"):
            raise forms.ValidationError(_("Kies twee verschillende codeurs."))
        return data


class ClearForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Open vragen waarvan de tekst in de export mag"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Geef een vraag pas vrij als u de antwoorden hebt nagelezen op namen en andere "
            "gegevens die iemand herkenbaar maken."
        ),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = questions
        self.fields["questions"].label_from_instance = lambda q: (
            f"{q.questionnaire.title}: {q.text[:120]}"
        )
