"""The public office page: the lead's texts, public members only, successes, SEO, counting."""

import json
import re

import pytest

from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import GoalStatus, WorkStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.public.models import OfficeMonthlyReach, OfficePublicPage

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

URL = "/kantoren/kantoor-utrecht/"


def test_lead_texts_are_shown_and_html_stays_text(world, visitor):
    OfficePublicPage.objects.create(
        office=world.office,
        about="Wij zijn <b>het</b> netwerk.\n\nTweede alinea.",
        benefits="- Samen naar de gemeente\n- <script>alert(1)</script>",
    )
    html = visitor.get(URL).content.decode()
    assert "<p>Wij zijn &lt;b&gt;het&lt;/b&gt; netwerk.</p>" in html
    assert "<li>Samen naar de gemeente</li>" in html
    assert "<script>alert(1)</script>" not in html


def test_without_texts_the_page_explains_what_an_office_offers(world, visitor):
    html = visitor.get(URL).content.decode()
    assert "Wat levert het u op?" in html
    assert "Eén stem richting de gemeente" in html


def test_directory_lists_only_members_who_chose_to_be_listed(world, visitor):
    listed = EntrepreneurFactory(
        business_name="Padel Openbaar", website="https://padel.example", email="p@example.invalid"
    )
    MembershipFactory(office=world.office, entrepreneur=listed, listed_publicly=True)
    html = visitor.get(URL).content.decode()
    assert "Padel Openbaar" in html
    assert "padel.example" in html
    assert "Yoga Marieke" not in html  # a member who did not opt in
    assert "p@example.invalid" not in html
    assert listed.kvk_number not in html


def test_lead_email_address_is_not_on_the_page(world, visitor):
    html = visitor.get(URL).content.decode()
    assert world.office.contact_email not in html
    assert world.users["lead"].email not in html
    assert "mailto:" not in html


def test_branch_counts_and_member_count_are_shown(world, visitor):
    html = visitor.get(URL).content.decode()
    assert "1 aangesloten ondernemer" in html
    assert 'Fitness <span class="count">1</span>' in html


def test_only_published_achieved_goals_and_done_projects_appear(world, visitor):
    achieved = GoalFactory(
        office=world.office, title="Sportdag gehouden", status=GoalStatus.ACHIEVED
    )
    unpublished = GoalFactory(office=world.office, title="Geheim doel", status=GoalStatus.ACHIEVED)
    reopened = GoalFactory(office=world.office, title="Weer open", status=GoalStatus.OPEN)
    project = ProjectFactory(
        strategy=StrategyFactory(goal=unpublished),
        title="Bord langs de weg",
        status=WorkStatus.DONE,
    )
    page = OfficePublicPage.objects.create(office=world.office)
    page.published_goals.set([achieved, reopened])
    page.published_projects.set([project])
    html = visitor.get(URL).content.decode()
    assert "Wat het kantoor heeft bereikt" in html
    assert "Sportdag gehouden" in html
    assert "Bord langs de weg" in html
    assert "Geheim doel" not in html
    assert "Weer open" not in html


def test_no_successes_section_without_published_content(world, visitor):
    assert "Wat het kantoor heeft bereikt" not in visitor.get(URL).content.decode()


def test_unknown_office_gives_a_dutch_404(world, visitor):
    response = visitor.get("/kantoren/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_page_has_title_description_open_graph_and_organization_data(world, visitor):
    html = visitor.get(URL).content.decode()
    assert "<title>Kantoor Utrecht · Kapstok</title>" in html
    assert '<meta property="og:title" content="Kantoor Utrecht">' in html
    assert '<meta name="description" content="Kantoor Utrecht: het lokale netwerk' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Kantoor Utrecht"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Utrecht"}]


def test_organization_data_cannot_close_its_script_element(world, visitor):
    world.office.name = "Kantoor </script><script>alert(1)</script>"
    world.office.save()
    html = visitor.get(URL).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    assert "\\u003C/script\\u003E" in block


def views(world) -> int:
    return sum(
        OfficeMonthlyReach.objects.filter(office=world.office).values_list("views", flat=True)
    )


def test_a_visit_is_counted_without_setting_a_cookie_for_it(world, visitor):
    visitor.get(URL)
    visitor.get(URL)
    assert views(world) == 2


def test_crawlers_leafing_and_the_offices_own_people_are_not_counted(world, visitor, client):
    client.get(URL, HTTP_USER_AGENT="Googlebot/2.1")
    client.get(URL)  # no User-Agent at all
    visitor.get(URL, {"pagina": 2})
    client.force_login(world.users["lead"])
    client.get(URL, HTTP_USER_AGENT=BROWSER)
    assert views(world) == 0
