"""Forms of the kapstok pages; owners are chosen from the people of the office."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.network.forms import DateInput
from kapstok.network.models import Membership

from .models import Activity, Goal, Measurement, Project, Strategy


def office_people(office):
    """Accounts that can own a goal or project: the office's leads and members."""
    members = Membership.objects.current().filter(office=office).values("entrepreneur_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(grants__in=RoleGrant.objects.current())
            & (
                Q(grants__role=Role.LEAD, grants__office=office)
                | Q(grants__role=Role.MEMBER, grants__entrepreneur__in=members)
            )
        )
        .distinct()
        .order_by("full_name", "email")
    )


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class OfficeBoundForm(forms.ModelForm):
    """A form whose owner field offers only the people of one office."""

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        if "owner" in self.fields:
            self.fields["owner"] = OwnerField(
                label=_("Eigenaar"),
                queryset=office_people(office),
                required=False,
                help_text=_("Wie trekt dit? Een kartrekker of lid van het kantoor."),
            )


class GoalForm(OfficeBoundForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "description",
            "indicator",
            "baseline_value",
            "target_value",
            "unit",
            "deadline",
            "owner",
            "status",
        ]
        widgets = {
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("target_value") is not None and not (data.get("unit") or "").strip():
            self.add_error("unit", _("Geef bij de streefwaarde ook een eenheid op."))
        return data


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "description", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


WORK_FIELDS = [
    "title",
    "description",
    "owner",
    "start_on",
    "due_on",
    "status",
    "progress",
    "weight",
    "budget_amount",
    "budget_source",
    "outcome_notes",
]
WORK_WIDGETS = {
    "start_on": DateInput(),
    "due_on": DateInput(),
    "description": forms.Textarea(attrs={"rows": 3}),
    "outcome_notes": forms.Textarea(attrs={"rows": 3}),
    "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
}


class WorkItemForm(OfficeBoundForm):
    def clean_progress(self):
        progress = self.cleaned_data["progress"]
        if progress is None or not 0 <= progress <= 100:
            raise forms.ValidationError(_("Voortgang is een percentage van 0 tot en met 100."))
        return progress

    def clean(self):
        data = super().clean()
        start, due = data.get("start_on"), data.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("De einddatum ligt vóór de startdatum."))
        return data


class ProjectForm(WorkItemForm):
    class Meta:
        model = Project
        fields = ["kind", *WORK_FIELDS]
        widgets = WORK_WIDGETS


class ActivityForm(WorkItemForm):
    class Meta:
        model = Activity
        fields = WORK_FIELDS
        widgets = WORK_WIDGETS


class ProgressForm(forms.ModelForm):
    """The quick update on the kapstok page: status and percentage only."""

    class Meta:
        model = Project
        fields = ["status", "progress"]
        widgets = {"progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5})}

    def clean_progress(self):
        return WorkItemForm.clean_progress(self)


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput()}
