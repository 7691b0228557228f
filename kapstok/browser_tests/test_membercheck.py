"""The member check on a phone: a member logs in, finds the check on the start page, answers
the four questions on a 375 px screen, and the lead then reads the result without names.

Four other members answered already, so the member's answer is the fifth: from five the lead
sees averages and the wishes once the round has closed (fewer answers, or a round still
running, show only the count). axe-core checks the pages.
"""

import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core.generation import generation_bump
from kapstok.membercheck import services
from kapstok.monitor.models import Answer, Wave
from kapstok.monitor.services import wave_close
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 375, "height": 740}


@pytest.fixture
def open_check(live_world):
    world = live_world
    wave = services.round_open(today=timezone.localdate())
    for number in range(4):
        entrepreneur = EntrepreneurFactory(business_name=f"Sportschool {number}")
        MembershipFactory(office=world.office, entrepreneur=entrepreneur)
        user = UserFactory(email=f"lid{number}@example.invalid", full_name=f"Anne Lid {number}")
        grant_role(user=user, role=Role.MEMBER, scope=entrepreneur)
        services.answer_save(
            wave=wave,
            office=world.office,
            user=user,
            data={"q10": "3", "q20": "4", "q30": "1 tot 4 uur per maand", "q40": ""},
        )
    return world


def no_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_a_member_answers_on_a_phone_and_the_lead_sees_the_result(
    phone_page, open_check, log_in, axe_violations
):
    page = phone_page
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, open_check.users["member"])
    page.goto("/start/")
    todo = page.get_by_role("region", name="Te doen")
    todo.get_by_role("link", name="Vul de ledencheck van Kantoor Utrecht in").click()

    expect(page.get_by_role("heading", name="Ledencheck van Kantoor Utrecht")).to_be_visible()
    assert not axe_violations(page)
    assert no_overflow(page) <= 0, "the member check is wider than a 375 px phone"

    # Sent without the third answer: a Dutch message at the question, nothing stored.
    page.get_by_role("group", name="Wat levert het POS-kantoor u op?").get_by_label(
        "5 – heel veel"
    ).check()
    page.get_by_role("group", name="Hoe belangrijk zijn de onderwerpen").get_by_label("4").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Beantwoord deze vraag.")).to_be_visible()
    assert Answer.objects.count() == 4 * 4 - 4  # the others' answers, no open ones

    page.get_by_role("group", name="Hoeveel tijd heeft u voor het kantoor?").get_by_label(
        "minder dan 1 uur per maand"
    ).check()
    page.get_by_label("Wat zou het kantoor voor u waardevoller maken?").fill(
        "Een gezamenlijke sportdag in september"
    )
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank u! Uw antwoord is opgeslagen")).to_be_visible()
    expect(page.get_by_role("button", name="Antwoord wijzigen")).to_be_visible()

    page.goto("/start/")
    expect(page.get_by_role("link", name="Vul de ledencheck van Kantoor Utrecht in")).to_have_count(
        0
    )

    page.context.clear_cookies()
    log_in(page, open_check.users["lead"])
    page.goto(open_check.office.get_absolute_url())
    voice = page.get_by_role("region", name="Wat levert het op? Volgens de leden")
    # While the round runs the lead sees how many answered, not what they answered.
    expect(voice.get_by_role("cell", name=re.compile(r"^5 van \d+$"))).to_be_visible()
    expect(voice.get_by_role("cell", name="3,4")).to_have_count(0)

    wave_close(wave=Wave.objects.get())
    generation_bump()  # as the scheduler does after its jobs (the round closes in one)
    page.reload()
    expect(voice.get_by_role("cell", name="3,4")).to_be_visible()  # (4 × 3 + 5) / 5
    voice.get_by_role("link", name="Alle uitkomsten van de ledencheck").click()
    expect(page.get_by_text("Een gezamenlijke sportdag in september")).to_be_visible()
    expect(page.get_by_text("Marieke")).to_have_count(0)
    assert not axe_violations(page)
    assert no_overflow(page) <= 0, "the results page is wider than a 375 px phone"
