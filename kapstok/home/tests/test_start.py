"""After logging in, everyone lands on /start/: their to-do list first, then their main pages."""

import pytest

pytestmark = pytest.mark.django_db

OFFICE_DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"
# The pages each persona works from, linked from their start page (they used to be redirected).
MAIN_PAGES = {
    "pos": "/netwerk/dashboard/",
    "lead": OFFICE_DASHBOARD,
    "member": OFFICE_DASHBOARD,
    "civil_servant": "/netwerk/gemeenteportaal/GM0344/",
    "partner": OFFICE_DASHBOARD,
    "researcher": "/onderzoek/",
    "admin": "/admin/",
}
HEADINGS = {
    "pos": "Voor het POS",
    "lead": "Als kartrekker",
    "member": "Als ondernemer",
    "civil_servant": "Als gemeente",
    "partner": "Als partner",
    "researcher": "Als onderzoeker",
    "admin": "Als sitebeheerder",
}


@pytest.mark.parametrize(("persona", "page"), MAIN_PAGES.items())
def test_start_page_shows_the_to_do_list_then_links_the_main_pages(world, client, persona, page):
    client.force_login(world.users[persona])
    response = client.get("/start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{page}"' in html
    assert html.index('id="todo-heading"') < html.index('id="pages-heading"')
    assert HEADINGS[persona] in html


@pytest.mark.parametrize("persona", [p for p in HEADINGS if p != "admin"])
def test_an_empty_list_says_what_good_looks_like(world, client, persona):
    from kapstok.representation.factories import LandscapeBusinessFactory

    for office in (world.office, world.other_office):
        LandscapeBusinessFactory(office=office)
    client.force_login(world.users[persona])
    assert "Niets te doen:" in client.get("/start/").content.decode()


def test_partner_sees_the_offices_assigned_to_it(world, client):
    client.force_login(world.users["partner"])
    html = client.get("/start/").content.decode()
    assert "Dashboard Kantoor Utrecht" in html
    assert "Kantoor Zwolle" not in html


def test_site_admin_gets_a_link_to_the_admin(world, client):
    client.force_login(world.users["admin"])
    assert 'href="/admin/"' in client.get("/start/").content.decode()


def test_person_without_roles_is_told_so(world, client):
    client.force_login(world.users["outsider"])
    html = client.get("/start/").content.decode()
    assert "geen rol in Kapstok" in html
    assert "geen kantoren" in html


def test_login_with_email_lands_on_start_page(world, client):
    response = client.post(
        "/account/inloggen/",
        {"username": "KEES@example.invalid", "password": "kapstok-test"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/start/"
    assert client.get(response["Location"]).status_code == 200


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
