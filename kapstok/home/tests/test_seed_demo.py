"""`manage.py seed_demo`: the demo network matches the report and can be rebuilt at will.

Seeding takes a few seconds, so the module seeds once (on the migrated, empty test database, so
the command also has to load the municipalities itself) and every test reads from that; the
whole module runs inside one transaction that is rolled back at the end.
"""

import datetime
from io import StringIO

import pytest

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.home import demo
from kapstok.home.tests.seeded_demo import demo_seeded_for_module, on_one_worker
from kapstok.network.models import (
    Body,
    BodyKind,
    BranchOrganisation,
    Entrepreneur,
    Initiative,
    LegalForm,
    Membership,
    Municipality,
    Office,
    PartnerKind,
    SizeClass,
)

pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MISSING_BRANCHES = ["tennis", "padel", "squash-badminton", "paardensport", "golf", "zwemmen"]


@pytest.fixture(scope="module", autouse=True)
def seed_output(django_db_setup, django_db_blocker):
    with demo_seeded_for_module(django_db_blocker) as output:
        yield output


def demo_counts() -> dict:
    return {
        "municipalities": Municipality.objects.count(),
        "offices": Office.objects.count(),
        "entrepreneurs": Entrepreneur.objects.count(),
        "memberships": Membership.objects.count(),
        "organisations": BranchOrganisation.objects.count(),
        "bodies": Body.objects.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
    }


def report_office(letter: str) -> Office:
    return Office.objects.get(description__contains=f"kantoor {letter} ")


def share_in_missing_branches(entrepreneurs) -> float:
    total = entrepreneurs.count()
    hits = entrepreneurs.filter(branches__slug__in=MISSING_BRANCHES).distinct().count()
    return hits / total


def test_it_loads_the_municipalities_on_a_fresh_database():
    assert Municipality.objects.count() == 342


def test_there_are_41_offices_in_43_municipalities():
    assert Office.objects.founded().filter(is_demo=True).count() == 41
    with_office = Municipality.objects.filter(
        offices__is_demo=True, offices__founded_on__isnull=False
    ).distinct()
    assert with_office.count() == 43
    assert with_office.values("province").distinct().count() == 12


def test_exactly_two_offices_span_two_municipalities():
    sizes = Office.objects.annotate(n=Count("municipalities")).values_list("n", flat=True)
    assert sorted(sizes)[-3:] == [1, 2, 2]


def test_office_names_and_slugs_follow_the_municipality():
    office = Office.objects.get(municipalities__name="Deventer")
    assert office.name == "POS-kantoor Deventer"
    assert office.slug == "pos-kantoor-deventer"


def test_there_are_18_branch_organisations_with_the_two_real_ones():
    assert BranchOrganisation.objects.count() == 18
    nl_actief = BranchOrganisation.objects.get(name="NL Actief")
    assert nl_actief.branches.filter(slug="fitness").exists()
    assert BranchOrganisation.objects.filter(name__startswith="WiZZ").exists()


def test_there_are_about_6000_entrepreneurs_mostly_near_an_office():
    entrepreneurs = Entrepreneur.objects.filter(is_demo=True)
    assert 5500 <= entrepreneurs.count() <= 6500
    near = entrepreneurs.filter(municipality__offices__isnull=False).distinct().count()
    assert 0.6 < near / entrepreneurs.count() < 0.9
    assert all(
        1 <= n <= 2 for n in entrepreneurs.annotate(n=Count("branches")).values_list("n", flat=True)
    )


def test_chains_share_a_kvk_number_with_their_own_establishment_numbers():
    chains = Entrepreneur.objects.filter(is_chain=True)
    assert 0.02 < chains.count() / Entrepreneur.objects.count() < 0.04
    kvk = chains.first().kvk_number
    establishments = chains.filter(kvk_number=kvk).values_list("establishment_number", flat=True)
    assert len(establishments) > 1
    assert all(len(number) == 12 for number in establishments)


def test_about_1000_members_with_history_since_march_2023():
    current = Membership.objects.current()
    assert 800 <= current.count() <= 1200
    ended = Membership.objects.filter(left_on__isnull=False).count()
    assert 0.05 < ended / Membership.objects.count() < 0.15
    assert Membership.objects.filter(joined_on__lt=datetime.date(2023, 3, 1)).count() == 0
    listed = current.filter(listed_publicly=True).count() / current.count()
    assert 0.3 < listed < 0.5


@pytest.mark.parametrize(
    ("letter", "initiative", "size", "legal_form"),
    [
        ("A", Initiative.JOINT, SizeClass.LARGE, LegalForm.NONE),
        ("B", Initiative.JOINT, SizeClass.SMALL, LegalForm.ASSOCIATION),
        ("C", Initiative.ENTREPRENEURS, SizeClass.MEDIUM, LegalForm.NONE),
        ("D", Initiative.ENTREPRENEURS, SizeClass.SMALL, LegalForm.NONE),
        ("E", Initiative.POS, SizeClass.LARGE, LegalForm.NONE),
    ],
)
def test_report_offices_have_the_traits_of_the_study(letter, initiative, size, legal_form):
    office = report_office(letter)
    assert (office.initiative, office.size_class, office.legal_form) == (
        initiative,
        size,
        legal_form,
    )


def test_office_b_became_an_association_at_the_municipalitys_request():
    assert "op verzoek van de gemeente" in report_office("B").description.lower()


def test_office_c_has_a_facilitator_and_a_sport_council():
    office = report_office("C")
    assert office.partners.filter(kind=PartnerKind.FACILITATOR).exists()
    councils = Body.objects.filter(
        kind=BodyKind.SPORT_COUNCIL, municipalities__in=office.municipalities.all()
    )
    assert councils.exists()
    assert "sportraad" in office.description


def test_office_d_stalled_after_its_start_in_2023():
    memberships = report_office("D").memberships.all()
    assert all(m.joined_on.year == 2023 for m in memberships)
    assert memberships.filter(left_on__isnull=False).count() >= 2


def test_office_e_got_600_euro_from_the_sportakkoord():
    description = report_office("E").description
    assert "€600" in description
    assert "sportakkoord" in description


def test_the_biggest_branches_are_missing_among_members():
    everyone = share_in_missing_branches(Entrepreneur.objects.all())
    members = share_in_missing_branches(
        Entrepreneur.objects.filter(memberships__in=Membership.objects.current()).distinct()
    )
    assert members < everyone / 3


@pytest.mark.parametrize("login", demo.PEOPLE, ids=lambda person: person.email)
def test_every_demo_login_authenticates(login):
    user = authenticate(username=login.email, password=demo.DEMO_PASSWORD)
    assert user is not None
    assert user.grants.filter(role=login.role).exists()


def test_member_a_is_a_current_member_of_office_a():
    grant = RoleGrant.objects.get(user__email="member-a@demo.invalid", role=Role.MEMBER)
    assert grant.entrepreneur.memberships.current().filter(office=report_office("A")).exists()


def test_partner_c_works_for_the_facilitator_of_office_c():
    grant = RoleGrant.objects.get(user__email="partner-c@demo.invalid")
    assert grant.partner.kind == PartnerKind.FACILITATOR
    assert grant.partner.offices.filter(pk=report_office("C").pk).exists()


def test_admin_is_staff_and_superuser():
    admin = User.objects.get(email="admin@demo.invalid")
    assert admin.is_staff and admin.is_superuser


def test_every_office_has_a_lead_as_contact():
    for office in Office.objects.founded():
        assert office.grants.filter(role=Role.LEAD, user__email=office.contact_email).exists()


def test_everything_invented_is_marked_as_demo():
    assert not Office.objects.filter(is_demo=False).exists()
    assert not Entrepreneur.objects.filter(is_demo=False).exists()
    assert not User.objects.exclude(email__endswith="@demo.invalid").exists()
    assert not Entrepreneur.objects.exclude(email__endswith="@demo.invalid").exists()
    assert not Entrepreneur.objects.exclude(kvk_number__startswith="00").exists()


def test_the_command_prints_counts_and_logins(seed_output):
    assert "kantoren" in seed_output
    for person in demo.PEOPLE:
        assert person.email in seed_output
    assert demo.DEMO_PASSWORD in seed_output


def test_the_plan_is_the_same_for_the_same_seed():
    places = list(demo.places_load())
    first, second = demo.plan_demo(places), demo.plan_demo(places)
    assert first.memberships == second.memberships
    assert [e.business_name for e in first.entrepreneurs] == [
        e.business_name for e in second.entrepreneurs
    ]


def test_the_demo_shows_every_phase():
    from kapstok.progress.selectors import national_dashboard

    phases = {row["phase"] for row in national_dashboard({})["rows"]}
    assert phases == {"founded", "building", "strategy", "executing", "embedded"}


def test_every_stall_rule_trips_somewhere():
    from kapstok.progress.models import Signal

    rules = set(Signal.objects.open().values_list("rule", flat=True))
    assert rules == {
        "no_session",
        "no_smart_goal",
        "no_activity",
        "shrinking",
        "single_lead",
        "support_overdue",
        "member_value",
    }


def test_office_d_trips_the_stall_signals_of_the_report():
    from kapstok.progress.models import Signal

    rules = set(
        Signal.objects.open().filter(office=report_office("D")).values_list("rule", flat=True)
    )
    assert {"no_session", "no_activity", "shrinking"} <= rules


def test_office_e_spends_its_600_euro_on_a_visible_project():
    from kapstok.goals.models import Project

    project = Project.objects.get(strategy__goal__office=report_office("E"), budget_amount=600)
    assert "sportakkoord" in project.budget_source


def test_held_sessions_have_cards_in_confirmed_themes_and_goals_keep_their_origin():
    from kapstok.goals.models import Goal
    from kapstok.strategy.models import Card, Theme

    assert Theme.objects.filter(confirmed=True, catalogue_theme__isnull=False).exists()
    assert Card.objects.filter(placement_confirmed=True).count() > 50
    goal = Goal.objects.filter(office=report_office("A"), source_theme__isnull=False).first()
    assert goal.source_cards.exists()


@pytest.mark.parametrize("letter", ["A", "B", "C", "D", "E"])
def test_offices_a_to_e_have_a_landscape_that_shows_the_reports_gaps(letter):
    from kapstok.representation.selectors import office_coverage

    coverage = office_coverage(report_office(letter))
    assert coverage.has_landscape and coverage.landscape > coverage.members
    rows = {row["branch"]: row for row in coverage.rows}
    missing = [rows[b] for b in MISSING_BRANCHES if b in rows]
    assert sum(r["covered"] for r in missing) < sum(r["landscape"] for r in missing) / 4
    assert coverage.missing_chains  # "de grotere ketens" are not members
    assert 0 < coverage.index < 0.8


def test_the_demo_pipeline_has_prospects_on_the_move():
    from kapstok.representation.models import Prospect

    stages = set(
        Prospect.objects.filter(business__office=report_office("A")).values_list("stage", flat=True)
    )
    assert {"interested", "approached"} <= stages


def test_office_b_municipality_asked_through_the_office_and_members_received_it():
    from kapstok.messaging.models import MessageStatus, OfficeMessage

    message = OfficeMessage.objects.get(office=report_office("B"), sender_kind="municipality")
    assert "vereniging" in message.subject
    assert message.status == MessageStatus.SENT and message.decided_by is not None
    members = report_office("B").memberships.current().count()
    assert message.deliveries.count() == members


def test_office_e_has_the_600_euro_as_a_contribution_of_its_municipality():
    from kapstok.municipality.models import Contribution

    contribution = Contribution.objects.get(office=report_office("E"))
    assert contribution.amount == 600
    assert contribution.municipality in report_office("E").municipalities.all()


def test_a_municipality_message_waits_for_lead_a():
    from kapstok.messaging.models import MessageStatus, OfficeMessage

    waiting = OfficeMessage.objects.get(office=report_office("A"), status=MessageStatus.PENDING)
    assert waiting.author.email == "gemeente-a@demo.invalid"
    assert not waiting.deliveries.exists()


def test_office_c_has_a_sport_council_seat_and_a_sent_answered_position():
    from kapstok.influence.models import Outcome, PositionStatus

    office = report_office("C")
    seat = office.seats.get(kind=BodyKind.SPORT_COUNCIL)
    assert seat.body is not None and seat.public
    position = office.positions.get()
    assert position.status == PositionStatus.ANSWERED and position.outcome == Outcome.PARTLY
    assert position.endorsements.count() == position.endorsements_at_sending > 10
    assert position.pdf and position.answered_on > position.sent_at.date()


@pytest.mark.parametrize("letter", ["A", "B", "C", "D", "E"])
def test_each_report_office_has_an_agreed_role_agreement(letter):
    from kapstok.agreements.models import AgreementStatus

    agreed = report_office(letter).role_agreements.get(version=1)
    assert agreed.status == AgreementStatus.AGREED
    assert agreed.acknowledgements.count() == len(agreed.parties)


def test_every_demo_office_has_an_agreed_role_agreement():
    from kapstok.agreements.models import AgreementStatus, RoleAgreement

    agreed = RoleAgreement.objects.filter(agreed_at__isnull=False).values_list("office", flat=True)
    assert Office.objects.founded().count() == 41
    assert Office.objects.founded().exclude(pk__in=agreed).count() == 0
    assert all(
        agreement.status == AgreementStatus.AGREED
        for agreement in RoleAgreement.objects.filter(agreed_at__isnull=False)
    )


def test_office_a_has_a_round_in_progress_with_two_differing_views():
    from kapstok.agreements.selectors import agreement_detail

    round_ = report_office("A").role_agreements.get(version=2)
    detail = agreement_detail(round_)
    assert detail["view_count"] == 2 and detail["difference_count"] >= 2


def _start_items(email: str) -> list:
    from kapstok.accounts.access import viewer_for
    from kapstok.home.todo import sections_for

    user = User.objects.get(email=email)
    return [item for section in sections_for(viewer_for(user)) for item in section.items]


def test_member_a_finds_three_things_to_do_each_one_click_from_done(client):
    items = _start_items("member-a@demo.invalid")
    titles = [item.title for item in items]
    assert any(title.startswith("Steun het standpunt") for title in titles)
    assert any(title.startswith("Zet uw kansen en uitdagingen op tafel") for title in titles)
    assert any(title.startswith("Lees het bericht") for title in titles)
    client.force_login(User.objects.get(email="member-a@demo.invalid"))
    page = client.get("/start/").content.decode()
    for item in items:
        assert f'href="{item.url}"' in page
        assert client.get(item.url).status_code == 200, item.url


def test_lead_a_sees_the_next_step_of_the_offices_signal():
    from kapstok.progress.texts import signal_next_step

    first = _start_items("lead-a@demo.invalid")[0]
    assert first.title == signal_next_step("shrinking")
    assert "Krimpend ledental" in first.detail and "daalde" in first.detail


def test_pos_sees_each_stalling_office_with_its_reason():
    from kapstok.progress.models import Signal

    stalling = set(Signal.objects.open().values_list("office__name", flat=True))
    items = [i for i in _start_items("pos@demo.invalid") if i.title in stalling]
    assert len(items) >= 5
    assert all(": " in item.detail and len(item.detail) > 40 for item in items)
    office_d = report_office("D")
    row = next(item for item in items if item.title == office_d.name)
    assert "Geen strategische sessie" in row.detail


# --- Seeding again (last in the module) -----------------------------------------------------
# Seeding a second time inside a test's savepoint leaves the tables with the rolled-back copy's
# dead rows, and on PostgreSQL every later query of the module then reads past them (one test
# went from under a second to 80). So the tests that seed again come last.


def test_a_second_run_changes_nothing():
    before = demo_counts()
    members_of_a = report_office("A").memberships.current().count()
    call_command("seed_demo", stdout=StringIO())
    assert demo_counts() == before
    assert report_office("A").memberships.current().count() == members_of_a
    assert authenticate(username="lead-a@demo.invalid", password=demo.DEMO_PASSWORD)
