"""Social value in a browser: the lead adds a story with a photo on a phone, publishes it, and
the public page shows it without layout shift, scrolling sideways or an axe violation."""

import pytest

from kapstok.community.factories import ActivityFactory, image_bytes

pytestmark = pytest.mark.browser

BUURT = "/netwerk/kantoren/kantoor-utrecht/buurt/"
PUBLIC = "/kantoren/kantoor-utrecht/"
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_lead_adds_a_story_on_a_phone_and_the_public_sees_it(
    phone_page, live_world, sign_in, axe_violations, media_in_tmp
):
    ActivityFactory(office=live_world.office, title="Gym op De Regenboog", participants=60)
    sign_in(phone_page, live_world.users["lead"])
    phone_page.goto(BUURT + "verhalen/nieuw/")

    phone_page.locator("#id_title").fill("Sportdag in de wijk")
    phone_page.locator("#id_text").fill("Veertig kinderen probeerden padel en yoga.")
    phone_page.locator("#id_photo").set_input_files(
        {"name": "foto.jpg", "mimeType": "image/jpeg",
         "buffer": image_bytes("JPEG", (2400, 1600), gps=True)}
    )  # fmt: skip
    phone_page.locator("#id_alt_text").fill("Kinderen met rackets op een padelbaan")
    phone_page.get_by_label("De mensen op de foto gaven toestemming").check()
    phone_page.get_by_label("Gepubliceerd", exact=True).check()
    phone_page.get_by_role("button", name="Opslaan").click()
    phone_page.wait_for_url(f"**{BUURT}")

    assert phone_page.get_by_text("Het verhaal is opgeslagen.").is_visible()
    assert phone_page.evaluate(PAGE_WIDTH) <= 390
    violations = axe_violations(phone_page)
    assert not violations, f"axe on the community page:\n{violations}"

    phone_page.context.clear_cookies()
    phone_page.goto(PUBLIC)
    photo = phone_page.get_by_role("img", name="Kinderen met rackets op een padelbaan")
    photo.scroll_into_view_if_needed()
    phone_page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    assert photo.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [1600, 1067]
    assert photo.get_attribute("loading") == "lazy"
    assert phone_page.evaluate(PAGE_WIDTH) <= 390
    box = photo.bounding_box()
    assert box["width"] <= 390 and abs(box["height"] / box["width"] - 1067 / 1600) < 0.02
    violations = axe_violations(phone_page)
    assert not violations, f"axe on the public office page:\n{violations}"
