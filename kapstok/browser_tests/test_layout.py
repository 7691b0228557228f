"""Two layouts issue 17 found broken: the support queue scrolled sideways on a phone (772 px in a
390 px screen), and the member table hid its last column on a 1366 px laptop."""

import pytest

from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.support.models import Category, SupportRequest

from .conftest import PHONE

pytestmark = pytest.mark.browser

PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def test_the_support_queue_fits_a_phone(phone_page, live_world, sign_in):
    category = Category.objects.get_or_create(name="rechtsvorm")[0]
    for office in (live_world.office, live_world.other_office):
        SupportRequest.objects.create(
            office=office,
            category=category,
            description="Worden we een vereniging of een stichting, en wat merken de leden?",
        )
    sign_in(phone_page, live_world.users["pos"])

    phone_page.goto("/netwerk/ondersteuning/")

    assert phone_page.evaluate(PAGE_WIDTH) <= PHONE["viewport"]["width"] + 1


def test_the_member_table_shows_its_last_column_on_a_laptop(laptop_page, live_world, sign_in):
    for n in range(3):
        entrepreneur = EntrepreneurFactory(
            business_name=f"Sportschool met een heel lange naam nummer {n}",
            municipality=live_world.utrecht,
            email=f"ledenadministratie.en.facturatie.{n}@sportschool-met-een-lange-naam.example",
            website=f"https://www.sportschool-met-een-heel-lange-naam-nummer-{n}.example/over-ons",
        )
        MembershipFactory(office=live_world.office, entrepreneur=entrepreneur)
    sign_in(laptop_page, live_world.users["lead"])

    laptop_page.goto("/netwerk/kantoren/kantoor-utrecht/")

    box = laptop_page.locator(".table-wrap:has(.members-table)")
    overflow = box.evaluate("(box) => box.scrollWidth - box.clientWidth")
    assert overflow <= 0, f"the member table is {overflow}px wider than its box"
    end_link = laptop_page.get_by_role("link", name="Beëindigen").first
    assert end_link.is_visible()
    link_right = end_link.evaluate("(link) => link.getBoundingClientRect().right")
    assert link_right <= box.evaluate("(box) => box.getBoundingClientRect().right")
