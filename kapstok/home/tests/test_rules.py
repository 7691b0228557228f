"""Specification of the menus and `{% may %}` per persona: every link is a page the viewer's
rules open, and no other."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.home.navigation import main_navigation, office_navigation
from kapstok.support.models import Category, SupportRequest

OFFICE = "/netwerk/kantoren/kantoor-utrecht/"


EVERYONE = ["Gemeenten"]
OFFICE_MENU = ["Kantoren", "Gemeenten", "Sportverenigingen"]
NATIONAL = [
    "Kantoren",
    "Ondernemers",
    "Gemeenten",
    "Gemeenteportaal",
    "Brancheorganisaties",
    "Sportverenigingen",
    "Invloed",
    "Landelijke standpunten",
    "Onderzoek",
    "Rollen",
    "In oprichting",
]


@pytest.mark.parametrize(
    ("persona", "menu"),
    [
        ("pos", NATIONAL),
        ("admin", NATIONAL),
        ("lead", ["Kantoren", "Ondernemers", "Gemeenten", "Sportverenigingen"]),
        ("other_lead", ["Kantoren", "Ondernemers", "Gemeenten", "Sportverenigingen"]),
        ("member", [*OFFICE_MENU, "Berichten"]),
        ("other_member", [*OFFICE_MENU, "Berichten"]),
        ("civil_servant", ["Kantoren", "Gemeenten", "Gemeenteportaal", "Sportverenigingen"]),
        ("partner", OFFICE_MENU),
        ("researcher", [*EVERYONE, "Onderzoek"]),
        ("outsider", EVERYONE),
    ],
)
def test_main_navigation(world, persona, menu):
    links = main_navigation(viewer(world, persona))

    assert [str(link.label) for link in links] == menu
    assert not any(link.current for link in links)


BAR = [
    "Kantoor en leden",
    "Dashboard",
    "Kapstok",
    "Strategische sessies",
    "Tijdlijn",
    "Afspiegeling",
    "Invloed",
    "Voor de buurt",
    "Rollenafspraak",
    "Structuur en geld",
    "Berichten",
    "Oproepen",
    "Uitwisselbord",
    "Collega-kantoren",
    "Ondersteuning",
    "Ledencheck",
    "Rollen",
]
# What of Kantoor Utrecht's bar each persona with an internal view of it does not get; the
# others (another office's people, researchers, outsiders) get no bar at all.
NOT_IN_BAR = {
    "lead": set(),
    "pos": {"Uitwisselbord"},
    "admin": {"Uitwisselbord"},
    "member": {"Afspiegeling", "Berichten", "Ledencheck", "Rollen"},
    "civil_servant": {
        "Strategische sessies",
        "Structuur en geld",
        "Uitwisselbord",
        "Ondersteuning",
        "Ledencheck",
        "Rollen",
    },
    "partner": {
        "Afspiegeling",
        "Structuur en geld",
        "Berichten",
        "Oproepen",
        "Uitwisselbord",
        "Ondersteuning",
        "Ledencheck",
        "Rollen",
    },
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_office_navigation(world, persona):
    left_out = NOT_IN_BAR.get(persona)
    bar = [] if left_out is None else [label for label in BAR if label not in left_out]

    links = office_navigation(viewer(world, persona), world.office, OFFICE)

    assert [str(link.label) for link in links] == bar


def test_office_navigation_marks_the_longest_matching_link_current(world):
    links = office_navigation(viewer(world, "lead"), world.office, OFFICE + "kapstok/tijdlijn/")

    assert [str(link.label) for link in links if link.current] == ["Tijdlijn"]


def test_the_office_page_is_current_only_at_its_own_address(world):
    lead = viewer(world, "lead")

    on_office = office_navigation(lead, world.office, OFFICE)
    elsewhere = office_navigation(lead, world.office, OFFICE + "niet-in-de-balk/")

    assert [str(link.label) for link in on_office if link.current] == ["Kantoor en leden"]
    assert not any(link.current for link in elsewhere)


# --- {% may "app.rule" … %} ---------------------------------------------------------------


def render(template, **context):
    return Template("{% load access_tags %}" + template).render(Context(context))


@pytest.fixture
def support_request(world):
    category, _created = Category.objects.get_or_create(name="rechtsvorm")
    return SupportRequest.objects.create(
        office=world.office, category=category, description="?", created_by=world.users["lead"]
    )


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("lead", "yes"), ("member", "yes"), ("pos", ""), ("partner", ""), ("other_lead", "")],
)
def test_may_reaches_an_apps_rule_with_its_object(world, support_request, persona, allowed):
    html = render(
        '{% may "support.rate_request" request as ok %}{% if ok %}yes{% endif %}',
        viewer=viewer(world, persona),
        request=support_request,
    )

    assert html == allowed


@pytest.mark.parametrize(
    ("rule", "args", "persona", "allowed"),
    [
        ('"network.list_entrepreneurs"', "", "lead", "yes"),
        ('"network.list_entrepreneurs"', "", "member", ""),
        ('"municipality.open_portal_list"', "", "civil_servant", "yes"),
        ('"municipality.open_portal_list"', "", "partner", ""),
        ('"view_coverage"', " office", "civil_servant", "yes"),  # access itself
        ('"view_coverage"', " office", "member", ""),
        ('"influence.speak_for_office"', " office", "lead", "yes"),
        ('"influence.speak_for_office"', " office", "other_lead", ""),
    ],
)
def test_may_names_a_rule_of_access_or_of_an_app(world, rule, args, persona, allowed):
    html = render(
        "{% may " + rule + args + " as ok %}{% if ok %}yes{% endif %}",
        viewer=viewer(world, persona),
        office=world.office,
    )

    assert html == allowed


@pytest.mark.parametrize(
    "name", ["support.sees_whole_desk", "nowhere.view_office", "messaging.messages_visible_to"]
)
def test_may_knows_only_can_rules(world, name):
    """Only `can_*` functions are rules for a template: not other helpers of a rules module."""
    with pytest.raises(TemplateSyntaxError):
        render('{% may "' + name + '" as ok %}', viewer=viewer(world, "pos"))


def test_may_without_a_viewer_asks_about_the_requests_user(world):
    signed_in = RequestFactory().get("/")
    signed_in.user = world.users["lead"]
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    template = '{% may "network.list_entrepreneurs" as ok %}{% if ok %}yes{% endif %}'

    assert render(template, request=signed_in) == "yes"
    assert render(template, request=anonymous) == ""
