"""Two-factor login (TOTP): required for POS staff and site admins, available to everyone."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

pytestmark = pytest.mark.django_db

SETUP = "/account/tweestaps/instellen/"
VERIFY = "/account/tweestaps/"


@pytest.fixture
def required(settings):
    settings.KAPSTOK_REQUIRE_2FA = True
    settings.DEMO_MODE = False


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_pos_staff_without_a_device_must_set_one_up_first(client, world, required):
    client.force_login(world.users["pos"])
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    page = client.get(SETUP).content.decode()
    assert "data:image/svg+xml;base64," in page  # the QR code


def test_setting_up_with_a_valid_code_opens_the_site(client, world, required):
    pos = world.users["pos"]
    client.force_login(pos)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=pos)
    response = client.post(f"{SETUP}?next=/start/", {"token": code(device), "next": "/start/"})
    assert response.status_code == 302 and response["Location"] == "/start/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/start/").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(client, world, required):
    client.force_login(world.users["admin"])
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_next_login_asks_for_the_code(client, world, required):
    admin = world.users["admin"]
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"token": code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_foreign_next_is_ignored(client, world, required):
    admin = world.users["admin"]
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    client.force_login(admin)
    response = client.post(VERIFY, {"token": code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home:start")


def test_other_roles_are_not_forced_but_may_set_it_up(client, world, required):
    client.force_login(world.users["lead"])
    assert client.get("/start/").status_code == 200  # the start page, not the set-up
    assert client.get(SETUP).status_code == 200


def test_not_required_in_the_demo_or_when_switched_off(client, world, settings):
    settings.KAPSTOK_REQUIRE_2FA = True
    settings.DEMO_MODE = True
    client.force_login(world.users["pos"])
    assert client.get("/start/").status_code == 200  # the start page, not the set-up
    settings.DEMO_MODE = False
    settings.KAPSTOK_REQUIRE_2FA = False
    assert client.get("/start/").status_code == 200  # the start page, not the set-up
