"""Who may read and keep an office's social value, per persona."""

import pytest

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.community import rules
from kapstok.community.factories import StoryFactory

pytestmark = pytest.mark.django_db

MANAGERS = {"pos", "admin", "lead"}
READERS = MANAGERS | {"member", "civil_servant", "partner"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_offices_people_read_and_only_leads_and_pos_keep_it(world, persona):
    who = viewer(world, persona)

    assert rules.can_view_community(who, world.office) == (persona in READERS)
    assert rules.can_manage_community(who, world.office) == (persona in MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_drafts_are_seen_by_the_keepers_only(world, persona):
    StoryFactory(office=world.office, title="Gepubliceerd")
    StoryFactory(office=world.office, title="Concept", published=False, published_at=None)

    titles = set(
        rules.stories_visible_to(viewer(world, persona), world.office).values_list(
            "title", flat=True
        )
    )

    expected = {"Gepubliceerd", "Concept"} if persona in MANAGERS else {"Gepubliceerd"}
    assert titles == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_drafts_photo_is_for_its_keepers_a_published_one_for_all(world, persona):
    draft = StoryFactory(office=world.office, published=False, published_at=None)
    published = StoryFactory(office=world.office)
    who = viewer(world, persona)

    assert rules.can_see_photo(who, published)
    assert rules.can_see_photo(who, draft) == (persona in MANAGERS)
