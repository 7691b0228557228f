"""The role `branch_staff` (medewerker brancheorganisatie): granted on one branch organisation,
read into the viewer, and giving a start page section, a menu entry and their page; nothing of
any office's internal pages."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.accounts.access import has_role, viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.services import grant_role
from kapstok.branches import rules
from kapstok.home.navigation import main_navigation


def test_the_grant_needs_a_branch_organisation(branch_world):
    user = UserFactory()

    with pytest.raises(ValidationError) as error:
        grant_role(user=user, role=Role.BRANCH_STAFF, scope=None)

    assert "branch_organisation" in error.value.message_dict


def test_the_grant_takes_no_office(branch_world):
    grant = RoleGrant(
        user=UserFactory(),
        role=Role.BRANCH_STAFF,
        branch_organisation=branch_world.nl_actief,
        office=branch_world.office,
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert "office" in error.value.message_dict


def test_other_roles_take_no_branch_organisation(branch_world):
    grant = RoleGrant(
        user=UserFactory(),
        role=Role.LEAD,
        office=branch_world.office,
        branch_organisation=branch_world.nl_actief,
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert "branch_organisation" in error.value.message_dict


def test_the_grant_names_its_organisation(branch_world):
    grant = RoleGrant.objects.get(user=branch_world.users["branch_staff"])

    assert grant.scope_object() == branch_world.nl_actief
    assert str(grant) == "branch_staff – medewerker brancheorganisatie (NL Actief)"


def test_the_viewer_holds_the_role_and_reaches_no_office(branch_world):
    viewer = viewer_for(branch_world.users["branch_staff"])

    assert has_role(viewer, Role.BRANCH_STAFF)
    assert viewer.roles == [Role.BRANCH_STAFF]
    assert viewer.office_ids == frozenset()
    assert rules.can_view_branch_organisation(viewer, branch_world.nl_actief)
    assert not rules.can_view_branch_organisation(viewer, branch_world.wizz)
    assert not rules.sees_exact_counts(viewer)


@pytest.mark.parametrize(
    ("persona", "menu"),
    [
        ("branch_staff", ["Gemeenten", "Brancheorganisaties"]),
        ("lead", ["Kantoren", "Ondernemers", "Gemeenten", "Sportverenigingen"]),
    ],
)
def test_the_main_menu_links_the_list_for_the_organisations_staff(branch_world, persona, menu):
    links = main_navigation(viewer_for(branch_world.users[persona]))

    assert [str(link.label) for link in links] == menu


def test_the_start_page_has_a_section_and_links_the_organisations_page(branch_world, client):
    client.force_login(branch_world.users["branch_staff"])

    html = client.get("/start/").content.decode()

    assert "Als brancheorganisatie" in html
    assert "1 kantoor heeft geen lid in de takken van NL Actief" in html
    assert "Brancheorganisatie NL Actief" in html
    assert 'href="/netwerk/brancheorganisaties/nl-actief/"' in html


def test_an_organisation_present_everywhere_has_nothing_to_do(branch_world, client):
    branch_world.nl_actief.branches.add(
        *branch_world.deventer.memberships.get().entrepreneur.branches.all()
    )
    client.force_login(branch_world.users["branch_staff"])

    html = client.get("/start/").content.decode()

    assert "Niets te doen: elk kantoor heeft leden in de takken van uw organisatie." in html


def test_the_start_page_of_others_asks_nothing_more(branch_world, client):
    client.force_login(branch_world.users["lead"])
    client.get("/start/")

    html = client.get("/start/").content.decode()

    assert "Als brancheorganisatie" not in html
    assert "Brancheorganisatie NL Actief" not in html
