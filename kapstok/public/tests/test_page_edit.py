"""The lead edits the public page's texts, with a preview that saves nothing."""

import pytest

from kapstok.goals.factories import GoalFactory
from kapstok.goals.models import GoalStatus
from kapstok.network.models import EventKind
from kapstok.public.models import OfficePublicPage

pytestmark = pytest.mark.django_db

URL = "/netwerk/kantoren/kantoor-utrecht/openbare-pagina/"
TEXTS = {"about": "Wij zijn het netwerk van Utrecht.", "benefits": "Samen sterker\nKennis delen"}


def test_lead_saves_the_texts_and_visitors_read_them(world, client, visitor):
    client.force_login(world.users["lead"])
    response = client.post(URL, TEXTS)
    assert response.status_code == 302
    page = OfficePublicPage.objects.get(office=world.office)
    assert page.benefit_lines() == ["Samen sterker", "Kennis delen"]
    assert page.updated_by == world.users["lead"]
    assert world.office.events.filter(kind=EventKind.OFFICE_UPDATED).exists()
    html = visitor.get("/kantoren/kantoor-utrecht/").content.decode()
    assert "Wij zijn het netwerk van Utrecht." in html
    assert "<li>Kennis delen</li>" in html


def test_preview_shows_the_texts_without_saving(world, client):
    client.force_login(world.users["lead"])
    response = client.post(URL, TEXTS | {"preview": "1"})
    assert "Voorbeeld (nog niet opgeslagen)" in response.content.decode()
    assert "Wij zijn het netwerk van Utrecht." in response.content.decode()
    assert not OfficePublicPage.objects.exists()


def test_htmx_preview_returns_only_the_preview(world, client):
    client.force_login(world.users["lead"])
    response = client.post(URL, TEXTS | {"preview": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Voorbeeld (nog niet opgeslagen)" in html


def test_too_long_text_is_refused(world, client):
    client.force_login(world.users["lead"])
    response = client.post(URL, TEXTS | {"about": "x" * 3001})
    assert response.status_code == 400
    assert "hoogstens 3000 tekens" in response.content.decode()


def test_lead_chooses_which_achieved_goals_to_publish(world, client):
    achieved = GoalFactory(office=world.office, title="Sportdag", status=GoalStatus.ACHIEVED)
    GoalFactory(office=world.office, title="Nog bezig", status=GoalStatus.OPEN)
    client.force_login(world.users["lead"])
    form = client.get(URL).context["form"]
    assert list(form.fields["published_goals"].queryset) == [achieved]
    client.post(URL, TEXTS | {"published_goals": [achieved.pk]})
    page = OfficePublicPage.objects.get()
    assert list(page.published_goals.all()) == [achieved]


def test_goal_of_another_office_cannot_be_published(world, client):
    other = GoalFactory(office=world.other_office, status=GoalStatus.ACHIEVED)
    GoalFactory(office=world.office, status=GoalStatus.ACHIEVED)
    client.force_login(world.users["lead"])
    response = client.post(URL, TEXTS | {"published_goals": [other.pk]})
    assert response.status_code == 400
    assert not OfficePublicPage.objects.exists()


def test_internal_office_page_links_the_lead_to_the_editor(world, client):
    client.force_login(world.users["lead"])
    html = client.get("/netwerk/kantoren/kantoor-utrecht/").content.decode()
    assert 'href="/netwerk/kantoren/kantoor-utrecht/openbare-pagina/"' in html
    assert 'href="/netwerk/kantoren/kantoor-utrecht/aanmeldingen/"' in html
    client.force_login(world.users["member"])
    html = client.get("/netwerk/kantoren/kantoor-utrecht/").content.decode()
    assert "openbare-pagina/" not in html
