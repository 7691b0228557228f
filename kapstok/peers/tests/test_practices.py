"""The practice library: Dutch search, filters, visibility, trials and drafts from projects."""

import pytest

from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import SportBranchFactory
from kapstok.peers.models import Practice, PracticeStatus, PracticeTrial, Visibility
from kapstok.peers.search import SearchError, query_stems, search
from kapstok.peers.services import practice_save
from kapstok.strategy.models import CatalogueTheme

LIST = "/netwerk/praktijkvoorbeelden/"


def make_practice(office, title, what="", visibility=Visibility.INTERNAL, status="published"):
    return practice_save(
        practice=Practice(
            office=office, title=title, what=what or title, visibility=visibility, status=status
        )
    )


@pytest.mark.django_db
def test_sportdagen_finds_sportdag(world):
    day = make_practice(world.office, "Lokale sportdag", "Een sportdag op het marktplein.")
    make_practice(world.office, "Bord langs de weg", "Een groot bord aan de N-weg.")
    assert list(search(Practice.objects.all(), "sportdagen")) == [day]
    assert list(search(Practice.objects.all(), "Sportdag")) == [day]


@pytest.mark.django_db
def test_every_search_word_must_match(world):
    make_practice(world.office, "Lokale sportdag", "Een sportdag op het marktplein.")
    assert not search(Practice.objects.all(), "sportdag zwembad").exists()


def test_only_stop_words_gives_a_dutch_message():
    with pytest.raises(SearchError, match="alleen veelvoorkomende woorden"):
        query_stems("de het een")
    with pytest.raises(SearchError, match="Vul een zoekwoord in"):
        query_stems("!!")


def test_search_page_shows_the_stop_word_message(world, login):
    response = login(world.users["lead"]).get(LIST, {"q": "de en het"})
    assert response.status_code == 200
    assert "alleen veelvoorkomende woorden" in response.content.decode()


def test_filters_by_theme_and_branch(world, login):
    theme, _new = CatalogueTheme.objects.get_or_create(
        slug="zichtbaarheid-test", name="Zichtbaarheid"
    )
    padel = SportBranchFactory(slug="padel", name="Padel")
    sign = make_practice(world.office, "Bord langs de weg")
    sign.themes.add(theme)
    day = make_practice(world.office, "Lokale sportdag")
    day.branches.add(padel)
    client = login(world.users["member"])
    assert list(client.get(LIST, {"theme": theme.pk}).context["practices"]) == [sign]
    assert list(client.get(LIST, {"branch": padel.pk}).context["practices"]) == [day]


def test_internal_practices_stay_inside_the_network(world, client):
    internal = make_practice(world.office, "Intern geheim", visibility=Visibility.INTERNAL)
    public = make_practice(world.office, "Openbaar verhaal", visibility=Visibility.PUBLIC)
    for persona in ("civil_servant", "outsider", "researcher"):
        client.force_login(world.users[persona])
        listed = list(client.get(LIST).context["practices"])
        assert listed == [public], persona
        assert client.get(f"{LIST}{internal.pk}/").status_code == 404
    client.force_login(world.users["other_member"])
    assert set(client.get(LIST).context["practices"]) == {internal, public}


def test_drafts_are_seen_by_their_own_office_leads_only(world, client):
    draft = make_practice(world.office, "Half af", status=PracticeStatus.DRAFT)
    client.force_login(world.users["other_lead"])
    assert client.get(f"{LIST}{draft.pk}/").status_code == 404
    client.force_login(world.users["lead"])
    assert client.get(f"{LIST}{draft.pk}/").status_code == 200


def test_lead_creates_a_practice_that_search_finds(world, login):
    client = login(world.users["lead"])
    response = client.post(
        "/netwerk/kantoren/kantoor-utrecht/praktijkvoorbeelden/nieuw/",
        {
            "title": "Sportdag in het park",
            "what": "<b>Veertig</b> aanbieders",
            "visibility": "internal",
            "status": "published",
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert practice.office == world.office and practice.created_by == world.users["lead"]
    assert " sportdag " in practice.search_terms
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Veertig&lt;/b&gt;" in page  # markup is shown as text, never run


def test_other_office_says_it_tried_it_too(world, login):
    practice = make_practice(world.office, "Bord langs de weg")
    response = login(world.users["other_lead"]).post(
        f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "partly", "note": "Vergunning duurde"}
    )
    assert response.status_code == 302
    trial = PracticeTrial.objects.get()
    assert (trial.office, trial.outcome) == (world.other_office, "partly")
    page = login(world.users["member"]).get(practice.get_absolute_url()).content.decode()
    assert "werkte deels" in page and "Vergunning duurde" in page


def test_own_office_cannot_claim_a_trial(world, login):
    practice = make_practice(world.office, "Bord langs de weg")
    login(world.users["lead"]).post(f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "worked"})
    assert not PracticeTrial.objects.exists()


def test_related_practices_share_themes(world, login):
    theme, _new = CatalogueTheme.objects.get_or_create(
        slug="zichtbaarheid-test", name="Zichtbaarheid"
    )
    sign = make_practice(world.other_office, "Bord langs de weg")
    banner = make_practice(world.other_office, "Spandoek bij de rotonde")
    make_practice(world.other_office, "Ledenavond")
    sign.themes.add(theme)
    banner.themes.add(theme)
    response = login(world.users["member"]).get(sign.get_absolute_url())
    assert response.context["related"] == [banner]


def test_finished_project_becomes_a_draft_practice_in_one_click(world, login):
    goal = GoalFactory(office=world.office, title="Zichtbaar worden")
    project = ProjectFactory(
        strategy=StrategyFactory(goal=goal),
        title="Bord langs de N-weg",
        description="Een bord bij de rotonde",
        status="done",
        outcome_notes="Twaalf aanmeldingen",
        budget_amount=600,
        budget_source="sportakkoord",
    )
    url = f"/netwerk/kantoren/kantoor-utrecht/projecten/{project.pk}/praktijkvoorbeeld/"
    response = login(world.users["lead"]).post(url)
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("/bewerken/")
    assert (practice.title, practice.status, practice.office) == (
        "Bord langs de N-weg",
        PracticeStatus.DRAFT,
        world.office,
    )
    assert practice.result == "Twaalf aanmeldingen" and practice.costs == "€ 600 sportakkoord"
    login(world.users["lead"]).post(url)
    assert Practice.objects.count() == 1  # a second click opens the same draft


def test_running_project_cannot_become_a_practice(world, login):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    url = f"/netwerk/kantoren/kantoor-utrecht/projecten/{project.pk}/praktijkvoorbeeld/"
    response = login(world.users["lead"]).post(url, follow=True)
    assert "Alleen een afgerond project" in response.content.decode()
    assert not Practice.objects.exists()


def test_lead_sees_finished_projects_to_share(world, login):
    goal = GoalFactory(office=world.office)
    ProjectFactory(strategy=StrategyFactory(goal=goal), title="Sportdag 2025", status="done")
    ProjectFactory(strategy=StrategyFactory(goal=goal), title="Nog bezig")
    page = login(world.users["lead"]).get(LIST).content.decode()
    assert "Sportdag 2025" in page and "Nog bezig" not in page
