"""Municipality contributions: recorded by POS, the lead or the municipality; seen by them."""

import pytest

from kapstok.municipality.models import Contribution
from kapstok.network.factories import MunicipalityFactory
from kapstok.network.models import OfficeEvent

URL = "/netwerk/ondersteuning/kantoor/kantoor-utrecht/bijdragen/"


def _data(world, **extra):
    data = {
        "municipality": world.utrecht.pk,
        "kind": "money",
        "given_on": "2026-03-01",
        "amount": "600",
        "purpose": "Eenmalig uit het sportakkoord",
    }
    data.update(extra)
    return data


def test_civil_servant_records_a_contribution(world, login):
    response = login(world.users["civil_servant"]).post(URL, _data(world))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.amount, contribution.recorded_by) == (600, world.users["civil_servant"])
    assert OfficeEvent.objects.filter(
        office=world.office, summary__contains="sportakkoord"
    ).exists()


def test_money_without_amount_is_refused(world, login):
    response = login(world.users["lead"]).post(URL, _data(world, amount=""))
    assert "Vul het bedrag in." in response.content.decode()
    assert not Contribution.objects.exists()


def test_member_sees_but_cannot_record(world, login):
    client = login(world.users["member"])
    assert client.get(URL).status_code == 200
    assert client.post(URL, _data(world)).status_code == 403


@pytest.mark.django_db
def test_municipality_sees_only_its_own_contributions(world, login):
    other = MunicipalityFactory(code="GM0307", name="Amersfoort")
    world.office.municipalities.add(other)
    Contribution.objects.create(
        office=world.office,
        municipality=other,
        kind="facilities",
        given_on="2026-01-01",
        purpose="Zaal in het gemeentehuis",
    )
    Contribution.objects.create(
        office=world.office,
        municipality=world.utrecht,
        kind="commission",
        given_on="2026-01-02",
        purpose="Sportdag organiseren",
    )
    page = login(world.users["civil_servant"]).get(URL).content.decode()
    assert "Sportdag organiseren" in page
    assert "Zaal in het gemeentehuis" not in page
    assert "Zaal in het gemeentehuis" in login(world.users["lead"]).get(URL).content.decode()
