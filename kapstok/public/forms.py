"""Forms of the public site and of the lead's public-page pages.

Forms only parse and check input; storing, merging and mailing happen in `services`. Every
text field has a maximum length, checked here with a Dutch message (a browser's `maxlength`
can be bypassed by anyone who posts directly). HTML typed into a field is kept as text and
shown escaped, never interpreted, so there is nothing to sanitise.
"""

import re

from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kapstok.network.models import Municipality, SportBranch
from kapstok.network.validators import kvk_number_validator

from .models import OfficePublicPage

MESSAGE_MAX = 2000
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{6,20}$")


def _too_long(limit: int):
    return _("Dit veld mag hoogstens %(limit)s tekens bevatten.") % {"limit": limit}


def _privacy_label():
    # One sentence with its link inside, so a translation can put the link where it belongs.
    return format_html(
        _('Ik ga akkoord met de <a href="{url}">privacyverklaring</a>.'),
        url=reverse("public:privacy"),
    )


class JoinForm(forms.Form):
    """The public join form; see `services.join_request_submit` for what happens next."""

    full_name = forms.CharField(label=_("Uw naam"), max_length=120)
    business_name = forms.CharField(label=_("Bedrijfsnaam"), max_length=150)
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=20,
        help_text=_("De 8 cijfers van uw inschrijving bij de Kamer van Koophandel."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    branches = forms.ModelMultipleChoiceField(
        label=_("Tak(ken) van sport"),
        queryset=SportBranch.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één tak van sport.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("U krijgt een e-mail met een link om uw aanmelding te bevestigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    message = forms.CharField(
        label=_("Bericht aan de kartrekker"),
        required=False,
        max_length=MESSAGE_MAX,
        help_text=_("Optioneel, hoogstens %(limit)s tekens.") % {"limit": MESSAGE_MAX},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    listed_publicly = forms.BooleanField(
        label=_(
            "Vermeld mijn bedrijf (naam, tak van sport en website) op de openbare pagina van "
            "het kantoor."
        ),
        required=False,
    )
    privacy = forms.BooleanField(
        label=lazy(_privacy_label, str)(),
        error_messages={
            "required": _(
                "Zonder akkoord met de privacyverklaring kunnen we uw aanmelding niet verwerken."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].error_messages["max_length"] = _too_long(MESSAGE_MAX)

    def clean_kvk_number(self):
        kvk = re.sub(r"[\s.\-]", "", self.cleaned_data["kvk_number"])
        kvk_number_validator(kvk)
        return kvk

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(_("Vul een telefoonnummer in met alleen cijfers."))
        return phone

    def service_data(self) -> dict:
        data = self.cleaned_data
        fields = ("full_name", "business_name", "kvk_number", "email", "phone", "website")
        values = {name: data[name].strip() for name in fields}
        return values | {"message": data["message"], "listed_publicly": data["listed_publicly"]}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=120)
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("De kartrekker antwoordt op dit adres."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Uw bericht"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].error_messages["max_length"] = _too_long(MESSAGE_MAX)


class PublicPageForm(forms.ModelForm):
    """The lead's texts and which achieved goals and finished projects to show."""

    class Meta:
        model = OfficePublicPage
        fields = ["about", "benefits", "published_goals", "published_projects"]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 8}),
            "benefits": forms.Textarea(attrs={"rows": 6}),
            "published_goals": forms.CheckboxSelectMultiple,
            "published_projects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, goals, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_goals"].queryset = goals
        self.fields["published_projects"].queryset = projects
        for name in ("about", "benefits"):
            self.fields[name].error_messages["max_length"] = _too_long(3000)
        if not goals.exists():
            del self.fields["published_goals"]
        if not projects.exists():
            del self.fields["published_projects"]


class AcceptForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van het bedrijf"),
        queryset=Municipality.objects.none(),
        help_text=_("Alleen nodig als het KvK-nummer nog niet bekend is."),
    )
    listed_publicly = forms.BooleanField(
        label=_("Vermelden op de openbare pagina"),
        required=False,
        help_text=_("Zoals de ondernemer bij de aanmelding koos."),
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = office.municipalities.order_by("name")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        help_text=_("De ondernemer krijgt deze reden per e-mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
