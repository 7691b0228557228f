from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommunityActivity, CommunityStory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = CommunityActivity
        fields = ["title", "held_on", "kind", "partner", "participants", "description"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "participants": _("Hoeveel mensen deden mee of werden bereikt; 0 mag."),
        }


class StoryForm(forms.ModelForm):
    """The photo is checked and re-encoded by the service (`services.story_save`), so a refused
    photo shows its reason at the field and nothing is stored."""

    photo = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "JPEG, PNG of WebP, hoogstens 5 MB. We verkleinen hem tot hoogstens 1600 pixels en "
            "halen verborgen gegevens (zoals de GPS-locatie) eruit."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = CommunityStory
        fields = ["title", "text", "alt_text", "consent_confirmed", "published"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8, "maxlength": 2000})}
        help_texts = {
            "text": _("Hoogstens 2.000 tekens."),
            "published": _("Dan staat het verhaal op de openbare pagina van het kantoor."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "text", "photo", "alt_text", "consent_confirmed", "published"])
        self.fields["consent_confirmed"].required = True
        self.fields["consent_confirmed"].error_messages["required"] = _(
            "Bevestig dat de mensen op de foto toestemming gaven voor publicatie."
        )
        self.fields["alt_text"].error_messages["required"] = _(
            "Beschrijf wat er op de foto te zien is, voor wie hem niet kan zien."
        )
        if self.instance.pk is None:
            self.fields["photo"].required = True
            self.fields["photo"].error_messages["required"] = _("Kies een foto bij het verhaal.")
        else:
            self.fields["photo"].label = _("Andere foto (leeg laten om de huidige te houden)")
