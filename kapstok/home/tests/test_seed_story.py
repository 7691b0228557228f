"""The demo's story, as a demo-giver tells it: who logs in as whom, what each office shows.

`test_seed_demo` checks the registry half (counts, the report's traits of offices A–E); this
module checks what the demo-giver walks through after logging in: the persona's scope, the
stories of the offices after the report, the start pages of member-a and lead-a, the municipality
portal, the exchange between offices, the monitor waves and the coding project. It seeds once
(about 15 s on SQLite) in one transaction that is rolled back at the end.
"""

import datetime
from io import StringIO

import pytest

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.home import demo, demo_start
from kapstok.home.tests.seeded_demo import demo_seeded_for_module, on_one_worker
from kapstok.network.models import BranchOrganisation, Entrepreneur, Membership, Office

pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module", autouse=True)
def _seeded(django_db_setup, django_db_blocker):
    with demo_seeded_for_module(django_db_blocker) as output:
        yield output


def office(letter: str) -> Office:
    return Office.objects.get(description__contains=f"kantoor {letter} ")


def user(email: str) -> User:
    return User.objects.get(email=email)


def viewer(email: str):
    return viewer_for(user(email))


def member_a_business() -> Entrepreneur:
    return RoleGrant.objects.get(user__email="member-a@demo.invalid", role=Role.MEMBER).entrepreneur


# --- Who logs in as whom ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "letter"), [("lead-a@demo.invalid", "A"), ("lead-e@demo.invalid", "E")]
)
def test_the_readme_leads_lead_their_report_office_and_are_its_contact(email, letter):
    grants = RoleGrant.objects.filter(user__email=email, role=Role.LEAD)
    assert [grant.office for grant in grants] == [office(letter)]
    assert office(letter).contact_email == email


def test_gemeente_a_is_a_civil_servant_of_office_as_municipality():
    grant = RoleGrant.objects.get(user__email="gemeente-a@demo.invalid")
    assert grant.role == Role.CIVIL_SERVANT
    assert grant.municipality in office("A").municipalities.all()


def test_member_a_speaks_for_the_first_member_of_office_a():
    first = office("A").memberships.current().order_by("joined_on", "pk").first()
    assert member_a_business() == first.entrepreneur


@pytest.mark.parametrize("email", ["pos@demo.invalid", "researcher@demo.invalid"])
def test_national_personas_have_no_office_or_municipality(email):
    grant = RoleGrant.objects.get(user__email=email)
    assert grant.office is None and grant.municipality is None and grant.entrepreneur is None


def test_every_other_office_has_its_own_lead_login_named_after_the_office():
    readme = {office("A").pk, office("E").pk}
    for other in Office.objects.founded().exclude(pk__in=readme):
        email = f"lead-{other.slug}@demo.invalid"
        assert authenticate(username=email, password=demo.DEMO_PASSWORD) is not None
        assert RoleGrant.objects.filter(user__email=email, role=Role.LEAD, office=other).exists()


@pytest.mark.parametrize("person", demo.PEOPLE, ids=lambda person: person.email)
def test_every_persona_lands_on_a_start_page(client, person):
    client.force_login(user(person.email))
    response = client.get("/start/")
    assert response.status_code == 200
    assert person.full_name in response.content.decode()


# --- The offices' stories after the report ------------------------------------------------------


def test_office_a_set_smart_goals_after_its_session_but_measured_them_only_once():
    goals = office("A").goals.all()
    assert {goal.title for goal in goals} == {
        demo_kapstok_goal("members"),
        demo_kapstok_goal("space"),
    }
    for goal in goals:
        assert goal.target_value and goal.indicator and goal.deadline
        assert goal.owner.email == "lead-a@demo.invalid"
        assert goal.measurements.count() == 1


def demo_kapstok_goal(key: str) -> str:
    from kapstok.home.demo_kapstok import GOALS

    return GOALS[key].title


def test_office_e_executes_its_visibility_goal_with_a_running_project():
    from kapstok.goals.models import Project, WorkStatus

    goal = office("E").goals.get(title=demo_kapstok_goal("visibility"))
    running = Project.objects.filter(strategy__goal=goal, status=WorkStatus.RUNNING)
    assert running.filter(title="Bord langs de invalsweg").exists()
    assert goal.measurements.count() == 1


def test_office_b_has_only_a_planned_session_collecting_cards():
    from kapstok.strategy.models import SessionPhase

    sessions = office("B").strategy_sessions.all()
    assert [session.phase for session in sessions] == [SessionPhase.COLLECT]
    assert sessions.get().starts_at > timezone.now()
    assert not office("B").goals.exists()


def test_office_c_held_a_session_long_ago_but_its_goals_stay_vague():
    from kapstok.progress.models import Signal
    from kapstok.strategy.models import SessionPhase

    held = office("C").strategy_sessions.get()
    assert held.phase == SessionPhase.CLOSED
    assert held.starts_at < timezone.now() - datetime.timedelta(days=90)
    assert office("C").goals.count() == 2
    assert not office("C").goals.filter(target_value__isnull=False).exists()
    assert Signal.objects.open().filter(office=office("C"), rule="no_smart_goal").exists()


def test_office_d_never_held_a_session_and_set_no_goals():
    assert not office("D").strategy_sessions.exists()
    assert not office("D").goals.exists()


def test_one_office_was_founded_only_weeks_ago_and_has_no_members_yet():
    newest = Office.objects.founded().order_by("-founded_on").first()
    assert newest.founded_on > demo.SNAPSHOT
    assert not newest.memberships.exists()
    assert Office.objects.founded().filter(memberships__isnull=True).count() == 1


def test_held_sessions_have_participants_who_put_dots_on_themes():
    from kapstok.strategy.models import Vote

    session = office("A").strategy_sessions.get(phase="closed")
    votes = Vote.objects.filter(session=session)
    assert votes.exists()
    assert set(votes.values_list("theme__session", flat=True)) == {session.pk}


# --- member-a's and lead-a's start pages --------------------------------------------------------


def test_member_a_has_not_yet_endorsed_the_position_that_seven_others_back():
    from kapstok.influence.models import PositionStatus

    position = office("A").positions.get(title=demo_start.POSITION_TITLE)
    assert position.status == PositionStatus.OPEN
    assert position.endorsements.count() == 7
    assert not position.endorsements.filter(entrepreneur=member_a_business()).exists()


def test_the_next_session_of_office_a_opens_for_cards_before_it_starts():
    from kapstok.strategy.models import SessionPhase

    session = office("A").strategy_sessions.get(title=demo_start.SESSION_TITLE)
    assert session.phase == SessionPhase.COLLECT
    assert session.starts_at > timezone.now() + datetime.timedelta(days=8)
    assert session.cards.count() == len(demo_start.CARDS)
    assert session.facilitator.email == "lead-a@demo.invalid"


def test_member_a_has_an_unread_message_from_the_lead():
    from kapstok.messaging.selectors import inbox, unread_count

    assert unread_count(viewer("member-a@demo.invalid")) >= 1
    subjects = [delivery.message.subject for delivery in inbox(viewer("member-a@demo.invalid"))]
    assert demo_start.MESSAGE_SUBJECT in subjects


def test_two_long_standing_members_of_office_a_left_in_the_last_three_months():
    recent = timezone.localdate() - datetime.timedelta(days=100)
    left = office("A").memberships.filter(left_on__gt=recent)
    assert left.count() == 2
    assert member_a_business() not in {membership.entrepreneur for membership in left}


def test_lead_a_is_asked_to_approve_the_municipalitys_invitation():
    from kapstok.messaging.selectors import messages_awaiting_approval, messages_to_approve

    assert messages_to_approve(viewer("lead-a@demo.invalid"))
    assert messages_awaiting_approval(viewer("gemeente-a@demo.invalid"))


# --- The municipality and the members' choices --------------------------------------------------


def test_the_first_three_members_of_office_a_share_their_contact_with_the_municipality():
    from kapstok.trust.consent import municipality_contact_given

    municipality = office("A").municipalities.get()
    memberships = list(office("A").memberships.current().order_by("joined_on", "pk")[:4])
    given = [municipality_contact_given(m.entrepreneur_id, municipality.pk) for m in memberships]
    assert given == [True, True, True, False]


def test_member_a_gave_that_consent_from_her_own_account():
    from kapstok.trust.models import ConsentPurpose, ConsentRecord

    record = ConsentRecord.objects.get(
        entrepreneur=member_a_business(), purpose=ConsentPurpose.MUNICIPALITY_CONTACT
    )
    assert record.given and record.user.email == "member-a@demo.invalid"


def test_the_fourth_member_of_office_a_opted_out_of_the_municipalitys_messages():
    from kapstok.messaging.models import OptOut, SenderKind

    fourth = office("A").memberships.current().order_by("joined_on", "pk")[3]
    assert OptOut.objects.filter(
        entrepreneur=fourth.entrepreneur, office=office("A"), sender_kind=SenderKind.MUNICIPALITY
    ).exists()


def test_office_bs_members_read_the_municipalitys_request_in_2023():
    from kapstok.messaging.models import OfficeMessage

    message = OfficeMessage.objects.get(office=office("B"), sender_kind="municipality")
    assert message.sent_at.year == 2023
    assert message.deliveries.filter(read_at__isnull=False).count() == min(
        5, message.deliveries.count()
    )
    assert message.author.grants.filter(role=Role.CIVIL_SERVANT).exists()


# --- Offices learning from each other -----------------------------------------------------------


def test_office_e_shares_its_practices_publicly_and_office_a_keeps_its_own_internal():
    from kapstok.peers.models import Practice, PracticeStatus, Visibility

    e_practices = Practice.objects.filter(office=office("E"))
    assert e_practices.count() == 2
    assert set(e_practices.values_list("visibility", flat=True)) == {Visibility.PUBLIC}
    a_practice = Practice.objects.get(office=office("A"))
    assert a_practice.visibility == Visibility.INTERNAL
    assert Practice.objects.exclude(status=PracticeStatus.PUBLISHED).count() == 0


def test_office_a_tried_office_es_roadside_sign_with_partial_success():
    from kapstok.peers.models import PracticeTrial

    trial = PracticeTrial.objects.get(office=office("A"))
    assert trial.practice.office == office("E")
    assert trial.outcome == "partly"
    assert trial.created_by.email == "lead-a@demo.invalid"


def test_office_as_exchange_board_has_a_solved_request_an_answered_offer_and_an_open_question():
    from kapstok.peers.models import ExchangePost

    posts = ExchangePost.objects.filter(office=office("A"))
    request = posts.get(kind="request")
    assert request.solved_at is not None
    offer = posts.get(kind="offer")
    assert offer.replies.get().author.email == "member-a@demo.invalid"
    assert posts.get(kind="question").solved_at is None


def test_the_offices_are_proposed_regions_of_at_least_two_offices_each():
    from kapstok.peers.models import Region

    assert Region.objects.count() >= 2
    assert all(region.offices.count() >= 2 for region in Region.objects.all())


def test_leads_are_invited_to_a_national_day_and_office_a_held_a_public_members_evening():
    from kapstok.peers.models import Meeting

    national = Meeting.objects.get(title="Landelijke kartrekkersdag")
    assert national.scope == "national" and "lead" in national.invited_roles
    assert national.starts_at > timezone.now()
    evening = Meeting.objects.get(office=office("A"), scope="office")
    assert evening.starts_at < timezone.now()
    assert evening.is_public and evening.minutes


# --- The research monitor and its coding ------------------------------------------------------


def closed_wave():
    from kapstok.monitor.models import Wave, WaveStatus

    return Wave.objects.get(status=WaveStatus.CLOSED, name__startswith="Monitor POS-kantoren")


def test_last_years_wave_is_closed_with_a_snapshot_per_report_office():
    wave = closed_wave()
    assert wave.year == timezone.localdate().year - 1
    assert {snapshot.office for snapshot in wave.snapshots.all()} == {
        office(letter) for letter in "ABCDE"
    }


def test_every_lead_answered_last_years_wave_but_office_ds_municipality_did_not():
    invitations = closed_wave().invitations.select_related("office")
    for invitation in invitations.filter(audience="lead"):
        assert invitation.response.submitted_at is not None
    quiet = invitations.get(office=office("D"), audience="municipality")
    assert not hasattr(quiet, "response") or quiet.response is None
    assert quiet.last_reminder_count == 2


def test_only_office_cs_facilitator_was_interviewed():
    answered = closed_wave().invitations.filter(
        audience="facilitator", response__submitted_at__isnull=False
    )
    assert [invitation.office for invitation in answered] == [office("C")]


def test_this_years_wave_is_open_with_es_lead_done_and_as_lead_half_way():
    from kapstok.monitor.models import Wave, WaveStatus

    wave = Wave.objects.get(status=WaveStatus.OPEN, name__startswith="Monitor POS-kantoren")
    e_lead = wave.invitations.get(office=office("E"), audience="lead")
    a_lead = wave.invitations.get(office=office("A"), audience="lead")
    assert e_lead.response.submitted_at is not None
    assert a_lead.response.submitted_at is None and a_lead.response.answers.exists()
    assert a_lead.respondent.email == "lead-a@demo.invalid"


def test_the_coding_project_has_two_coders_who_agree_most_but_not_all_of_the_time():
    from kapstok.coding import selectors
    from kapstok.coding.models import ResearchProject
    from kapstok.home.demo_coding import CODEBOOK, PROJECT_NAME

    project = ResearchProject.objects.get(name=PROJECT_NAME)
    assert project.codes.count() == len(CODEBOOK)
    assert project.waves.get() == closed_wave()
    agreement = selectors.agreement(
        project, user("researcher@demo.invalid"), user("pos@demo.invalid")
    )
    assert 0.3 < agreement["overall"]["kappa"] < 1


def test_the_first_open_question_of_each_questionnaire_is_cleared_for_names():
    from kapstok.coding.models import ResearchProject
    from kapstok.home.demo_coding import PROJECT_NAME

    project = ResearchProject.objects.get(name=PROJECT_NAME)
    cleared = project.cleared_questions.all()
    assert cleared.exists()
    assert len({question.questionnaire_id for question in cleared}) == cleared.count()


# --- The registry's finer points ----------------------------------------------------------------


def test_entrepreneurs_only_join_branch_organisations_that_cover_one_of_their_branches():
    Link = Entrepreneur.branch_organisations.through
    for link in Link.objects.select_related("entrepreneur", "branchorganisation")[:500]:
        own = set(link.entrepreneur.branches.values_list("slug", flat=True))
        covered = set(link.branchorganisation.branches.values_list("slug", flat=True))
        assert own & covered, link


def test_every_entrepreneur_belongs_to_a_branch_organisation_and_every_organisation_has_some():
    assert not Entrepreneur.objects.filter(branch_organisations__isnull=True).exists()
    assert not BranchOrganisation.objects.filter(entrepreneurs__isnull=True).exists()


def test_current_members_of_an_office_are_located_in_or_near_its_municipalities():
    members = (
        Membership.objects.current()
        .filter(office=office("A"))
        .select_related("entrepreneur__municipality")
    )
    home = set(office("A").municipalities.values_list("pk", flat=True))
    local = sum(1 for m in members if m.entrepreneur.municipality_id in home)
    assert local / members.count() > 0.5


# --- Walking through the demo ------------------------------------------------------------


def start_links(email: str) -> list[str]:
    from kapstok.home.todo import main_pages, sections_for

    person = user(email)
    items = [item.url for section in sections_for(viewer(email)) for item in section.items]
    return items + [page.url for page in main_pages(viewer(email), person)]


@pytest.mark.parametrize("person", demo.PEOPLE, ids=lambda person: person.email)
def test_every_link_on_a_personas_start_page_opens(client, person):
    client.force_login(user(person.email))
    links = start_links(person.email)
    assert links, person.email
    for url in links:
        assert client.get(url).status_code == 200, url


def test_gemeente_a_sees_office_a_and_the_contact_details_members_shared(client):
    municipality = office("A").municipalities.get()
    client.force_login(user("gemeente-a@demo.invalid"))
    page = client.get(f"/netwerk/gemeenteportaal/{municipality.code}/").content.decode()
    assert office("A").name in page
    assert member_a_business().email in page  # member-a's business shares with the municipality


def test_the_public_page_of_office_e_shows_its_practices_but_not_office_as_internal_one(client):
    from kapstok.peers.models import Practice

    page = client.get(office("E").get_public_url()).content.decode()
    for practice in Practice.objects.filter(office=office("E")):
        assert practice.title in page
    internal = Practice.objects.get(office=office("A"))
    assert internal.title not in client.get(office("A").get_public_url()).content.decode()


def test_the_public_home_finds_every_demo_office(client):
    page = client.get("/").content.decode()
    missing = [o.name for o in Office.objects.working() if o.get_public_url() not in page]
    assert missing == []


def test_partner_c_finds_office_c_among_their_pages():
    links = start_links("partner-c@demo.invalid")
    assert any(office("C").slug in url for url in links)


# --- The report's story, June 2025 and after (issue #18) ------------------------------------


def test_office_a_on_the_eve_of_its_strategy_is_not_embedded_now_nor_in_the_2025_snapshot():
    from kapstok.progress.facts import office_phases

    assert office_phases([office("A")])[office("A").pk].phase == "executing"
    snapshot = closed_wave().snapshots.get(office=office("A"))
    assert snapshot.indicators["phase"] != "embedded"
    held = office("A").strategy_sessions.get(phase="closed").starts_at.date()
    assert held > demo.SNAPSHOT  # "aan de vooravond van strategiebepaling" in June 2025


def test_office_bs_municipality_gave_money_and_an_assignment():
    from kapstok.municipality.models import Contribution

    kinds = set(Contribution.objects.filter(office=office("B")).values_list("kind", flat=True))
    assert {"money", "commission"} <= kinds


def test_municipalities_see_no_directing_role_for_themselves_in_their_own_views():
    from kapstok.agreements.models import PartyView

    views = PartyView.objects.filter(party="municipality", agreement__office__is_demo=True)
    assert views.count() >= 5
    for view in views:
        assert "decides" not in {row.get("municipality") for row in view.cells.values()}, view


def test_office_es_sports_day_agrees_in_plan_measurement_and_practice():
    from kapstok.goals.models import Project, WorkStatus
    from kapstok.home.demo_kapstok import SPORTS_DAY_VISITORS
    from kapstok.peers.models import Practice

    goal = office("E").goals.get(title=demo_kapstok_goal("visibility"))
    day = Project.objects.get(strategy__goal=goal, title="Lokale sportdag")
    assert (day.status, day.progress) == (WorkStatus.DONE, 100)
    assert [m.value for m in goal.measurements.all()] == [SPORTS_DAY_VISITORS]
    assert goal.target_value <= SPORTS_DAY_VISITORS
    practice = Practice.objects.get(office=office("E"), title__contains="sportdag")
    assert "Ruim 1.500 bezoekers" in practice.result and 1500 <= SPORTS_DAY_VISITORS < 1600


def test_the_support_desk_has_a_backlog_with_some_requests_late():
    from kapstok.progress.models import Signal
    from kapstok.support.models import SupportRequest

    assert SupportRequest.objects.filter(office__is_demo=True).count() >= 20
    assert Signal.objects.open().filter(rule="support_overdue").exists()


def test_every_office_has_a_landscape_read_at_varying_times():
    from django.db.models import Max

    from kapstok.representation.models import LandscapeBusiness

    read = dict(
        LandscapeBusiness.objects.values("office")
        .annotate(at=Max("last_imported_at"))
        .values_list("office", "at")
    )
    assert set(read) == set(Office.objects.founded().values_list("pk", flat=True))
    ages = {(timezone.now() - at).days for at in read.values()}
    assert min(ages) < 30 and max(ages) > 365 and len(ages) > 20


def test_members_joined_and_left_in_the_last_twelve_months_except_in_stalled_office_d():
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    joined = Membership.objects.filter(joined_on__gt=year_ago)
    assert joined.count() > 40
    assert joined.values("office").distinct().count() > 20
    assert Membership.objects.filter(left_on__gt=year_ago).count() > 10
    assert not joined.filter(office=office("D")).exists()


@pytest.mark.parametrize("letter", "ABCDE")
def test_every_report_office_sought_influence_in_its_sportakkoord(letter):
    from kapstok.influence.models import Seat
    from kapstok.network.models import BodyKind

    seat = Seat.objects.get(office=office(letter), kind=BodyKind.CORE_TEAM)
    assert "sportakkoord" in seat.body.name.lower()
    assert (seat.ended_on is not None) == (letter == "D")


def test_every_office_with_members_has_a_representativeness_index():
    from kapstok.representation.selectors import coverage_figures

    ids = list(Office.objects.founded().values_list("pk", flat=True))
    figures = coverage_figures(ids, timezone.localdate())
    measured = [pk for pk, row in figures.items() if row["members"]]
    assert len(measured) == len(ids) - 1  # the office founded weeks ago has no members yet
    assert all(figures[pk]["representativeness"] is not None for pk in measured)


def test_offices_beyond_the_report_have_a_recruitment_list_too():
    from kapstok.representation.selectors import next_prospects, office_coverage

    others = Office.objects.exclude(description__contains="kantoor ").filter(
        status="active", memberships__isnull=False
    )
    for other in others.distinct().order_by("name")[:3]:
        assert next_prospects(other, office_coverage(other)), other.name


def test_pos_sees_every_office_with_a_landscape_and_which_are_over_a_year_old(client):
    client.force_login(user("pos@demo.invalid"))
    response = client.get("/netwerk/afspiegeling/landschappen/")
    assert response.status_code == 200
    assert len(response.context["statuses"]) == Office.objects.working().count()
    assert response.context["without"] == 0
    assert 0 < response.context["stale"] < Office.objects.working().count() / 2


# --- Offices being founded: "so the 41 become 50" ------------------------------------------------


def test_nine_offices_are_founding_in_municipalities_without_an_office():
    from kapstok.network.models import OfficeStatus

    founding = Office.objects.filter(status=OfficeStatus.FOUNDING)
    assert founding.count() == 9
    assert Office.objects.founded().count() == 41
    assert not founding.filter(founded_on__isnull=False).exists()
    places = [m for office in founding for m in office.municipalities.all()]
    assert len(places) == len(set(places)) == 9
    assert not Office.objects.founded().filter(municipalities__in=places).exists()


def test_the_founding_offices_are_at_varied_stages_two_ready_to_be_founded():
    from kapstok.founding.selectors import offices_in_founding

    checklists = offices_in_founding()
    assert len({checklist.done_count for checklist in checklists}) >= 4
    assert sum(checklist.complete for checklist in checklists) == 2
    assert max(checklist.days_in_founding for checklist in checklists) > 365
    derived = [c.item("municipality_contact") for c in checklists]
    assert any(item.done and item.derived for item in derived)
    assert any(item.done and not item.derived for item in derived)


def test_pos_sees_the_founding_offices_and_the_national_figures_leave_them_out(client):
    client.force_login(user("pos@demo.invalid"))
    overview = client.get("/netwerk/oprichting/")
    assert overview.status_code == 200
    assert len(overview.context["checklists"]) == 9
    dashboard = client.get("/netwerk/dashboard/")
    assert dashboard.context["figures"]["offices"] == 41
    assert "9 kantoren in oprichting" in client.get("/start/").content.decode()


def test_the_founder_finds_the_checklist_as_first_to_do(client):
    client.force_login(user("oprichter@demo.invalid"))
    page = client.get("/start/").content.decode()
    assert "3 van 4 punten gedaan" in page
    assert "Nog te doen: eerste leden." in page


def test_the_members_voice_is_heard_and_office_d_hears_it_falling():
    from kapstok.membercheck import selectors as member_check
    from kapstok.progress.models import Signal

    assert Signal.objects.open().filter(office=office("D"), rule="member_value").exists()
    answered = [o for o in Office.objects.filter(is_demo=True) if member_check.office_rounds(o)]
    disclosed = [o for o in answered if any(r.value for r in member_check.office_rounds(o))]
    assert len(disclosed) * 4 >= len(answered) * 3  # most offices
    items = member_check.checks_to_answer(viewer("member-a@demo.invalid"))
    assert [item.url for item in items] == [f"/netwerk/kantoren/{office('A').slug}/ledencheck/"]


# --- Acting together across offices (issue #18, item 6; report 2.3 and 5.1) --------------------


def test_the_vat_position_is_endorsed_across_offices_and_waits_for_member_a(client):
    from kapstok.influence.models import NationalPosition, NationalStatus
    from kapstok.influence.selectors import national_totals
    from kapstok.network.models import Municipality

    vat = NationalPosition.objects.get(title__contains="btw-verhoging")
    totals = national_totals(vat)
    assert vat.status == NationalStatus.OPEN and vat.accepts_endorsements()
    assert len(totals.per_office) >= 30 and len(totals.per_municipality) >= 30
    assert totals.total == vat.endorsements.count() >= 300
    assert not vat.endorsements.filter(entrepreneur=member_a_business()).exists()

    client.force_login(user("member-a@demo.invalid"))
    assert "Steun het landelijke standpunt" in client.get("/start/").content.decode()

    gemeente_a = viewer("gemeente-a@demo.invalid")
    code = Municipality.objects.get(pk=min(gemeente_a.municipality_ids)).code
    client.force_login(user("gemeente-a@demo.invalid"))
    portal = client.get(f"/netwerk/gemeenteportaal/{code}/")
    [row] = portal.context["national_positions"]
    assert row["position"] == vat and row["label"] not in ("0", "< 5")
    pdf = client.get(f"/netwerk/invloed/landelijk/{vat.pk}/gemeenten/{code}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


# --- Structure and money (report 4.2) ---------------------------------------------------------


def test_about_half_of_the_offices_ask_a_fee_and_b_reads_its_municipality_budget():
    from kapstok.finances import selectors as finances
    from kapstok.home.demo_municipality import B_GIVEN_ON

    with_fee = Office.objects.filter(fee_schedules__isnull=False).distinct().count()
    assert 0.4 <= with_fee / Office.objects.count() <= 0.6
    given = finances.ledger_year(office("B"), B_GIVEN_ON.year)
    assert given.contributions >= 7500  # B's start budget, recorded by the municipality
    last_year = finances.ledger_year(office("B"), timezone.localdate().year - 1)
    assert last_year.fees > 0 and last_year.spent > 0
    assert last_year.opening_balance >= 7500


def test_some_members_have_not_yet_paid_this_years_fee():
    from kapstok.finances import selectors as finances

    b = office("B")
    periods = finances.fee_periods(b, timezone.localdate().year)
    statuses = finances.period_statuses(b, periods)
    assert sum(s.paid for s in statuses) > 0
    assert sum(s.unpaid for s in statuses) > 0


def test_the_lead_opens_the_money_pages_and_the_guide_is_in_the_knowledge_base(client):
    from kapstok.finances import guide
    from kapstok.support.models import KnowledgeArticle

    e = office("E")
    client.force_login(user("lead-e@demo.invalid"))
    for page in ("", "betalingen/", "contributie/"):
        assert client.get(f"/netwerk/kantoren/{e.slug}/financien/{page}").status_code == 200
    article = KnowledgeArticle.objects.get(title=str(guide.ARTICLE_TITLE))
    assert "Vereniging" in article.body and "Coöperatie" in article.body
    client.force_login(user("member-a@demo.invalid"))
    assert client.get(article.get_absolute_url()).status_code == 200


# --- Seeding again (last in the module) -----------------------------------------------------
# Seeding a second time inside a test's savepoint leaves the tables with the rolled-back copy's
# dead rows, and on PostgreSQL every later query of the module then reads past them (one test
# went from under a second to 80). So the tests that seed again come last.


def test_a_rebuild_keeps_a_changed_password_and_rebuilds_member_as_start_page():
    from kapstok.home.todo import sections_for

    lead = user("lead-a@demo.invalid")
    lead.set_password("een-eigen-wachtwoord")
    lead.save()
    call_command("seed_demo", stdout=StringIO())
    assert authenticate(username=lead.email, password="een-eigen-wachtwoord") is not None
    assert authenticate(username=lead.email, password=demo.DEMO_PASSWORD) is None
    assert office("A").positions.filter(title=demo_start.POSITION_TITLE).count() == 1
    assert office("A").strategy_sessions.filter(title=demo_start.SESSION_TITLE).count() == 1
    titles = [
        item.title
        for section in sections_for(viewer("member-a@demo.invalid"))
        for item in section.items
    ]
    assert sum(title.startswith("Steun het standpunt") for title in titles) == 1
