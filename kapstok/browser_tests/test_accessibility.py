"""axe-core on the main pages, as the persona who works on each: no serious or critical violation.

axe checks what a machine can (contrast, labels, landmarks, names of links and buttons, valid
ARIA); it does not replace trying a page with a keyboard and a screen reader.
"""

import pytest

pytestmark = pytest.mark.browser

OFFICE = "/netwerk/kantoren/kantoor-utrecht/"

# (test id, persona or None for the public, path or a function of the world giving the path)
PAGES = [
    ("public_home", None, "/"),
    ("public_office", None, "/kantoren/kantoor-utrecht/"),
    ("login", None, "/account/inloggen/"),
    ("password_reset", None, "/account/wachtwoord-vergeten/"),
    ("start_partner", "partner", "/start/"),
    ("start_admin", "admin", "/start/"),
    ("start_pos", "pos", "/start/"),
    ("start_lead", "lead", "/start/"),
    ("start_member", "member", "/start/"),
    ("start_civil_servant", "civil_servant", "/start/"),
    ("start_researcher", "researcher", "/start/"),
    ("office_list", "pos", "/netwerk/"),
    ("office_page_lead", "lead", OFFICE),
    ("office_page_member", "member", OFFICE),
    ("office_page_civil_servant", "civil_servant", OFFICE),
    ("office_form_new", "pos", "/netwerk/kantoren/nieuw/"),
    ("office_form_edit", "lead", OFFICE + "bewerken/"),
    ("membership_form", "lead", OFFICE + "leden/nieuw/"),
    ("entrepreneur_list", "lead", "/netwerk/ondernemers/"),
    ("entrepreneur_page", "lead", lambda world: world.member_entrepreneur.get_absolute_url()),
    (
        "entrepreneur_form",
        "lead",
        lambda world: world.member_entrepreneur.get_absolute_url() + "bewerken/",
    ),
    ("municipality_list", "civil_servant", "/netwerk/gemeenten/"),
    ("municipality_page", "civil_servant", "/netwerk/gemeenten/GM0344/"),
    ("research", "researcher", "/onderzoek/"),
]


@pytest.mark.parametrize(
    ("persona", "path"), [page[1:] for page in PAGES], ids=[page[0] for page in PAGES]
)
def test_page_has_no_serious_accessibility_violations(
    page, live_world, sign_in, axe_violations, persona, path
):
    if persona:
        sign_in(page, live_world.users[persona])
    url = path(live_world) if callable(path) else path

    response = page.goto(url)

    assert response.status == 200, f"{url} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, f"axe found serious or critical violations on {url}:\n{violations}"


def test_form_with_errors_has_no_serious_accessibility_violations(
    page, live_world, sign_in, axe_violations
):
    sign_in(page, live_world.users["lead"])
    page.goto(OFFICE + "leden/nieuw/")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_role("button", name="Lid toevoegen").click()
    page.wait_for_selector(".field-error")

    violations = axe_violations(page)
    assert not violations, f"axe found serious or critical violations:\n{violations}"


def test_office_page_on_phone_has_no_serious_accessibility_violations(
    phone_page, live_world, sign_in, axe_violations
):
    sign_in(phone_page, live_world.users["lead"])
    phone_page.goto(OFFICE)

    violations = axe_violations(phone_page)
    assert not violations, f"axe found serious or critical violations:\n{violations}"


def test_axe_reports_a_known_violation(page, live_server, axe_violations):
    """Guards the guard: if axe stopped running, every page above would pass."""
    page.goto("/account/inloggen/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('button'))")

    assert "button-name" in axe_violations(page)


# "#id_kvk_number -> id_kvk_number_helptext" for each reference to an element that is not there.
FIND_BROKEN_REFERENCES = """() => {
    const broken = [];
    for (const element of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
        for (const name of ["aria-describedby", "aria-labelledby"]) {
            for (const id of (element.getAttribute(name) || "").split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) broken.push(`#${element.id} -> ${id}`);
            }
        }
    }
    return broken;
}"""


def test_form_fields_are_described_by_elements_on_the_page(page, live_world, sign_in):
    sign_in(page, live_world.users["lead"])
    page.goto(OFFICE + "leden/nieuw/")
    page.get_by_role("button", name="Lid toevoegen").click()
    page.wait_for_selector(".field-error")

    assert page.evaluate(FIND_BROKEN_REFERENCES) == []
