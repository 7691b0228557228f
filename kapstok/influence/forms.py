from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import Body

from .models import SENT_STATUSES, Achievement, NationalPosition, Outcome, Position, Seat


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _office_bodies(office):
    return Body.objects.filter(municipalities__in=office.municipalities.all()).distinct()


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "body", "municipality", "addressed_body", "recipient_email"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "municipality": _("Kies de gemeente óf hieronder een orgaan."),
            "addressed_body": _(
                "De sportraad, het kernteam van het sportakkoord of een preventietafel."
            ),
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = office.municipalities.all()
        self.fields["addressed_body"].queryset = _office_bodies(office)
        self.fields["municipality"].empty_label = _("— geen gemeente —")
        self.fields["addressed_body"].empty_label = _("— geen orgaan —")


class EndorseForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Mijn bedrijfsnaam mag in het standpunt staan"),
        required=False,
        help_text=_("Zonder dit vinkje telt u mee, maar zonder naam."),
    )


class SendForm(forms.Form):
    recipient_email = forms.EmailField(label=_("E-mailadres van de ontvanger"))
    confirm_empty = forms.BooleanField(
        label=_("Ja, verstuur het ook als geen enkel lid het steunt"), required=False
    )


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["outcome", "answered_on", "answer", "outcome_on"]
        widgets = {
            "answered_on": DateInput(),
            "outcome_on": DateInput(),
            "answer": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = [("", "—"), *Outcome.choices]


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["body", "kind", "person", "started_on", "ended_on", "public"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        help_texts = {
            "kind": _("Alleen nodig als het orgaan hierboven niet in de lijst staat."),
            "ended_on": _("Leeg laten zolang de zetel loopt."),
        }

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _office_bodies(office)
        self.fields["kind"].required = False


class AchievementForm(forms.ModelForm):
    evidence_url = forms.URLField(
        label=_("Bewijs (link)"), required=False, assume_scheme="https", max_length=200
    )
    evidence = forms.FileField(
        label=_("Bewijs (document)"),
        required=False,
        help_text=_("PDF, Word, Excel, PNG of JPEG, hoogstens 10 MB."),
    )

    class Meta:
        model = Achievement
        fields = ["title", "achieved_on", "description", "evidence_url", "position", "public"]
        widgets = {"achieved_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = office.positions.filter(status__in=SENT_STATUSES)


class NationalPositionForm(forms.ModelForm):
    class Meta:
        model = NationalPosition
        fields = ["title", "body", "ask", "closes_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "ask": forms.Textarea(attrs={"rows": 3}),
            "closes_on": DateInput(),
        }
