"""After logging in, each role lands on the page it works from."""

import pytest

pytestmark = pytest.mark.django_db

LANDINGS = {
    "pos": "/netwerk/dashboard/",
    "lead": "/netwerk/kantoren/kantoor-utrecht/dashboard/",
    "member": "/netwerk/kantoren/kantoor-utrecht/dashboard/",
    "civil_servant": "/netwerk/gemeenteportaal/GM0344/",
    "researcher": "/onderzoek/",
}


@pytest.mark.parametrize(("persona", "landing"), LANDINGS.items())
def test_role_lands_on_its_own_page(world, client, persona, landing):
    client.force_login(world.users[persona])
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_partner_sees_the_offices_assigned_to_it(world, client):
    client.force_login(world.users["partner"])
    response = client.get("/start/")
    html = response.content.decode()
    assert "Kantoor Utrecht" in html
    assert "Kantoor Zwolle" not in html


def test_site_admin_gets_a_link_to_the_admin(world, client):
    client.force_login(world.users["admin"])
    assert "/admin/" in client.get("/start/").content.decode()


def test_person_without_roles_is_told_so(world, client):
    client.force_login(world.users["outsider"])
    assert "geen kantoren" in client.get("/start/").content.decode()


def test_login_with_email_lands_on_start_page(world, client):
    response = client.post(
        "/account/inloggen/",
        {"username": "KEES@example.invalid", "password": "kapstok-test"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/start/"


def test_wrong_password_gives_a_dutch_error(world, client):
    response = client.post(
        "/account/inloggen/", {"username": "kees@example.invalid", "password": "fout"}
    )
    assert "horen niet bij elkaar" in response.content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(world, client, mailoutbox):
    known = client.post("/account/wachtwoord-vergeten/", {"email": "kees@example.invalid"})
    unknown = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
