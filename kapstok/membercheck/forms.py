"""The member check as a form: one field per question of the round's questionnaire.

Built from the `Question` rows, so the page asks exactly what the engine stores; the service
(`answer_save`) checks the answers again with the engine's own parser.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.monitor.models import QuestionKind


def _scale_choices(question) -> list[tuple[str, str]]:
    choices = []
    for point in range(question.scale_min, question.scale_max + 1):
        label = str(point)
        if point == question.scale_min and question.scale_min_label:
            label = f"{point} – {question.scale_min_label}"
        elif point == question.scale_max and question.scale_max_label:
            label = f"{point} – {question.scale_max_label}"
        choices.append((str(point), label))
    return choices


class MemberCheckForm(forms.Form):
    answered_before = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.order}"] = self._field(question)

    @staticmethod
    def _field(question) -> forms.Field:
        messages = {"required": _("Beantwoord deze vraag.")}
        if question.kind == QuestionKind.OPEN:
            return forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=question.required,
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    **messages,
                    "max_length": _("Houd het korter: hooguit %(limit_value)d tekens."),
                },
            )
        choices = (
            _scale_choices(question)
            if question.kind == QuestionKind.SCALE
            else [(choice, choice) for choice in question.choices]
        )
        return forms.ChoiceField(
            label=question.text,
            help_text=question.help_text,
            required=question.required,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={
                **messages,
                "invalid_choice": _("Kies één van de genoemde antwoorden."),
            },
        )

    def answers(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name.startswith("q")}
