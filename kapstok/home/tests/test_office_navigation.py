"""The office's one navigation bar: the same links on every page of the office, each one a page
the viewer may open (issue 17: no link to a page that answers "Geen toegang")."""

import re

import pytest

from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from kapstok.accounts.access import viewer_for
from kapstok.home.navigation import office_navigation

pytestmark = pytest.mark.django_db

OFFICE = "/netwerk/kantoren/kantoor-utrecht/"
# Pages of the office that every persona with an internal view of it may open.
OFFICE_PAGES = [OFFICE, OFFICE + "dashboard/", OFFICE + "kapstok/", OFFICE + "kapstok/tijdlijn/"]
NAV = re.compile(r'<nav class="office-nav".*?</nav>', re.S)


def labels(world, persona):
    viewer = viewer_for(world.users[persona])
    return [str(link.label) for link in office_navigation(viewer, world.office, OFFICE)]


@pytest.mark.parametrize("persona", ["pos", "admin", "lead", "member", "civil_servant", "partner"])
def test_every_link_in_the_bar_opens_for_the_viewer(client, world, persona):
    user = world.users[persona]
    client.force_login(user)
    links = office_navigation(viewer_for(user), world.office, OFFICE)

    statuses = {link.url: client.get(link.url).status_code for link in links}

    assert statuses and all(status == 200 for status in statuses.values()), statuses


def test_national_staff_get_no_exchange_board_of_an_office(world):
    """The board is for the office's own people; POS used to meet a 403 behind its tab."""
    assert "Uitwisselbord" not in labels(world, "pos")
    assert "Uitwisselbord" in labels(world, "member")
    assert "Uitwisselbord" in labels(world, "lead")


def test_the_municipality_gets_no_sessions_and_the_member_no_archive(world):
    civil_servant = labels(world, "civil_servant")
    assert "Strategische sessies" not in civil_servant
    assert "Afspiegeling" in civil_servant
    member = labels(world, "member")
    assert "Berichten" not in member
    assert "Strategische sessies" in member


def test_an_outsider_gets_no_bar(world):
    assert labels(world, "outsider") == []
    assert labels(world, "other_lead") == []


def test_the_bar_is_the_same_on_every_page_of_the_office(client, world):
    client.force_login(world.users["lead"])
    bars = []
    for path in OFFICE_PAGES:
        html = client.get(path).content.decode()
        bar = NAV.search(html)
        assert bar, f"no office navigation on {path}"
        current = re.findall(r'href="([^"]+)" aria-current="page"', bar.group())
        assert current == [path], f"{path} marks {current} as the current page"
        bars.append(bar.group().replace(' aria-current="page"', ""))

    assert len(set(bars)) == 1


def test_support_opens_the_offices_own_questions_with_a_new_one_there(client, world):
    client.force_login(world.users["lead"])
    html = client.get(OFFICE + "dashboard/").content.decode()
    support = "/netwerk/ondersteuning/kantoor/kantoor-utrecht/"
    assert f'href="{support}">Ondersteuning</a>' in NAV.search(html).group()

    page = client.get(support).content.decode()
    assert f'href="{support}nieuw/"' in page
    assert "Nieuwe vraag" in page


def test_no_bar_outside_the_offices_pages(client, world):
    client.force_login(world.users["pos"])
    assert not NAV.search(client.get("/netwerk/").content.decode())
    assert not NAV.search(client.get("/kantoren/kantoor-utrecht/").content.decode())


def render_may(world, persona, rule):
    request = RequestFactory().get("/")
    request.user = world.users[persona]
    template = Template(
        "{% load access_tags %}{% may rule office as allowed %}{% if allowed %}yes{% endif %}"
    )
    return template.render(Context({"request": request, "rule": rule, "office": world.office}))


def test_the_may_tag_asks_the_access_rule_of_the_page(world):
    assert render_may(world, "member", "peers.use_exchange") == "yes"
    assert render_may(world, "pos", "peers.use_exchange") == ""
    assert render_may(world, "civil_servant", "view_sessions") == ""


def test_the_may_tag_refuses_a_rule_that_does_not_exist(world):
    with pytest.raises(TemplateSyntaxError, match="can_see_everything"):
        render_may(world, "pos", "see_everything")


def test_only_pos_staff_see_the_link_to_the_signal_thresholds(client, world):
    for persona, shown in [("pos", True), ("admin", False)]:
        client.force_login(world.users[persona])
        html = client.get("/netwerk/dashboard/").content.decode()
        assert ('href="/netwerk/signalen/instellingen/"' in html) is shown, persona
        assert client.get("/netwerk/signalen/instellingen/").status_code == (200 if shown else 403)
