from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from kapstok.core import throttle


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form, labelled for email login and with Dutch messages."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most three mails an hour to one address (and ten from one
    client); past that it sends nothing, and the visitor sees the same page as always."""

    def save(self, *args, request=None, **kwargs):
        if request is not None:
            address = self.cleaned_data["email"]
            if not throttle.mail_allowed(request, "password-reset", address):
                return
        super().save(*args, request=request, **kwargs)
