"""A researcher codes a fragment of an answer by selecting it, then downloads the export."""

import csv
import io
import zipfile

import pytest
from playwright.sync_api import expect

from kapstok.coding.factories import build_study
from kapstok.coding.models import Coding

pytestmark = pytest.mark.browser

SELECT_FRAGMENT = """(text) => {
    const container = [...document.querySelectorAll("[data-answer-text]")].find(
        (element) => element.textContent.includes(text)
    );
    const node = container.firstChild;
    const start = node.textContent.indexOf(text);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + text.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def test_researcher_codes_a_fragment_and_downloads_the_export(
    page, live_world, sign_in, axe_violations
):
    study = build_study(live_world)
    researcher = live_world.users["researcher"]
    sign_in(page, researcher)
    page.goto(f"/onderzoek/codering/{study.project.pk}/meetrondes/{study.waves[0].pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Monitor 2025")
    assert not axe_violations(page)

    # Responses are listed by pseudonym: find Kees's answer by its words.
    answer = page.locator(".coding-answer").filter(has_text="meer leden werven").first
    page.evaluate(SELECT_FRAGMENT, "meer leden werven")
    page.keyboard.press("Shift")  # a keyup: the script reads the selection
    expect(answer.get_by_label("Van teken")).to_have_value("11")
    expect(answer.get_by_label("Tot teken")).to_have_value("28")
    answer.get_by_label("Code", exact=True).select_option(label="Samenstelling › Werving van leden")
    answer.get_by_role("button", name="Coderen").click()
    expect(page.locator(".coding-answer mark").first).to_have_text("meer leden werven")
    coding = Coding.objects.get()
    assert (coding.fragment, coding.start, coding.end, coding.coder) == (
        "meer leden werven",
        11,
        28,
        researcher,
    )

    page.goto(f"/onderzoek/codering/{study.project.pk}/")
    assert not axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de export (ZIP)").click()
    archive = zipfile.ZipFile(download_info.value.path())
    content = archive.read("coderingen.csv").decode("utf-8-sig")
    [header, *rows] = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["codepad"] == "Samenstelling › Werving van leden"
    assert row["kantoor"].startswith("K-")
    assert "Kantoor Utrecht" not in "".join(
        archive.read(n).decode("utf-8", "ignore") for n in archive.namelist() if n.endswith(".csv")
    )


def test_coding_works_without_a_script_on_a_phone(phone_page, live_world, sign_in):
    page = phone_page
    study = build_study(live_world)
    sign_in(page, live_world.users["pos"])
    page.goto(f"/onderzoek/codering/{study.project.pk}/meetrondes/{study.waves[0].pk}/")
    answer = page.locator(".coding-answer").first
    answer.get_by_label("Code", exact=True).select_option(label="Rol van de gemeente")
    answer.get_by_label("Het hele antwoord").check()
    answer.get_by_role("button", name="Coderen").click()
    expect(page.locator(".coding-answer mark").first).to_be_visible()
    assert Coding.objects.get().start == 0


def test_codebook_agreement_and_frequency_pages_are_accessible(
    page, live_world, sign_in, axe_violations
):
    from kapstok.coding import services

    study = build_study(live_world)
    for persona, code in (("researcher", "leden"), ("pos", "gemeente")):
        for key in ((2025, "lead"), (2026, "lead")):
            services.coding_add(
                project=study.project,
                answer=study.responses[key].answers[0],
                code=study.codes[code] if key[0] == 2025 else study.codes["leden"],
                coder=live_world.users[persona],
            )
    sign_in(page, live_world.users["researcher"])
    base = f"/onderzoek/codering/{study.project.pk}/"
    page.goto(f"{base}overeenstemming/")
    expect(page.locator(".kappa-overall")).to_contain_text("κ = ")
    assert not axe_violations(page)
    for tail in ("codeboek/", "frequenties/?per=phase", "vrijgeven/", ""):
        page.goto(f"{base}{tail}")
        assert not axe_violations(page), tail
    page.goto("/onderzoek/codering/")
    assert not axe_violations(page)
