"""Forms of the registry pages: they parse and validate input; services do the saving."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Entrepreneur, LeaveReason, Membership, Municipality, Office, SportBranch
from .validators import establishment_number_validator, kvk_number_validator


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.province})"


class OfficeForm(forms.ModelForm):
    municipalities = MunicipalityChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.current().order_by("name"),
        help_text=_("De gemeente(n) waarin het kantoor werkt. Houd Ctrl ingedrukt voor meer."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Office
        fields = [
            "name",
            "municipalities",
            "founded_on",
            "initiative",
            "legal_form",
            "status",
            "contact_name",
            "contact_email",
            "contact_phone",
            "description",
        ]
        widgets = {
            "founded_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, scope_editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("municipalities", list(self.instance.municipalities.all()))
        if not scope_editable:
            # Disabled fields ignore whatever is posted for them and keep the stored value.
            for name in ("municipalities", "status"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Alleen POS past dit aan. Klopt het niet, vraag het dan via Ondersteuning."
                )
        self._founding_by_checklist()

    def _founding_by_checklist(self) -> None:
        """An office enters founding through its registration and leaves it through its
        checklist (the page "Oprichting"), never by a status changed here."""
        from .models import OfficeStatus

        if self.instance.pk and self.instance.is_founding:
            for name in ("status", "founded_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Een kantoor in oprichting wordt opgericht via zijn oprichtingschecklist."
                )
            return
        self.fields["status"].choices = [
            choice for choice in self.fields["status"].choices if choice[0] != OfficeStatus.FOUNDING
        ]

    def clean_founded_on(self):
        founded = self.cleaned_data["founded_on"]
        if founded and founded > timezone.localdate():
            raise forms.ValidationError(_("De oprichtingsdatum kan niet in de toekomst liggen."))
        return founded

    def clean(self):
        """A founded office has a founding date; one in founding gets it when the founding
        checklist is done (the page "Oprichting"), not here."""
        from .models import OfficeStatus

        data = super().clean()
        founding = data.get("status") == OfficeStatus.FOUNDING
        if not founding and not data.get("founded_on") and "founded_on" not in self.errors:
            self.add_error("founded_on", _("Vul de oprichtingsdatum in."))
        if founding and data.get("founded_on"):
            self.add_error(
                "founded_on",
                _(
                    "Een kantoor in oprichting heeft nog geen oprichtingsdatum; die komt er als "
                    "de oprichting is afgerond."
                ),
            )
        return data


class EntrepreneurForm(forms.ModelForm):
    branches = forms.ModelMultipleChoiceField(
        label=_("Takken van sport"),
        queryset=SportBranch.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.current().order_by("name")
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Wider than the 8 digits stored, so "1234 5678" reaches `clean_kvk_number`, which strips
    # the spaces; the model's validator then checks the 8 digits.
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20}),
    )

    class Meta:
        model = Entrepreneur
        fields = [
            "business_name",
            "kvk_number",
            "establishment_number",
            "branches",
            "municipality",
            "website",
            "email",
            "phone",
            "size_band",
            "branch_organisations",
            "is_chain",
        ]
        widgets = {
            "branch_organisations": forms.CheckboxSelectMultiple,
            "kvk_number": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 8}),
            "establishment_number": forms.TextInput(
                attrs={"inputmode": "numeric", "maxlength": 12}
            ),
        }
        error_messages = {
            "kvk_number": {"max_length": _("Een KvK-nummer bestaat uit precies 8 cijfers.")},
        }

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"].replace(" ", "")
        kvk_number_validator(value)
        return value


class MembershipAddForm(forms.Form):
    """A lead adds a member by KvK number; business details are used for a new entrepreneur."""

    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("8 cijfers. Is het bedrijf al bekend, dan worden de gegevens overgenomen."),
    )
    establishment_number = forms.CharField(
        label=_("Vestigingsnummer"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Alleen nodig als het bedrijf meerdere vestigingen heeft."),
    )
    business_name = forms.CharField(label=_("Bedrijfsnaam"), max_length=150, required=False)
    branches = forms.ModelMultipleChoiceField(
        label=_("Takken van sport"),
        queryset=SportBranch.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.none(), required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    joined_on = forms.DateField(label=_("Lid sinds"), widget=DateInput())
    listed_publicly = forms.BooleanField(
        label=_("Vermelden op de openbare kantoorpagina (naam, tak van sport, website)"),
        required=False,
    )

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["municipality"].queryset = office.municipalities.all()
        self.initial.setdefault("joined_on", timezone.localdate())
        if office.municipalities.count() == 1:
            self.initial.setdefault("municipality", office.municipalities.first())

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"].replace(" ", "")
        kvk_number_validator(value)
        return value

    def clean_establishment_number(self):
        value = self.cleaned_data["establishment_number"].replace(" ", "")
        if value:
            establishment_number_validator(value)
        return value

    def clean_joined_on(self):
        joined = self.cleaned_data["joined_on"]
        if joined > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van aansluiten kan niet in de toekomst liggen.")
            )
        return joined

    def known_entrepreneur(self):
        data = self.cleaned_data
        return Entrepreneur.objects.filter(
            kvk_number=data.get("kvk_number"),
            establishment_number=data.get("establishment_number", ""),
        ).first()

    def clean(self):
        data = super().clean()
        if self.errors or self.known_entrepreneur():
            return data
        # A new business: the details are needed to register it.
        missing = {
            "business_name": _("Vul de bedrijfsnaam in: dit KvK-nummer is nog niet bekend."),
            "branches": _("Kies ten minste één tak van sport."),
            "municipality": _("Kies de gemeente van het bedrijf."),
        }
        for field, message in missing.items():
            if not data.get(field):
                self.add_error(field, message)
        return data

    def entrepreneur_data(self) -> dict:
        data = self.cleaned_data
        return {
            "business_name": data["business_name"],
            "kvk_number": data["kvk_number"],
            "establishment_number": data["establishment_number"],
            "municipality": data["municipality"],
            "website": data["website"],
            "email": data["email"],
        }


class ClaimAnswerForm(forms.Form):
    """The business answers an office's request; listing on the public page is its own choice."""

    listed_publicly = forms.BooleanField(
        label=_(
            "Vermeld mijn bedrijf (naam, tak van sport en website) op de openbare kantoorpagina"
        ),
        required=False,
    )


class MembershipEndForm(forms.ModelForm):
    """The lead's form: when the membership ends, and why the member left."""

    class Meta:
        model = Membership
        fields = ["left_on", "left_reason", "left_note"]
        widgets = {
            "left_on": DateInput(),
            "left_reason": forms.RadioSelect(),
            "left_note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "left_on": _("Einddatum lidmaatschap"),
            "left_reason": _("Waarom stopt dit lid?"),
            "left_note": _("Toelichting (niet verplicht)"),
        }
        help_texts = {
            "left_reason": _("Vraag het het lid zelf; zo ziet het kantoor wat leden missen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["left_reason"]
        reason.required = True
        reason.choices = LeaveReason.choices  # without the empty choice
        reason.error_messages["required"] = _("Kies waarom dit lid stopt.")

    def clean_left_on(self):
        left = self.cleaned_data["left_on"]
        if left is None:
            raise forms.ValidationError(_("Vul de datum in waarop het lidmaatschap eindigt."))
        if left < self.instance.joined_on:
            raise forms.ValidationError(_("De einddatum ligt vóór de datum van aansluiten."))
        return left


class MembershipLeaveForm(MembershipEndForm):
    """The member's own form: they leave today; why is asked of them directly."""

    class Meta(MembershipEndForm.Meta):
        fields = ["left_reason", "left_note"]
        labels = {
            "left_reason": _("Waarom stopt u?"),
            "left_note": _("Wat had het kantoor beter kunnen doen? (niet verplicht)"),
        }
        help_texts = {
            "left_reason": _("De kartrekkers zien de reden, zodat het kantoor kan verbeteren."),
        }


class OfficeFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    size = forms.ChoiceField(label=_("Grootte"), required=False)
    initiative = forms.ChoiceField(label=_("Initiatief"), required=False)
    organisatie = forms.ChoiceField(label=_("Brancheorganisatie"), required=False)

    def __init__(
        self, *args, provinces: list[str], organisations: list[tuple[str, str]] | None, **kwargs
    ):
        """`organisations` None leaves the branch organisation filter out (see the view)."""
        from .models import Initiative, OfficeStatus, SizeClass

        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        if organisations is None:
            del self.fields["organisatie"]
        else:
            self.fields["organisatie"].choices = everything + organisations
        self.fields["province"].choices = everything + [(p, p) for p in provinces]
        self.fields["status"].choices = everything + list(OfficeStatus.choices)
        self.fields["size"].choices = everything + list(SizeClass.choices)
        self.fields["initiative"].choices = everything + list(Initiative.choices)


# --- roles -----------------------------------------------------------------------------------

ROLE_END_BEFORE_START = _("De einddatum van een rol ligt vóór de begindatum.")


class RoleDatesMixin:
    """Start and end of a role: the end, when given, may not lie before the start."""

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", ROLE_END_BEFORE_START)
        return data


def _starts_on_field():
    return forms.DateField(label=_("Vanaf"), initial=timezone.localdate, widget=DateInput())


def _ends_on_field():
    return forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput(),
        help_text=_("De laatste dag van de rol. Leeg: tot nader order."),
    )


class RoleGrantForm(RoleDatesMixin, forms.Form):
    """Give a role to a person by email. On an office page the office is the scope and only
    the roles the viewer may grant there are offered; on the national page POS chooses the
    role and where it holds."""

    email = forms.EmailField(label=_("E-mailadres"))
    full_name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=150,
        help_text=_("Alleen nodig als deze persoon nog geen account heeft."),
    )
    role = forms.ChoiceField(label=_("Rol"))
    office = forms.ModelChoiceField(
        label=_("Kantoor"), required=False, queryset=Office.objects.order_by("name")
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        required=False,
        queryset=Municipality.objects.current().order_by("name"),
    )
    partner = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=None)
    branch_organisation = forms.ModelChoiceField(
        label=_("Brancheorganisatie"), required=False, queryset=None
    )
    starts_on = _starts_on_field()
    ends_on = _ends_on_field()

    def __init__(self, *args, roles, office=None, **kwargs):
        from kapstok.accounts.models import Role

        from .models import BranchOrganisation, Partner

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["branch_organisation"].queryset = BranchOrganisation.objects.order_by("name")
        self.office = office
        if office is not None:
            for scope in ("office", "municipality", "partner", "branch_organisation"):
                del self.fields[scope]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def scope(self):
        """The office, municipality or partner the chosen role holds on (None: national)."""
        from kapstok.accounts.models import ROLE_SCOPE

        if self.office is not None:
            return self.office
        field = ROLE_SCOPE.get(self.cleaned_data["role"])
        return self.cleaned_data.get(field) if field else None


class RoleDatesForm(RoleDatesMixin, forms.Form):
    starts_on = _starts_on_field()
    ends_on = _ends_on_field()


class RoleEndForm(forms.Form):
    """End a role on a day and, for a role on an office, name who takes over its open work."""

    ends_on = forms.DateField(
        label=_("Laatste dag van de rol"), initial=timezone.localdate, widget=DateInput()
    )
    successor = forms.ModelChoiceField(
        label=_("Opvolger"),
        required=False,
        queryset=None,
        empty_label=_("Geen: het open werk blijft staan"),
        help_text=_(
            "Open doelen, projecten, acties en sessies in dit kantoor gaan naar de opvolger. "
            "Afgerond werk blijft op naam van wie het deed."
        ),
    )

    def __init__(self, *args, grant, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.grant = grant
        if grant.office_id is None:
            del self.fields["successor"]
        else:
            self.fields["successor"].queryset = successors

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < self.grant.starts_on:
            raise forms.ValidationError(ROLE_END_BEFORE_START)
        return ends_on


class BranchPartnerForm(forms.Form):
    """An office chooses a branch organisation to work with as its partner."""

    organisation = forms.ModelChoiceField(
        label=_("Brancheorganisatie"),
        queryset=None,
        empty_label=_("Kies een brancheorganisatie"),
        error_messages={
            "required": _("Kies de brancheorganisatie die partner wordt."),
            "invalid_choice": _("Kies een brancheorganisatie uit de lijst."),
        },
    )

    def __init__(self, *args, office: Office, **kwargs):
        from .models import BranchOrganisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = BranchOrganisation.objects.exclude(
            partner__offices=office
        ).order_by("name")
