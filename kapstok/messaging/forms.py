"""Forms for brokered messages: they parse input; the rules live in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.core.uploads import ATTACHMENT_HELP, MultipleFileField
from kapstok.network.models import SportBranch


class ComposeForm(forms.Form):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={"required": _("Geef het bericht een onderwerp.")},
    )
    body = forms.CharField(
        label=_("Bericht"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Schrijf het bericht.")},
    )
    branches = forms.ModelMultipleChoiceField(
        label=_("Alleen aan leden in deze takken van sport"),
        queryset=SportBranch.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies niets om alle leden te bereiken."),
        error_messages={
            "invalid_choice": _(
                "Er zijn geen leden in deze selectie. Kies andere takken van sport, of geen, om "
                "alle leden te bereiken."
            )
        },
    )
    attachments = MultipleFileField(label=_("Bijlagen"), help_text=ATTACHMENT_HELP)

    def __init__(self, *args, branch_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["branches"]
        field.queryset = SportBranch.objects.filter(pk__in=[pk for pk, _n, _c in branch_choices])
        labels = {pk: f"{name} ({count})" for pk, name, count in branch_choices}
        field.label_from_instance = lambda branch: labels.get(branch.pk, branch.name)

    def clean_subject(self):
        subject = self.cleaned_data["subject"].strip()
        if not subject:
            raise forms.ValidationError(_("Geef het bericht een onderwerp."))
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Schrijf het bericht."))
        return body


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom niet?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de gemeente kort waarom niet.")},
    )


class AutoApproveForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Berichten van de gemeente zonder goedkeuring van de kartrekker versturen"),
        required=False,
    )
