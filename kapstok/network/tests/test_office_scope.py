"""Which municipalities an office works in, and its status, are POS's to set.

Replays the insiders issue's third finding: a lead posted the office form with another
municipality added, after which that municipality's civil servant opened the office's pages,
read what its members had shared with *their* municipality and could write to all of them.
"""

import pytest

from kapstok.accounts import access
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.models import OfficeStatus

pytestmark = pytest.mark.django_db

EDIT_URL = "/netwerk/kantoren/kantoor-utrecht/bewerken/"


def office_form(world, **overrides):
    office = world.office
    data = {
        "name": office.name,
        "municipalities": [world.utrecht.pk],
        "founded_on": office.founded_on.isoformat(),
        "initiative": office.initiative,
        "legal_form": office.legal_form,
        "status": office.status,
        "contact_name": office.contact_name,
        "contact_email": office.contact_email,
        "contact_phone": office.contact_phone,
        "description": "Bijgewerkt",
    }
    data.update(overrides)
    return data


def test_lead_cannot_move_the_office_into_another_municipality(world, client):
    client.force_login(world.users["lead"])
    form = office_form(
        world, municipalities=[world.utrecht.pk, world.zwolle.pk], status=OfficeStatus.DORMANT
    )

    response = client.post(EDIT_URL, form)

    assert response.status_code == 302
    world.office.refresh_from_db()
    assert list(world.office.municipalities.all()) == [world.utrecht]
    assert world.office.status == OfficeStatus.ACTIVE
    assert world.office.description == "Bijgewerkt"  # the rest of the form still saves


def test_the_other_municipality_still_cannot_see_the_office(world, client):
    zwolle_servant = UserFactory(email="zwolle@example.invalid")
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)
    client.force_login(world.users["lead"])
    client.post(EDIT_URL, office_form(world, municipalities=[world.zwolle.pk]))

    assert world.office.pk not in access.viewer_for(zwolle_servant).office_ids
    client.force_login(zwolle_servant)
    assert client.get("/netwerk/kantoren/kantoor-utrecht/").status_code == 403


def test_lead_sees_the_scope_fields_read_only_with_the_reason(world, client):
    client.force_login(world.users["lead"])

    page = client.get(EDIT_URL).content.decode()

    assert "Alleen POS past dit aan" in page


def test_pos_can_change_municipalities_and_status(world, client):
    client.force_login(world.users["pos"])
    form = office_form(
        world, municipalities=[world.utrecht.pk, world.zwolle.pk], status=OfficeStatus.DORMANT
    )

    assert client.post(EDIT_URL, form).status_code == 302

    world.office.refresh_from_db()
    assert set(world.office.municipalities.all()) == {world.utrecht, world.zwolle}
    assert world.office.status == OfficeStatus.DORMANT
