"""Two-factor authentication (TOTP, django-otp): available to everyone, required for some.

POS staff and site admins see personal data of the whole network, so after the password they
must also give a code from an authenticator app before any page opens; without a device yet,
they first set one up (a QR code to scan). Everyone else may set it up from "Mijn gegevens".

The requirement is off when `KAPSTOK_REQUIRE_2FA` is false (the test suite, where the browser
tests log in through the form) and in the demo (`KAPSTOK_DEMO`), whose logins are public.
"""

import base64

import segno
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import access

# Paths a person who still owes the second factor may open.
OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/account/uitloggen/", "/account/tweestaps/")


def is_switched_on() -> bool:
    return settings.KAPSTOK_REQUIRE_2FA and not settings.DEMO_MODE


def is_required(user) -> bool:
    if not is_switched_on():
        return False
    return access.needs_two_factor(access.viewer_for(user)) or user.is_staff


def confirmed_device(user) -> TOTPDevice | None:
    return next(iter(devices_for_user(user, confirmed=True)), None)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per person), created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an SVG QR code in a data: URI (CSP allows data: images)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


class RequireTwoFactorMiddleware:
    """Send a signed-in person who must use 2FA and has not yet done so to verify or set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_switched_on():
            # Do not even load the session here: the view may not need it.
            return self.get_response(request)
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not user.is_verified()
            and is_required(user)
        ):
            target = "accounts:two_factor_verify"
            if not user_has_device(user, confirmed=True):
                target = "accounts:two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
