"""The start page of a person with several roles, the research home, and the error pages."""

import pytest

from django.test import RequestFactory

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.home import views

pytestmark = pytest.mark.django_db


def test_a_lead_of_two_offices_finds_both_among_their_pages(world, login):
    kees = world.users["lead"]
    grant_role(user=kees, role=Role.LEAD, scope=world.other_office)
    html = login(kees).get("/start/").content.decode()
    assert "/netwerk/kantoren/kantoor-utrecht/dashboard/" in html
    assert "/netwerk/kantoren/kantoor-zwolle/dashboard/" in html


def test_the_research_home_shows_counts_and_no_office_names(world, login):
    page = login(world.users["researcher"]).get("/onderzoek/")
    assert (page.context["office_count"], page.context["member_count"]) == (2, 2)
    html = page.content.decode()
    assert "Kantoor Utrecht" not in html and "Yoga Marieke" not in html


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant", "outsider"])
def test_the_research_home_is_for_researchers_and_pos(world, login, persona):
    assert login(world.users[persona]).get("/onderzoek/").status_code == 403


def test_the_error_pages_are_dutch(world):
    request = RequestFactory().get("/")
    request.user = world.users["outsider"]
    not_found = views.page_not_found(request)
    assert not_found.status_code == 404 and "Pagina niet gevonden" in not_found.content.decode()
    broken = views.server_error(request)
    assert broken.status_code == 500 and "Er ging iets mis" in broken.content.decode()


def test_the_health_check_answers_head_and_is_never_cached(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
