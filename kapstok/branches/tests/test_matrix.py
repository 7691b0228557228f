"""The whole page matrix for a branch organisation's staff: on every page of the project they
get what an outsider gets (their grant reaches no office), except their organisation's pages,
and no page shows them any of the matrix's planted secrets (contact details, a waiting
message's subject). Every route is in `test_access_matrix.PAGES`, so a new page is covered the
day it is added."""

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.test_access_matrix import (
    PAGES,
    POST_ONLY,
    _organisation,
    outcome_of,
    secrets_leaked,
)
from kapstok.accounts.tests.test_access_matrix import matrix_world as matrix_world  # noqa: F401

OWN_PAGES = {"branches:organisation_list", "branches:organisation_detail"}


@pytest.fixture
def branch_staff(matrix_world):  # noqa: F811
    user = UserFactory(email="bram@example.invalid", full_name="Bram Branche")
    grant_role(user=user, role=Role.BRANCH_STAFF, scope=_organisation(matrix_world))
    return user


@pytest.mark.parametrize("page", PAGES)
def test_branch_staff_get_what_an_outsider_gets_but_their_own_pages(
    page,
    matrix_world,  # noqa: F811
    branch_staff,
    client,
):
    build_url, outcomes = PAGES[page]
    url = build_url(matrix_world)
    client.force_login(branch_staff)

    response = client.post(url) if page in POST_ONLY else client.get(url)

    expected = "200" if page in OWN_PAGES else outcomes["outsider"]
    assert outcome_of(response) == expected, url
    # "outsider" reads none of the secrets; neither may the organisation's staff.
    assert not secrets_leaked(response, "outsider")


def test_staff_of_another_organisation_are_refused_its_page(matrix_world, client):  # noqa: F811
    from kapstok.network.factories import BranchOrganisationFactory

    other = UserFactory(email="wendy@example.invalid")
    grant_role(user=other, role=Role.BRANCH_STAFF, scope=BranchOrganisationFactory(slug="wizz"))
    client.force_login(other)

    response = client.get(f"/netwerk/brancheorganisaties/{_organisation(matrix_world).slug}/")

    assert response.status_code == 403
