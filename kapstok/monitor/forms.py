"""Forms of the monitor's builder and waves: they parse input; the rules live in `services`.

The respondent's questionnaire is not a Django form: its fields follow the questions, so the
view reads them with `answers.parse_answer` and the template draws them (`monitor/_question.html`).
"""

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import WAVE_AUDIENCES, Question, QuestionKind, Questionnaire, Wave


class LinesField(forms.CharField):
    """A list of short texts, typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = [line.strip() for line in (value or "").splitlines()]
        return [line for line in lines if line]


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "audience", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": _("Geef de vragenlijst een titel.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The members' questionnaire is the member check's own (kapstok.membercheck).
        self.fields["audience"].choices = [(a.value, a.label) for a in WAVE_AUDIENCES]


class QuestionForm(forms.ModelForm):
    choices = LinesField(
        label=_("Antwoordmogelijkheden"),
        required=False,
        help_text=_("Alleen bij keuzevragen: één antwoord per regel."),
    )
    show_if_values = LinesField(
        label=_("…het antwoord is"),
        required=False,
        help_text=_("Eén of meer antwoorden van die vraag, één per regel."),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "text",
            "help_text",
            "kind",
            "required",
            "choices",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "max_length",
            "show_if_question",
            "show_if_values",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "help_text": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"show_if_question": _("Toon deze vraag alleen als bij vraag…")}
        help_texts = {
            "section": _("De kop waaronder de vraag staat; elk onderdeel is één pagina."),
            "max_length": _(
                "Alleen bij open vragen: het aantal tekens dat een antwoord mag hebben."
            ),
        }
        error_messages = {"text": {"required": _("Vul de vraag in.")}}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        conditions = questionnaire.questions.filter(
            kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE]
        )
        if self.instance.pk:
            conditions = conditions.filter(order__lt=self.instance.order)
        field = self.fields["show_if_question"]
        field.queryset = conditions
        field.empty_label = _("(altijd tonen)")
        field.label_from_instance = lambda q: q.text[:90]
        length = self.fields["max_length"]
        length.min_value = 1
        # Setting min_value after the field is built adds no validator by itself.
        length.validators.append(MinValueValidator(1))
        length.widget.attrs["min"] = 1


class WaveForm(forms.ModelForm):
    offices = forms.MultipleChoiceField(
        label=_("Kantoren"), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Wave
        fields = ["name", "year", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "name": {"required": _("Geef de meetronde een naam.")},
            "closes_on": {"required": _("Kies een sluitingsdatum.")},
        }

    def __init__(self, *args, office_labels: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offices"].choices = sorted(office_labels.items(), key=lambda i: i[1])
        self.fields["offices"].initial = list(office_labels)
        for audience in WAVE_AUDIENCES:
            field = forms.ModelChoiceField(
                label=_("Vragenlijst voor: %(audience)s") % {"audience": audience.label},
                queryset=Questionnaire.objects.filter(audience=audience),
                required=False,
                empty_label=_("(deze doelgroep niet vragen)"),
            )
            field.label_from_instance = _questionnaire_label
            template = field.queryset.filter(is_template=True).first()
            field.initial = template.pk if template else None
            self.fields[f"questionnaire_{audience.value}"] = field
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["opens_on"].initial = today

    def clean_offices(self):
        return [int(pk) for pk in self.cleaned_data["offices"]]

    def questionnaires(self) -> dict:
        return {
            audience: self.cleaned_data[f"questionnaire_{audience.value}"]
            for audience in WAVE_AUDIENCES
            if self.cleaned_data.get(f"questionnaire_{audience.value}")
        }


def _questionnaire_label(questionnaire) -> str:
    kind = (
        _("sjabloon")
        if questionnaire.is_template
        else _("versie %(v)s") % {"v": questionnaire.version}
    )
    return f"{questionnaire.title} ({kind})"


class InvitationForm(forms.Form):
    office = forms.ChoiceField(label=_("Kantoor"))
    audience = forms.ChoiceField(
        label=_("Doelgroep"), choices=[(a.value, a.label) for a in WAVE_AUDIENCES]
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul een e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres."),
        },
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(o.pk, o.name) for o in offices]
