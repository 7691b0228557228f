"""Forms of the founding pages: they parse and check input; the services save."""

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.network.forms import DateInput, MunicipalityChoiceField
from kapstok.network.models import Initiative, Municipality

from .models import MEMBERS_NEEDED_DEFAULT, MEMBERS_NEEDED_MAX

MAX_INITIATORS = 10


class FoundingRegisterForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    municipalities = MunicipalityChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.current().order_by("name"),
        help_text=_(
            "De gemeente(n) waarin het kantoor gaat werken. Houd Ctrl ingedrukt voor meer."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    initiative = forms.ChoiceField(label=_("Initiatief"), choices=Initiative.choices)
    started_on = forms.DateField(
        label=_("In oprichting sinds"), widget=DateInput(), initial=timezone.localdate
    )
    initiators = forms.CharField(
        label=_("E-mailadressen van de initiatiefnemers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eén adres per regel. Elk krijgt de rol kartrekker van het kantoor; wie nog geen "
            "account heeft, krijgt er een."
        ),
    )
    members_needed = forms.IntegerField(
        label=_("Eerste leden nodig"),
        min_value=1,
        max_value=MEMBERS_NEEDED_MAX,
        initial=MEMBERS_NEEDED_DEFAULT,
        help_text=_("Zoveel aangesloten ondernemers heeft het kantoor bij de oprichting."),
    )

    def clean_initiators(self) -> list[str]:
        """One address a line (commas and semicolons also separate); each must be valid."""
        text = self.cleaned_data["initiators"].replace(",", "\n").replace(";", "\n")
        emails = []
        for line in text.splitlines():
            email = line.strip().lower()
            if not email or email in emails:
                continue
            try:
                validate_email(email)
            except forms.ValidationError as invalid:
                raise forms.ValidationError(
                    _("'%(email)s' is geen geldig e-mailadres."), params={"email": email}
                ) from invalid
            emails.append(email)
        if len(emails) > MAX_INITIATORS:
            raise forms.ValidationError(
                _("Geef ten hoogste %(max)s initiatiefnemers op."), params={"max": MAX_INITIATORS}
            )
        return emails


class FirstMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        help_text=_("Bijvoorbeeld: wie er waren en wat is afgesproken."),
    )


class MunicipalityContactForm(forms.Form):
    contact_with = forms.CharField(
        label=_("Met wie"), max_length=150, help_text=_("Naam en functie bij de gemeente.")
    )
    contact_on = forms.DateField(label=_("Op"), widget=DateInput())
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)


class FoundingCompleteForm(forms.Form):
    founded_on = forms.DateField(
        label=_("Opgericht op"), widget=DateInput(), initial=timezone.localdate
    )
