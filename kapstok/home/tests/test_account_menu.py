"""The account menu on every signed-in page: the person's name, then "Mijn gegevens",
"Tweestapsverificatie" and "Uitloggen", visible without JavaScript (one click to /account/)."""

import pytest

pytestmark = pytest.mark.django_db

OFFICE = "/netwerk/kantoren/kantoor-utrecht/"
# A sample of pages per persona: their start page and pages of several apps they work in.
PAGES = {
    "pos": ["/start/", "/netwerk/dashboard/", "/netwerk/ondersteuning/", "/netwerk/gemeenten/"],
    "lead": ["/start/", OFFICE, OFFICE + "dashboard/", OFFICE + "sessies/", OFFICE + "kapstok/"],
    "member": ["/start/", OFFICE, "/netwerk/berichten/", OFFICE + "invloed/"],
    "civil_servant": ["/start/", "/netwerk/gemeenteportaal/GM0344/", OFFICE],
    "partner": ["/start/", OFFICE, "/netwerk/ondersteuning/"],
    "researcher": ["/start/", "/onderzoek/", "/onderzoek/monitor/"],
    "admin": ["/start/", "/netwerk/"],
    "outsider": ["/start/", "/netwerk/gemeenten/"],
}
CASES = [(persona, path) for persona, paths in PAGES.items() for path in paths]


@pytest.mark.parametrize(("persona", "path"), CASES)
def test_every_signed_in_page_has_the_account_menu(world, client, persona, path):
    user = world.users[persona]
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    html = response.content.decode()
    start = html.index('class="account-menu"')
    menu = html[start : html.index("</nav>", start)]
    assert user.full_name in menu
    assert 'href="/account/mijn-gegevens/">Mijn gegevens</a>' in menu
    assert 'href="/account/tweestaps/instellen/">Tweestapsverificatie</a>' in menu
    assert 'action="/account/uitloggen/"' in menu and 'method="post"' in menu


def test_the_account_pages_open_from_the_menu(world, client):
    client.force_login(world.users["member"])
    assert client.get("/account/mijn-gegevens/").status_code == 200
    assert client.get("/account/tweestaps/instellen/").status_code == 200


def test_logging_out_from_the_menu_ends_the_session(world, client):
    client.force_login(world.users["member"])
    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert client.get("/start/").status_code == 302


def test_visitors_get_no_account_menu(client):
    html = client.get("/").content.decode()
    assert "account-menu" not in html
