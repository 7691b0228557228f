"""Demo data for the branch organisations' role (issue #18).

`branche@demo.invalid` works for NL Actief, the fitness branch organisation the report names:
its page shows its members across the demo offices, their coverage per office and the offices
that lack its branches, with small counts banded and, by name, only the members listed
publicly. NL Actief is also a partner of office A, added as an office adds any partner.
"""

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.network.models import BranchOrganisation, Office
from kapstok.network.services import branch_organisation_partner_add

EMAIL = "branche@demo.invalid"
FULL_NAME = "Bram Brands"
ORGANISATION = "NL Actief"


def branch_seed(*, offices: dict[str, Office], password_hash: str):
    """The branch organisation's login and its partnership with office A; returns the
    login for the list `seed_demo` prints."""
    from kapstok.home.demo import Login

    organisation = BranchOrganisation.objects.get(name=ORGANISATION)
    user = user_ensure(email=EMAIL, full_name=FULL_NAME)
    if not user.has_usable_password():
        user.password = password_hash
        user.save(update_fields=["password"])
    grant_role(user=user, role=Role.BRANCH_STAFF, scope=organisation)
    branch_organisation_partner_add(office=offices["A"], organisation=organisation)
    return Login(EMAIL, Role(Role.BRANCH_STAFF).label, FULL_NAME)
