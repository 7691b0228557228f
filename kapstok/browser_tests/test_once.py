"""A double click on a create button makes one object (static/js/once.js, kapstok.core.once)."""

import re

import pytest
from playwright.sync_api import expect

from kapstok.goals.models import Goal

pytestmark = pytest.mark.browser

NEW_GOAL = "/netwerk/kantoren/kantoor-utrecht/kapstok/doelen/nieuw/"


def test_a_double_click_on_save_makes_one_goal(page, live_world, sign_in):
    sign_in(page, live_world.users["lead"])
    page.goto(NEW_GOAL)
    key = page.locator('form input[name="_once"]').first
    expect(key).to_have_value(re.compile(r"^[0-9a-f-]{36}$"))
    page.get_by_label(re.compile("^Doel")).fill("Eén keer opslaan")
    page.get_by_role("button", name="Opslaan").dblclick()
    expect(page.get_by_text("Eén keer opslaan").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert Goal.objects.filter(title="Eén keer opslaan").count() == 1


def test_the_button_says_it_is_busy_while_the_form_is_on_its_way(page, live_world, sign_in):
    sign_in(page, live_world.users["lead"])
    page.goto(NEW_GOAL)
    page.get_by_label(re.compile("^Doel")).fill("Bezig")
    # Keep the page here after once.js has done its part: a listener on window runs after it.
    page.evaluate("window.addEventListener('submit', (event) => event.preventDefault())")
    page.get_by_role("button", name="Opslaan").click()
    busy = page.locator('main button[aria-busy="true"]')
    expect(busy).to_have_text("Bezig…")
    expect(busy).to_be_disabled()
    expect(page.locator('main form[aria-busy="true"]')).to_have_count(1)
