"""Login with email and password, then (where required) a TOTP code; logout and password reset
are Django's own views."""

import base64

from django_otp import login as otp_login

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kapstok.core import throttle

from . import two_factor
from .forms import EmailAuthenticationForm, TokenForm


def login_view(request):
    """Django's login, with a limit on failed attempts from one client across all accounts
    (beside django-axes' lockout of one account from one client)."""
    client = throttle.client_ip(request)
    limit = throttle.LOGIN_FAILURES_PER_CLIENT
    if request.method == "POST" and throttle.exceeded(limit, client):
        return render(request, "accounts/lockout.html", {"per_client": True}, status=429)
    response = auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=EmailAuthenticationForm,
        redirect_authenticated_user=True,
        http_method_names=["get", "post", "head", "options"],  # not PUT (see urls.FORM_METHODS)
    )(request)
    if request.method == "POST" and response.status_code == 200:  # the form again: it failed
        throttle.allow(limit, client)
    return response


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def two_factor_verify(request):
    """The second step of the login: a code from the authenticator app."""
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de volgende."))
    context = {"form": form, "next": request.GET.get("next", "")}
    return render(request, "accounts/two_factor_verify.html", context)


@login_required
def two_factor_setup(request):
    """Scan the QR code, type the first code: the device is confirmed and this session verified."""
    if two_factor.confirmed_device(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": two_factor.qr_data_uri(device),
        "key": key,
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)
