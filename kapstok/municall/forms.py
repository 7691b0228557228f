"""Forms for calls and questions: they parse input; the rules live in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import Entrepreneur, Municipality

from .models import REPLY_MAX


class CallForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        error_messages={"required": _("Geef de oproep een titel.")},
    )
    text = forms.CharField(
        label=_("Toelichting"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Vertel de leden waar de oproep over gaat.")},
    )
    ask = forms.CharField(
        label=_("Wat vraagt u van de leden?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: een clinic geven, een kraam bemannen, meedenken."),
        error_messages={"required": _("Schrijf kort wat u van de leden vraagt.")},
    )
    deadline = forms.DateField(
        label=_("Reageren kan tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies tot wanneer de leden kunnen reageren."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-12-31."),
        },
    )
    municipality = forms.ModelChoiceField(
        label=_("Namens de gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een gemeente waarvoor u werkt.")},
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities if municipalities is not None else field.queryset
        if municipalities is not None and len(municipalities) == 1:
            field.widget = forms.HiddenInput()
            field.initial = municipalities[0].pk


def _business_field(label):
    return forms.ModelChoiceField(
        label=label,
        queryset=Entrepreneur.objects.none(),
        empty_label=None,
        # Left out, the service takes the member's (first) business of the office.
        required=False,
        error_messages={"invalid_choice": _("Kies een van uw bedrijven die lid is.")},
    )


class _ForBusiness(forms.Form):
    """A form a member fills in for one of their businesses (hidden when they have one)."""

    def __init__(self, *args, businesses=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["entrepreneur"]
        if businesses is not None:
            field.queryset = businesses
            choices = list(businesses)
            if len(choices) == 1:
                field.widget = forms.HiddenInput()
                field.initial = choices[0].pk


class AnswerForm(_ForBusiness):
    entrepreneur = _business_field(_("Namens"))
    reply = forms.CharField(
        label=_("Korte reactie"),
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REPLY_MAX}),
        help_text=_("Hoogstens 500 tekens: wat u wilt doen of aanbieden."),
        error_messages={"max_length": _("Houd uw reactie kort: hoogstens 500 tekens.")},
    )
    shares_contact = forms.BooleanField(
        label=_("Mijn naam en contactgegevens mogen naar de gemeente"),
        required=False,
        help_text=_(
            "Zonder dit vinkje telt de gemeente u alleen mee; uw naam, bedrijf, e-mail en "
            "telefoon ziet dan alleen de kartrekker."
        ),
    )


class AnswerChangeForm(forms.Form):
    reply = AnswerForm.base_fields["reply"]
    shares_contact = AnswerForm.base_fields["shares_contact"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom niet?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort waarom niet.")},
    )


class QuestionForm(_ForBusiness):
    entrepreneur = _business_field(_("Namens"))
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={"required": _("Geef uw vraag een onderwerp.")},
    )
    text = forms.CharField(
        label=_("Uw vraag"),
        max_length=3_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf uw vraag.")},
    )
    shares_identity = forms.BooleanField(
        label=_("De gemeente mag zien wie de vraag stelt"),
        required=False,
        help_text=_(
            "Zonder dit vinkje ziet de gemeente alleen dat de vraag van een lid van het kantoor "
            "komt."
        ),
    )


class ForwardForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Naar de gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een gemeente waarin het kantoor werkt.")},
    )
    subject = forms.CharField(
        label=_("Onderwerp voor de gemeente"),
        max_length=150,
        error_messages={"required": _("Geef de vraag een onderwerp.")},
    )
    text = forms.CharField(
        label=_("Vraag voor de gemeente"),
        max_length=3_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("U mag de vraag verduidelijken; het lid ziet wat u doorstuurt."),
        error_messages={"required": _("De vraag voor de gemeente mag niet leeg zijn.")},
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        if office is not None:
            self.fields["municipality"].queryset = office.municipalities.order_by("name")


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Uw antwoord"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf uw antwoord.")},
    )
