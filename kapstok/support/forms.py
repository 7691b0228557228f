"""Forms of the support desk: they parse input; the rules live in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kapstok.core.uploads import ATTACHMENT_HELP, MultipleFileField

from .models import (
    Category,
    KnowledgeArticle,
    Status,
    SupportOffer,
    SupportRequest,
)


class RequestForm(forms.ModelForm):
    attachments = MultipleFileField(label=_("Bijlagen"), help_text=ATTACHMENT_HELP)

    class Meta:
        model = SupportRequest
        fields = ["category", "description", "urgency"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "category": {"invalid_choice": _("Kies een categorie uit de lijst.")},
            "description": {"required": _("Beschrijf uw vraag.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(active=True)
        self.fields["category"].empty_label = None

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Beschrijf uw vraag."))
        return description


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": _("Schrijf een bericht.")},
    )
    internal = forms.BooleanField(
        label=_("Interne notitie (niet zichtbaar voor het kantoor)"), required=False
    )
    attachments = MultipleFileField(label=_("Bijlagen"), help_text=ATTACHMENT_HELP)

    def __init__(self, *args, handler: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not handler:
            del self.fields["internal"]


class HandleForm(forms.Form):
    """Status, assignment and offer, changed together by the handler."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    assignee = forms.ModelChoiceField(label=_("Behandelaar (POS)"), queryset=None, required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None, required=False)
    offer = forms.ModelChoiceField(
        label=_("Aanbod"), queryset=SupportOffer.objects.select_related("category"), required=False
    )
    no_offer = forms.BooleanField(label=_("Geen aanbod voor deze vraag"), required=False)

    def __init__(self, *args, assignees, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees
        self.fields["partner"].queryset = partners


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Samenvoegen met vraag nummer"), min_value=1)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u over de hulp?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )


class ArticleLinkForm(forms.Form):
    """Pick a published knowledge article to link to a request."""

    article = forms.ModelChoiceField(
        label=_("Kennisartikel"),
        queryset=None,
        empty_label=_("Kies een artikel"),
        error_messages={
            "required": _("Kies een kennisartikel."),
            "invalid_choice": _("Kies een kennisartikel uit de lijst."),
        },
    )

    def __init__(self, *args, articles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = articles


class KnowledgeArticleForm(forms.ModelForm):
    url = forms.URLField(
        label=_("adres (URL)"),
        required=False,
        assume_scheme="https",
        help_text=_("Een pagina elders, of laat leeg en schrijf hieronder de tekst."),
        error_messages={"invalid": _("Vul een geldig webadres in, beginnend met https://.")},
    )

    class Meta:
        model = KnowledgeArticle
        fields = ["title", "summary", "category", "url", "body", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": _("Platte tekst; HTML wordt als tekst getoond.")}
        error_messages = {
            "title": {"required": _("Geef het artikel een titel.")},
            "summary": {"required": _("Vat het artikel in één zin samen.")},
        }


class PracticeLinkForm(forms.Form):
    """A practice from the search results on the request page, to link to the request."""

    practice = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies een praktijkvoorbeeld."),
            "invalid_choice": _("Dit praktijkvoorbeeld bestaat niet of is niet gepubliceerd."),
        },
    )

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = practices
