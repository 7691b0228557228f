"""An office without members is not told that it is "in beweging" (issue 17)."""

import pytest

from kapstok.network.factories import OfficeFactory

pytestmark = pytest.mark.django_db

MOVING = "dit kantoor is in beweging"


def test_an_office_without_members_is_told_to_find_its_first_members(world, login):
    empty = OfficeFactory(name="Kantoor Leeg", slug="kantoor-leeg", municipalities=[world.utrecht])

    page = login(world.users["pos"]).get(f"/netwerk/kantoren/{empty.slug}/dashboard/")

    html = page.content.decode()
    assert page.context["figures"]["members"] == 0
    assert MOVING not in html
    assert "dit kantoor heeft nog geen leden" in html


def test_an_office_with_members_and_no_signals_is_still_moving(world, login):
    page = login(world.users["pos"]).get("/netwerk/kantoren/kantoor-utrecht/dashboard/")

    assert MOVING in page.content.decode()
