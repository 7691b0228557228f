"""Anonymous visitors get the office page from the cache, never a stale or someone else's page."""

import re

import pytest

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump, generation_current
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import Office
from kapstok.public.models import OfficeMonthlyReach, OfficePublicPage
from kapstok.public.services import reach_count

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

URL = "/kantoren/kantoor-utrecht/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def rename_behind_the_sites_back(office, name):
    """A change that no request made, so nothing told the cache."""
    Office.objects.filter(pk=office.pk).update(name=name)


def test_a_second_visitor_gets_the_page_rendered_for_the_first(world, visitor):
    first = visitor.get(URL).content.decode()
    rename_behind_the_sites_back(world.office, "Stil Hernoemd")
    second = Client(HTTP_USER_AGENT=BROWSER).get(URL).content.decode()
    assert "Stil Hernoemd" not in second
    assert ANY_TOKEN.sub("", first) == ANY_TOKEN.sub("", second)


def test_a_cached_visit_costs_two_queries(world, visitor):
    visitor.get(URL)
    with CaptureQueriesContext(connection) as captured:
        assert visitor.get(URL).status_code == 200
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    # The content generation, and counting the visit.
    assert [sql.split()[0] for sql in statements] == ["SELECT", "UPDATE"]


def test_any_successful_write_request_makes_the_page_fresh(world, visitor, client):
    visitor.get(URL)
    OfficePublicPage.objects.create(office=world.office, about="Nieuwe tekst van de kartrekker.")
    client.force_login(world.users["lead"])
    client.post("/account/uitloggen/")  # a write anywhere on the site, even an unrelated one
    assert "Nieuwe tekst van de kartrekker." in visitor.get(URL).content.decode()


def test_a_refused_write_request_leaves_the_cache_alone(world, visitor):
    before = generation_current()
    response = visitor.post(URL + "contact/", {"email": "geen-adres"})
    assert response.status_code == 400
    assert generation_current() == before


def test_a_member_who_joins_the_directory_shows_after_the_write(world, visitor):
    visitor.get(URL)
    listed = EntrepreneurFactory(business_name="Padel Nieuw")
    MembershipFactory(office=world.office, entrepreneur=listed, listed_publicly=True)
    generation_bump()  # what the accepting request's middleware does
    assert "Padel Nieuw" in visitor.get(URL).content.decode()


def test_every_visitor_gets_their_own_csrf_token_and_can_send_the_contact_form(world):
    first, second = (Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True) for _ in "12")
    first_token = TOKEN.search(first.get(URL).content.decode()).group(1)
    second_html = second.get(URL).content.decode()
    second_token = TOKEN.search(second_html).group(1)
    assert "kapstok-csrf-token-placeholder" not in second_html
    assert second_token != first_token
    response = second.post(
        URL + "contact/",
        {
            "name": "Sanne",
            "email": "sanne@example.invalid",
            "message": "Hallo!",
            "csrfmiddlewaretoken": second_token,
        },
    )
    assert response.status_code == 302


def test_logged_in_people_never_get_the_anonymous_page_nor_leave_theirs(world, visitor, client):
    visitor.get(URL)
    client.force_login(world.users["lead"])
    lead_html = client.get(URL).content.decode()
    assert world.users["lead"].email in lead_html  # "Ingelogd als ...": rendered for them
    assert world.users["lead"].email not in visitor.get(URL).content.decode()


def test_languages_and_directory_pages_are_cached_apart(world, visitor):
    visitor.get(URL)
    english = Client(HTTP_USER_AGENT=BROWSER)
    english.cookies["django_language"] = "en"
    assert 'lang="en"' in english.get(URL).content.decode()
    assert 'lang="nl"' in visitor.get(URL).content.decode()
    assert (
        'value="/kantoren/kantoor-utrecht/?pagina=2"'
        in visitor.get(URL, {"pagina": 2}).content.decode()
    )


def test_visits_from_the_cache_are_counted(world, visitor):
    for _ in range(3):
        visitor.get(URL)
    assert OfficeMonthlyReach.objects.get(office=world.office).views == 3


def test_an_unknown_office_is_a_404_and_not_cached(world, visitor):
    assert visitor.get("/kantoren/bestaat-niet/").status_code == 404
    assert visitor.get("/kantoren/bestaat-niet/").status_code == 404


on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_view_is_counted_without_waiting_for_the_disk_but_a_join_is_not(world):
    with CaptureQueriesContext(connection) as view:
        reach_count(office=world.office, field="views")
    with CaptureQueriesContext(connection) as join, transaction.atomic():
        reach_count(office=world.office, field="views")  # inside a larger transaction
    assert any("synchronous_commit" in query["sql"] for query in view.captured_queries)
    assert not any("synchronous_commit" in query["sql"] for query in join.captured_queries)
    assert OfficeMonthlyReach.objects.get(office=world.office).views == 2


@pytest.mark.parametrize("path", ["/", "/embed/kaart/"])
def test_the_map_pages_are_cached_for_anonymous_visitors_too(world, visitor, path):
    visitor.get(path)
    rename_behind_the_sites_back(world.office, "Stil Hernoemd")
    assert "Stil Hernoemd" not in visitor.get(path).content.decode()
    generation_bump()
    assert "Stil Hernoemd" in visitor.get(path).content.decode()


def test_the_live_search_is_never_served_from_the_cache(world, visitor):
    visitor.get("/", {"q": "utrecht"})
    rename_behind_the_sites_back(world.office, "Kantoor Utrecht Stil")
    response = visitor.get("/", {"q": "utrecht"}, HTTP_HX_REQUEST="true")
    assert "Kantoor Utrecht Stil" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_each_host_name_gets_its_own_page_with_its_own_links(world, visitor, settings):
    settings.ALLOWED_HOSTS = ["kapstok.example", "www.kapstok.example"]
    visitor.get(URL, HTTP_HOST="kapstok.example")
    html = visitor.get(URL, HTTP_HOST="www.kapstok.example").content.decode()
    assert "//www.kapstok.example/kantoren/kantoor-utrecht/" in html
