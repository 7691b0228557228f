"""A lead answers the monitor on a phone: half today, the rest later via the same link.

No login: the personal link is the key. The lead fills in the first two sections, saves and
leaves; back through the link, "Verder gaan" opens the first unfinished section; a number
that is not a number gets a Dutch message and keeps the other input; a follow-up question
appears only after "ja"; then the lead submits. axe-core checks the pages on the way.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.monitor import services
from kapstok.monitor.models import Answer, Audience, Response, Wave

pytestmark = pytest.mark.browser


@pytest.fixture
def invitation(live_world):
    # Transactional tests flush the migration's templates: seed them again.
    templates = {t.template_key: t for t in services.templates_ensure()}
    today = timezone.localdate()
    wave = services.wave_start(
        wave=Wave(name="Monitor 2026", year=today.year, opens_on=today,
                  closes_on=today + datetime.timedelta(days=30)),
        office_ids=[live_world.office.pk],
        questionnaires={Audience.LEAD: templates["lead"]},
        actor=live_world.users["pos"],
    )  # fmt: skip
    return wave.invitations.get(audience=Audience.LEAD)


def answer(page, number: int, text: str):
    page.get_by_label(re.compile(rf"^{number}\. ")).fill(text)


def test_a_lead_answers_half_resumes_and_submits(
    browser, live_server, phone_page, invitation, axe_violations
):
    link = f"/vragenlijst/{invitation.token}/"
    page = phone_page
    page.goto(link)
    page.get_by_role("link", name="Beginnen").click()
    expect(page.get_by_role("heading", name="Ontstaan POS-kantoor")).to_be_visible()
    assert not axe_violations(page)
    for number in (1, 2, 3, 4):
        answer(page, number, f"Antwoord op vraag {number}: met vijf ondernemers begonnen.")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", name="Ambities")).to_be_visible()
    for number in (5, 6, 7, 8, 9):
        answer(page, number, f"Antwoord op vraag {number}.")
    page.get_by_role("button", name="Opslaan en later verder gaan").click()
    expect(page.get_by_text("Uw antwoorden zijn opgeslagen.")).to_be_visible()
    page.goto("about:blank")

    # Later, in a fresh browser: the same link, and on where the lead left off.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  viewport={"width": 390, "height": 844})  # fmt: skip
    page = context.new_page()
    page.goto(link)
    expect(page.get_by_label(re.compile("9 van 2[0-9] vragen beantwoord"))).to_be_visible()
    page.get_by_role("link", name="Verder gaan").click()
    expect(page.get_by_role("heading", name="Voortgang")).to_be_visible()

    answer(page, 10, "Een kerngroep van vier ondernemers.")
    answer(page, 11, "veel")
    page.get_by_role("group", name=re.compile("afspiegeling")).get_by_label("4").check()
    follow_up = page.get_by_label(re.compile(r"^19\. Hoe ziet die behoefte eruit"))
    expect(follow_up).to_be_hidden()
    page.get_by_role("group", name=re.compile("behoefte aan ondersteuning")).get_by_label(
        "ja"
    ).check()
    expect(follow_up).to_be_visible()
    follow_up.fill("Hulp bij een strategische sessie.")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("alert")).to_contain_text("Vul een getal in")
    expect(page.get_by_label(re.compile(r"^10\. "))).to_have_value(
        "Een kerngroep van vier ondernemers."
    )
    assert not axe_violations(page)
    answer(page, 11, "24")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", name="Vervolg")).to_be_visible()
    answer(page, 23, "Doorpakken met concrete projecten.")
    page.get_by_role("button", name="Opslaan en naar indienen").click()
    expect(page.get_by_role("heading", name="Indienen")).to_be_visible()
    assert not axe_violations(page)
    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw antwoorden")).to_be_visible()
    context.close()

    response = Response.objects.get(invitation=invitation)
    assert response.submitted_at is not None
    number = Answer.objects.get(response=response, question__kind="number")
    assert number.number == 24
    # 1–9, 10, 11, the scale (13), "ja" (18) and its follow-up (19), and 23.
    assert Answer.objects.filter(response=response).count() == 15
