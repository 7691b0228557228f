"""Where people with several roles land, the research home, and the error pages."""

import pytest

from django.test import RequestFactory

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core import views

pytestmark = pytest.mark.django_db


def test_a_lead_of_two_offices_chooses_from_both(world, login):
    kees = world.users["lead"]
    grant_role(user=kees, role=Role.LEAD, scope=world.other_office)
    response = login(kees).get("/start/")
    assert response.status_code == 200
    assert [office.name for office in response.context["offices"]] == [
        "Kantoor Utrecht",
        "Kantoor Zwolle",
    ]


def test_a_lead_who_is_also_a_member_elsewhere_lands_on_the_office_they_lead(world, login):
    kees = world.users["lead"]
    grant_role(user=kees, role=Role.MEMBER, scope=world.other_entrepreneur)
    assert login(kees).get("/start/")["Location"] == (
        "/netwerk/kantoren/kantoor-utrecht/dashboard/"
    )


def test_a_researcher_who_also_leads_lands_on_the_office(world, login):
    rob = world.users["researcher"]
    grant_role(user=rob, role=Role.LEAD, scope=world.other_office)
    assert login(rob).get("/start/")["Location"] == "/netwerk/kantoren/kantoor-zwolle/dashboard/"


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
