"""The practice library's rules: who reads which practice, drafts from projects, trials, search."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import OfficeFactory, SportBranchFactory
from kapstok.peers import services
from kapstok.peers.models import Practice, PracticeStatus, PracticeTrial, Visibility
from kapstok.peers.rules import practices_visible_to
from kapstok.peers.search import SearchError, query_stems, search
from kapstok.strategy.factories import ThemeFactory
from kapstok.strategy.models import CatalogueTheme

pytestmark = pytest.mark.django_db
LIST = "/netwerk/praktijkvoorbeelden/"


def make(office, title, *, visibility=Visibility.INTERNAL, status=PracticeStatus.PUBLISHED, **kw):
    return services.practice_save(
        practice=Practice(office=office, title=title, what=kw.pop("what", title),
                          visibility=visibility, status=status, **kw)
    )  # fmt: skip


def titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


@pytest.fixture
def library(world):
    make(world.office, "Openbaar", visibility=Visibility.PUBLIC)
    make(world.office, "Intern")
    make(world.office, "Concept Utrecht", status=PracticeStatus.DRAFT)
    make(world.other_office, "Concept Zwolle", status=PracticeStatus.DRAFT)
    return world


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pos", {"Openbaar", "Intern", "Concept Utrecht", "Concept Zwolle"}),
        ("lead", {"Openbaar", "Intern", "Concept Utrecht"}),
        ("other_lead", {"Openbaar", "Intern", "Concept Zwolle"}),
        ("member", {"Openbaar", "Intern"}),
        ("partner", {"Openbaar", "Intern"}),
        ("civil_servant", {"Openbaar"}),
        ("researcher", {"Openbaar"}),
        ("outsider", {"Openbaar"}),
    ],
)
def test_who_reads_which_practice(library, persona, expected):
    assert titles(practices_visible_to(viewer_for(library.users[persona]))) == expected


def test_an_unreadable_practice_is_not_found_rather_than_forbidden(library, login):
    draft = Practice.objects.get(title="Concept Zwolle")
    assert login(library.users["lead"]).get(draft.get_absolute_url()).status_code == 404


def test_a_lead_of_another_office_may_read_but_not_edit(library, login):
    intern = Practice.objects.get(title="Intern")
    client = login(library.users["other_lead"])
    assert client.get(intern.get_absolute_url()).status_code == 200
    assert client.get(f"{LIST}{intern.pk}/bewerken/").status_code == 403


def test_editing_refreshes_what_search_finds_and_keeps_the_author(world, login):
    practice = make(world.office, "Sportdag", created_by=world.users["pos"])
    login(world.users["lead"]).post(
        f"{LIST}{practice.pk}/bewerken/",
        {"title": "Zwemmarathon", "what": "Een zwemmarathon in het meer", "visibility": "internal",
         "status": "published"},
    )  # fmt: skip
    practice.refresh_from_db()
    assert practice.created_by == world.users["pos"]
    assert list(search(Practice.objects.all(), "zwemmarathons")) == [practice]
    assert list(search(Practice.objects.all(), "sportdag")) == []


def test_a_practice_needs_a_title_and_what_was_done(world, login):
    response = login(world.users["lead"]).post(
        "/netwerk/kantoren/kantoor-utrecht/praktijkvoorbeelden/nieuw/",
        {"title": "", "what": "", "visibility": "internal", "status": "draft"},
    )
    assert set(response.context["form"].errors) == {"title", "what"}
    assert not Practice.objects.exists()


# --- drafts from projects ----------------------------------------------------------------------


def test_a_draft_from_a_project_takes_the_catalogue_theme_of_the_session_theme(world):
    catalogue, _new = CatalogueTheme.objects.get_or_create(slug="zichtbaar", name="Zichtbaarheid")
    theme = ThemeFactory(session__office=world.office, catalogue_theme=catalogue)
    goal = GoalFactory(office=world.office, title="Gezien worden", source_theme=theme)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), status="done", description="")
    practice = services.practice_from_project(project=project, user=world.users["lead"])
    assert list(practice.themes.all()) == [catalogue]
    assert (practice.what, practice.why, practice.costs) == (project.title, "Gezien worden", "")
    assert practice.created_by == world.users["lead"]


def test_a_project_of_another_office_cannot_become_this_offices_practice(world, login):
    goal = GoalFactory(office=world.other_office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), status="done")
    url = f"/netwerk/kantoren/kantoor-utrecht/projecten/{project.pk}/praktijkvoorbeeld/"
    assert login(world.users["pos"]).post(url).status_code == 404
    assert not Practice.objects.exists()


# --- trials --------------------------------------------------------------------------------------


def test_trying_again_updates_the_offices_experience(world):
    practice = make(world.office, "Bord")
    for outcome, note in (("failed", "Geen vergunning"), ("worked", "Toch gelukt")):
        services.practice_trial_record(
            practice=practice, office=world.other_office, user=world.users["other_lead"],
            outcome=outcome, note=note,
        )  # fmt: skip
    trial = PracticeTrial.objects.get()
    assert (trial.outcome, trial.note) == ("worked", "Toch gelukt")


def test_a_lead_of_two_offices_says_for_which_office(world, login):
    third = OfficeFactory(name="Kantoor Derde")
    olga = world.users["other_lead"]
    grant_role(user=olga, role=Role.LEAD, scope=third)
    practice = make(world.office, "Bord")
    client = login(olga)
    unclear = client.post(
        f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "worked"}, follow=True
    )
    assert "Kies een uitkomst en het kantoor waarvoor u dit invult." in unclear.content.decode()
    assert not PracticeTrial.objects.exists()
    client.post(f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "worked", "office": third.pk})
    assert PracticeTrial.objects.get().office == third


def test_a_lead_cannot_answer_for_an_office_they_do_not_lead(world, login):
    """Refused, not quietly recorded for their own office: the lead chose another one."""
    practice = make(world.office, "Bord")
    response = login(world.users["other_lead"]).post(
        f"{LIST}{practice.pk}/ook-geprobeerd/",
        {"outcome": "worked", "office": world.office.pk},
        follow=True,
    )
    assert not PracticeTrial.objects.exists()
    assert "Kies een uitkomst en het kantoor waarvoor u dit invult." in response.content.decode()


def test_a_lead_of_one_office_need_not_choose_it(world, login):
    practice = make(world.office, "Bord")
    login(world.users["other_lead"]).post(
        f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "worked"}
    )
    assert [trial.office for trial in PracticeTrial.objects.all()] == [world.other_office]


@pytest.mark.parametrize("persona", ["member", "civil_servant", "partner"])
def test_only_leads_and_pos_record_a_trial(world, login, persona):
    practice = make(world.office, "Bord", visibility=Visibility.PUBLIC)
    response = login(world.users[persona]).post(
        f"{LIST}{practice.pk}/ook-geprobeerd/", {"outcome": "worked"}
    )
    assert response.status_code == 403
    assert not PracticeTrial.objects.exists()


# --- related and the list ------------------------------------------------------------------------


def test_related_practices_rank_by_shared_themes_and_branches(world):
    padel = SportBranchFactory(slug="padel")
    golf = SportBranchFactory(slug="golf")
    theme, _new = CatalogueTheme.objects.get_or_create(slug="leden", name="Leden")
    source = make(world.office, "Bron")
    source.themes.add(theme)
    source.branches.add(padel, golf)
    both = make(world.other_office, "Thema en tak")
    both.themes.add(theme)
    both.branches.add(padel)
    one = make(world.other_office, "Alleen tak")
    one.branches.add(golf)
    hidden = make(world.other_office, "Concept", status=PracticeStatus.DRAFT)
    hidden.themes.add(theme)
    make(world.other_office, "Niets gemeen")
    visible = practices_visible_to(viewer_for(world.users["member"]))
    assert services.related_practices(source, visible) == [both, one]
    assert services.related_practices(make(world.office, "Los"), visible) == []


def test_the_library_takes_the_same_queries_for_more_practices(world, login):
    client = login(world.users["member"])
    theme, _new = CatalogueTheme.objects.get_or_create(slug="leden", name="Leden")
    make(world.office, "Een").themes.add(theme)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for number in range(15):
        make(world.other_office, f"Voorbeeld {number}").themes.add(theme)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(one)


def test_a_lead_is_offered_only_their_own_finished_projects_not_yet_shared(world, login):
    own_goal = GoalFactory(office=world.office)
    ProjectFactory(strategy=StrategyFactory(goal=own_goal), title="Eigen klaar", status="done")
    shared = ProjectFactory(
        strategy=StrategyFactory(goal=own_goal), title="Al gedeeld", status="done"
    )
    services.practice_from_project(project=shared, user=world.users["lead"])
    other_goal = GoalFactory(office=world.other_office)
    ProjectFactory(strategy=StrategyFactory(goal=other_goal), title="Van Zwolle", status="done")
    offered = login(world.users["lead"]).get(LIST).context["finished_projects"]
    assert [project.title for project in offered] == ["Eigen klaar"]


def test_the_trial_form_offers_only_offices_other_than_the_practices_own(world, login):
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=world.other_office)
    practice = make(world.office, "Bord")
    offices = login(world.users["lead"]).get(practice.get_absolute_url()).context["trial_offices"]
    assert list(offices) == [world.other_office]


def test_a_search_of_only_punctuation_asks_for_a_word():
    with pytest.raises(SearchError, match="Vul een zoekwoord in."):
        query_stems(" ?! ")


def test_the_library_page_says_what_to_search_for(world, login):
    page = login(world.users["member"]).get(LIST, {"q": "..."})
    assert page.context["search_error"] == "Vul een zoekwoord in."
    assert list(page.context["practices"]) == []
