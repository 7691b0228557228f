"""The library's list: what each entry shows, the filter form, and a fixed number of queries.

The list is an everyday page over 10,000 practices (issue #19), so its entries are loaded as
cards (`selectors.practice_cards`): only the fields an entry shows, the office's and themes'
names as plain text, in two queries whatever the number of practices and themes.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.network.factories import SportBranchFactory
from kapstok.peers import selectors
from kapstok.peers.forms import PracticeFilterForm
from kapstok.peers.models import Practice, Visibility
from kapstok.peers.search import search
from kapstok.peers.views import PRACTICES_SHOWN
from kapstok.strategy.models import CatalogueTheme

from .test_practices import LIST, make_practice


def _theme(slug, name, position, *, is_active=True) -> CatalogueTheme:
    theme, _new = CatalogueTheme.objects.update_or_create(
        slug=slug, defaults={"name": name, "position": position, "is_active": is_active}
    )
    return theme


@pytest.mark.django_db
def test_an_entry_shows_its_office_and_its_themes_in_the_catalogues_order(world, login):
    practice = make_practice(world.office, "Lokale sportdag", "Een sportdag op het plein.")
    practice.themes.add(_theme("z-leden", "Leden werven", 2), _theme("a-zicht", "Zichtbaarheid", 1))
    make_practice(world.other_office, "Bord langs de weg", "Een bord.")

    page = login(world.users["member"]).get(LIST).content.decode()

    assert "Kantoor Utrecht · Zichtbaarheid · Leden werven</p>" in page
    assert f"{world.other_office.name}</p>" in page  # no themes: the office's name alone
    assert f'href="{practice.get_absolute_url()}"' in page


@pytest.mark.django_db
def test_cards_keep_the_querysets_order_and_stop_at_the_limit(world):
    for number in range(4):
        make_practice(world.office, f"Sportdag {number}", "Sportdagen " * (number + 1))
    found = search(Practice.objects.all(), "sportdag")

    cards = selectors.practice_cards(found, 3)

    assert cards == list(found)[:3]
    assert [card.office_name for card in cards] == ["Kantoor Utrecht"] * 3
    assert all(card.theme_names == [] for card in cards)


@pytest.mark.django_db
def test_cards_load_only_what_an_entry_shows_in_two_queries(world):
    theme = _theme("leden", "Leden", 1)
    for number in range(6):
        make_practice(world.office, f"Voorbeeld {number}", "Tekst. " * 200).themes.add(theme)

    with CaptureQueriesContext(connection) as queries:
        cards = selectors.practice_cards(Practice.objects.all(), 5)
        shown = [(card.title, card.what, card.office_name, card.theme_names) for card in cards]

    assert len(queries) == 2
    assert len(shown) == 5 and shown[0][3] == ["Leden"]
    assert {"why", "result", "search_terms", "search_document"} <= cards[0].get_deferred_fields()


@pytest.mark.django_db
def test_the_library_shows_at_most_its_limit_in_the_same_queries(world, login):
    theme = _theme("leden", "Leden", 1)
    client = login(world.users["member"])
    make_practice(world.office, "Sportdag 0").themes.add(theme)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"q": "sportdag"})
    Practice.objects.bulk_create(
        Practice(
            office=world.other_office,
            title=f"Sportdag {number}",
            what="Een sportdag.",
            search_terms=" sportdag ",
            status="published",
        )
        for number in range(1, PRACTICES_SHOWN + 5)
    )
    for practice in Practice.objects.all():
        practice.themes.add(theme)

    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST, {"q": "sportdag"})

    assert len(response.context["practices"]) == PRACTICES_SHOWN
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_filter_offers_the_active_themes_and_every_branch(world):
    _theme("a-actief", "Actief thema", 1)
    _theme("b-oud", "Oud thema", 2, is_active=False)
    SportBranchFactory(slug="padel", name="Padel")

    form = PracticeFilterForm()
    themes = [label for _value, label in form.fields["theme"].choices]
    branches = [label for _value, label in form.fields["branch"].choices]

    assert themes[0] == "Alle thema's" and "Actief thema" in themes
    assert "Oud thema" not in themes
    assert branches[0] == "Alle takken" and {"Padel", "Fitness"} <= set(branches)


@pytest.mark.django_db
def test_the_filter_keeps_the_chosen_theme_and_branch_selected(world, login):
    theme = _theme("leden", "Leden", 1)
    padel = SportBranchFactory(slug="padel", name="Padel")

    page = (
        login(world.users["member"])
        .get(LIST, {"theme": theme.pk, "branch": padel.pk})
        .content.decode()
    )

    assert f'<option value="{theme.pk}" selected>Leden</option>' in page
    assert f'<option value="{padel.pk}" selected>Padel</option>' in page


@pytest.mark.django_db
def test_the_filter_refuses_an_inactive_or_unknown_theme(world):
    old = _theme("oud", "Oud thema", 1, is_active=False)
    assert not PracticeFilterForm({"theme": old.pk}).is_valid()
    assert not PracticeFilterForm({"theme": 987654}).is_valid()
    assert not PracticeFilterForm({"branch": 987654}).is_valid()


@pytest.mark.django_db
def test_a_public_practice_is_tagged_and_a_draft_marked_for_its_lead(world, login):
    make_practice(world.office, "Openbaar verhaal", visibility=Visibility.PUBLIC)
    make_practice(world.office, "Half af", status="draft")

    page = login(world.users["lead"]).get(LIST).content.decode()

    assert '<span class="tag ok">openbaar</span>' in page
    assert '<span class="tag">concept</span>' in page
