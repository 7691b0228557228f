"""Regions page: the proposal on the map, adjusting and saving, and refusing a lone office."""

from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.peers.models import Region, RegionOffice

REGIONS = "/netwerk/regios/"


def _offices_near(world):
    """Four more offices near Utrecht: with Kantoor Utrecht and Zwolle, six in all."""
    offices = []
    for n in range(4):
        municipality = MunicipalityFactory(label_lat=52.09 + 0.02 * n, label_lon=5.12 + 0.02 * n)
        offices.append(OfficeFactory(municipalities=[municipality]))
    return offices


def test_pos_sees_a_proposal_on_the_map(world, login):
    _offices_near(world)
    response = login(world.users["pos"]).get(REGIONS)
    assert response.status_code == 200
    assert response.context["showing_proposal"]
    assert set(dict(response.context["offices"]).values()) == {"Regio 1"}
    assert 'class="m region-0"' in response.content.decode()


def test_pos_saves_adjusted_regions(world, login):
    near = _offices_near(world)
    data = {f"office_{office.pk}": "Midden" for office in [world.office, *near[:2]]}
    data |= {f"office_{office.pk}": "Oost" for office in [world.other_office, *near[2:]]}
    response = login(world.users["pos"]).post(REGIONS, data)
    assert response.status_code == 302
    assert sorted(Region.objects.values_list("name", flat=True)) == ["Midden", "Oost"]
    assert RegionOffice.objects.get(office=world.other_office).region.name == "Oost"
    assert not login(world.users["pos"]).get(REGIONS).context["showing_proposal"]


def test_a_region_with_one_office_is_refused_in_dutch(world, login):
    near = _offices_near(world)
    data = {f"office_{office.pk}": "Midden" for office in [world.office, *near]}
    data[f"office_{world.other_office.pk}"] = "Zwolle alleen"
    response = login(world.users["pos"]).post(REGIONS, data)
    assert response.status_code == 400
    assert "heeft maar één kantoor" in response.content.decode()
    assert not Region.objects.exists()


def test_a_region_name_longer_than_the_column_is_refused_in_dutch(world, login):
    """PostgreSQL refuses a name over 100 characters with a server error; say so first."""
    data = {f"office_{office.pk}": "M" * 101 for office in [world.office, world.other_office]}
    response = login(world.users["pos"]).post(REGIONS, data)
    assert response.status_code == 400
    assert "hoogstens 100 tekens" in response.content.decode()
    assert not Region.objects.exists()
