from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Party, Responsibility

CHOICES = [("", "—"), *Responsibility.choices]
PARTY_LABELS = dict(Party.choices)


def field_name(task_pk, party: str) -> str:
    return f"c-{task_pk}-{party}"


class MatrixForm(forms.Form):
    """One select per task and party; `cells()` gives the matrix back as JSON-ready dicts."""

    def __init__(self, *args, tasks, parties, initial_cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks, self.parties = list(tasks), list(parties)
        initial_cells = initial_cells or {}
        for task in self.tasks:
            for party in self.parties:
                self.fields[field_name(task.pk, party)] = forms.ChoiceField(
                    label=f"{task.name} – {PARTY_LABELS[party]}",
                    choices=CHOICES,
                    required=False,
                    initial=(initial_cells.get(str(task.pk)) or {}).get(party, ""),
                )

    def rows(self):
        """(task, [bound field per party]) for the table in the template."""
        return [
            (task, [self[field_name(task.pk, party)] for party in self.parties])
            for task in self.tasks
        ]

    def cells(self) -> dict[str, dict[str, str]]:
        return {
            str(task.pk): {
                party: self.cleaned_data[field_name(task.pk, party)] for party in self.parties
            }
            for task in self.tasks
        }


class TasksForm(forms.Form):
    tasks = forms.CharField(
        label=_("Taken (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Een taak die blijft staan, houdt wat er al voor is ingevuld."),
    )
