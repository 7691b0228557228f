"""The pages "Rollen": POS keeps every role with its dates, an office's leads the roles of
their own office; ending a lead's role with a successor hands the open work over and says so."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.accounts.services import grant_role
from kapstok.goals.factories import ActivityFactory, ProjectFactory, StrategyFactory
from kapstok.network.models import OfficeEvent

ROLES = "/netwerk/rollen/"
OFFICE_ROLES = "/netwerk/kantoren/kantoor-utrecht/rollen/"
DAY = datetime.timedelta(days=1)


def _today():
    return timezone.localdate()


def _grant_data(**changes):
    data = {
        "email": "Nieuwe.Trekker@example.invalid",
        "full_name": "Nina Nieuw",
        "role": Role.LEAD,
        "starts_on": _today().isoformat(),
        "ends_on": "",
    }
    return data | changes


def _body(response) -> str:
    return response.content.decode()


# --- POS: every role -----------------------------------------------------------------------


def test_pos_sees_current_roles_by_default_and_ended_ones_on_request(world, login):
    pos = login(world.users["pos"])
    RoleGrant.objects.filter(user=world.users["other_lead"]).update(
        starts_on=_today() - 10 * DAY, ends_on=_today() - DAY
    )

    current = _body(pos.get(ROLES))
    ended = _body(pos.get(ROLES, {"status": "ended"}))

    assert "Kees Kartrekker" in current
    assert "Olga Andere-Kartrekker" not in current
    assert "Olga Andere-Kartrekker" in ended
    assert "Kees Kartrekker" not in ended


def test_pos_finds_a_role_by_name(world, login):
    response = login(world.users["pos"]).get(ROLES, {"q": "gerrit"})

    assert "Gerrit Gemeente" in _body(response)
    assert "Kees Kartrekker" not in _body(response)


def test_pos_grants_a_municipal_role_with_dates_to_a_new_person(world, login):
    starts = _today() + 7 * DAY
    response = login(world.users["pos"]).post(
        ROLES,
        _grant_data(
            role=Role.CIVIL_SERVANT,
            municipality=world.utrecht.pk,
            starts_on=starts.isoformat(),
            ends_on=(starts + 365 * DAY).isoformat(),
        ),
    )

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__email="nieuwe.trekker@example.invalid")
    assert (grant.role, grant.municipality, grant.starts_on) == (
        Role.CIVIL_SERVANT,
        world.utrecht,
        starts,
    )
    assert grant.ends_on == starts + 365 * DAY


def test_a_role_ending_before_it_starts_gets_a_dutch_error_and_saves_nothing(world, login):
    response = login(world.users["pos"]).post(
        ROLES,
        _grant_data(
            office=world.office.pk,
            starts_on=_today().isoformat(),
            ends_on=(_today() - DAY).isoformat(),
        ),
    )

    assert response.status_code == 200
    assert "De einddatum van een rol ligt vóór de begindatum." in _body(response)
    assert not User.objects.filter(email="nieuwe.trekker@example.invalid").exists()


def test_a_role_without_its_scope_gets_a_dutch_error_and_saves_nothing(world, login):
    response = login(world.users["pos"]).post(ROLES, _grant_data(role=Role.ALDERMAN))

    assert response.status_code == 200
    assert "Deze rol hoort bij een bepaald municipality." in _body(response)
    assert not RoleGrant.objects.filter(role=Role.ALDERMAN).exists()


def test_the_role_list_takes_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    pos = login(world.users["pos"])
    with django_assert_max_num_queries(30) as few:
        pos.get(ROLES, {"status": "all"})
    for _n in range(15):
        grant_role(user=UserFactory(), role=Role.LEAD, scope=world.other_office)
    with django_assert_max_num_queries(len(few.captured_queries)):
        pos.get(ROLES, {"status": "all"})


# --- a lead: their own office ----------------------------------------------------------------


def test_a_lead_gives_a_co_lead_the_role_on_their_own_office(world, login):
    lead = login(world.users["lead"])

    response = lead.post(OFFICE_ROLES, _grant_data())

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__email="nieuwe.trekker@example.invalid")
    assert (grant.role, grant.office) == (Role.LEAD, world.office)
    assert OfficeEvent.objects.filter(office=world.office, summary__contains="Nina Nieuw").exists()
    assert "Nina Nieuw" in _body(lead.get(OFFICE_ROLES))


def test_a_lead_cannot_give_a_national_role_not_even_to_themselves(world, login):
    lead = login(world.users["lead"])

    response = lead.post(
        OFFICE_ROLES, _grant_data(email="kees@example.invalid", role=Role.POS_STAFF)
    )

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in _body(response)
    assert not RoleGrant.objects.filter(role=Role.POS_STAFF, user=world.users["lead"]).exists()


def test_the_same_grant_sent_twice_makes_one_role(world, login):
    lead = login(world.users["lead"])

    lead.post(OFFICE_ROLES, _grant_data())
    lead.post(OFFICE_ROLES, _grant_data())

    assert RoleGrant.objects.filter(user__email="nieuwe.trekker@example.invalid").count() == 1


@pytest.mark.parametrize("persona", ["other_lead", "member", "civil_servant", "partner"])
def test_others_may_not_manage_the_office_roles(world, login, persona):
    client = login(world.users[persona])
    lead_grant = world.users["lead"].grants.get()

    assert client.get(OFFICE_ROLES).status_code == 403
    assert client.post(OFFICE_ROLES, _grant_data()).status_code == 403
    assert client.post(f"/netwerk/rollen/{lead_grant.pk}/beeindigen/").status_code == 403
    assert client.get(ROLES).status_code == 403
    lead_grant.refresh_from_db()
    assert lead_grant.ends_on is None
    assert not RoleGrant.objects.filter(user__email="nieuwe.trekker@example.invalid").exists()


def test_a_lead_may_not_touch_a_role_of_another_office_or_a_national_one(world, login):
    lead = login(world.users["lead"])
    olga = world.users["other_lead"].grants.get()
    petra = world.users["pos"].grants.get()

    for grant in (olga, petra):
        assert lead.get(f"/netwerk/rollen/{grant.pk}/data/").status_code == 403
        assert lead.post(f"/netwerk/rollen/{grant.pk}/beeindigen/").status_code == 403
    assert lead.get("/netwerk/rollen/999999/data/").status_code == 404
    assert lead.get("/netwerk/kantoren/kantoor-zwolle/rollen/").status_code == 403


# --- dates and ending ------------------------------------------------------------------------


def test_changing_the_dates_of_a_role(world, login):
    grant = world.users["lead"].grants.get()
    ends = _today() + 30 * DAY

    response = login(world.users["pos"]).post(
        f"/netwerk/rollen/{grant.pk}/data/",
        {"starts_on": grant.starts_on.isoformat(), "ends_on": ends.isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"] == OFFICE_ROLES
    grant.refresh_from_db()
    assert grant.ends_on == ends


def test_changing_dates_to_end_before_the_start_is_refused_in_dutch(world, login):
    grant = world.users["lead"].grants.get()

    response = login(world.users["lead"]).post(
        f"/netwerk/rollen/{grant.pk}/data/",
        {"starts_on": _today().isoformat(), "ends_on": (_today() - DAY).isoformat()},
    )

    assert response.status_code == 200
    assert "De einddatum van een rol ligt vóór de begindatum." in _body(response)
    grant.refresh_from_db()
    assert grant.ends_on is None


def test_ending_a_role_with_a_successor_hands_over_the_open_work_and_says_so(world, login):
    kees, successor = world.users["lead"], UserFactory(full_name="Sanne Opvolger")
    grant_role(user=successor, role=Role.LEAD, scope=world.office)
    strategy = StrategyFactory(goal__office=world.office)
    projects = [ProjectFactory(strategy=strategy, owner=kees) for _ in range(3)]
    ProjectFactory(strategy=strategy, owner=kees, status="done", progress=100)
    ActivityFactory.create_batch(2, project=projects[0], owner=kees, status="planned")
    grant = kees.grants.get()
    client = login(world.users["pos"])

    form = client.get(f"/netwerk/rollen/{grant.pk}/beeindigen/")
    assert "Sanne Opvolger" in _body(form)
    assert "Olga" not in _body(form)  # a lead of another office takes nothing over
    response = client.post(
        f"/netwerk/rollen/{grant.pk}/beeindigen/",
        {"ends_on": _today().isoformat(), "successor": successor.pk},
        follow=True,
    )

    assert "3 projecten en 2 acties overgedragen aan Sanne Opvolger." in _body(response)
    grant.refresh_from_db()
    assert grant.ends_on == _today()
    assert sorted(p.owner_id for p in strategy.projects.all()) == [
        kees.pk,
        *[successor.pk] * 3,
    ]
    timeline = OfficeEvent.objects.filter(office=world.office, summary__contains="overgedragen")
    assert timeline.count() == 1


def test_ending_sent_twice_moves_and_records_nothing_more(world, login):
    kees, successor = world.users["lead"], UserFactory()
    grant_role(user=successor, role=Role.LEAD, scope=world.office)
    ProjectFactory(strategy__goal__office=world.office, owner=kees)
    grant = kees.grants.get()
    client = login(world.users["lead"])
    data = {"ends_on": _today().isoformat(), "successor": successor.pk}

    client.post(f"/netwerk/rollen/{grant.pk}/beeindigen/", data)
    events = OfficeEvent.objects.count()
    second = client.post(f"/netwerk/rollen/{grant.pk}/beeindigen/", data, follow=True)

    assert "geen open werk" in _body(second)
    assert OfficeEvent.objects.count() == events


def test_an_end_before_the_start_is_refused_in_dutch(world, login):
    grant = world.users["lead"].grants.get()

    response = login(world.users["pos"]).post(
        f"/netwerk/rollen/{grant.pk}/beeindigen/",
        {"ends_on": (grant.starts_on - DAY).isoformat()},
    )

    assert response.status_code == 200
    assert "De einddatum van een rol ligt vóór de begindatum." in _body(response)
    grant.refresh_from_db()
    assert grant.ends_on is None


def test_the_lead_finds_the_roles_page_in_the_office_bar(world, login):
    response = login(world.users["lead"]).get(OFFICE_ROLES)

    assert f'href="{OFFICE_ROLES}"' in _body(response)


def test_granting_a_role_someone_has_with_other_dates_points_to_the_role(world, login):
    lead = login(world.users["lead"])
    since = world.users["lead"].grants.get().starts_on
    later = (_today() + 5 * DAY).isoformat()

    response = lead.post(OFFICE_ROLES, _grant_data(email="kees@example.invalid", starts_on=later))

    assert response.status_code == 200
    assert "Kees Kartrekker heeft deze rol al" in _body(response)
    assert world.users["lead"].grants.get().starts_on == since


def test_pos_grants_a_branch_organisation_its_staff_member(world, login):
    from kapstok.network.factories import BranchOrganisationFactory

    organisation = BranchOrganisationFactory(name="NL Actief", slug="nl-actief")
    response = login(world.users["pos"]).post(
        ROLES, _grant_data(role=Role.BRANCH_STAFF, branch_organisation=organisation.pk)
    )

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__email="nieuwe.trekker@example.invalid")
    assert (grant.role, grant.branch_organisation) == (Role.BRANCH_STAFF, organisation)


def test_the_national_form_offers_no_member_role_and_an_office_s_form_no_national_scopes(
    world, login
):
    client = login(world.users["pos"])
    national = client.get(ROLES).context["form"]
    office = client.get(OFFICE_ROLES).context["form"]

    assert Role.MEMBER not in dict(national.fields["role"].choices)
    assert "branch_organisation" in national.fields
    assert "branch_organisation" not in office.fields


def test_a_branch_role_without_its_organisation_is_refused_in_dutch(world, login):
    response = login(world.users["pos"]).post(ROLES, _grant_data(role=Role.BRANCH_STAFF))

    assert response.status_code == 200
    assert not RoleGrant.objects.filter(user__email="nieuwe.trekker@example.invalid").exists()


@pytest.mark.parametrize("url", [ROLES, OFFICE_ROLES], ids=["national", "office"])
def test_an_empty_grant_form_sent_shows_its_errors_and_saves_nothing(world, login, url):
    before = RoleGrant.objects.count()
    response = login(world.users["pos"]).post(url, {})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert RoleGrant.objects.count() == before
