"""Forms of the municipality's pages: they parse input; the rules live in `services`."""

from django import forms

from .models import Contribution


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["municipality", "kind", "given_on", "amount", "purpose"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = None
