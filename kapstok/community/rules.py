"""Who may read and keep an office's social value: activities and stories for the community.

The rules for an app's own objects live beside them (docs/architecture.md, "Floors"). What the
office does for the community is meant to be seen: the totals and the published stories are on
the public page for everybody. The list of activities and the unpublished stories are the
office's own work: for whoever may open the internal office page. Only the office's leads and
POS record and publish (the people who speak for the office, as in the influence register).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, can_view_office, require
from kapstok.network.rules import get_office_for


def can_view_community(viewer: Viewer, office) -> bool:
    """The office's page of activities and stories: everyone who may open the office page."""
    return can_view_office(viewer, office)


def can_manage_community(viewer: Viewer, office) -> bool:
    """Record activities, write, publish and remove stories: the office's leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def stories_visible_to(viewer: Viewer, office) -> QuerySet:
    """Leads and POS see drafts too; everyone else only what the office published."""
    stories = office.community_stories.all()
    if can_manage_community(viewer, office):
        return stories
    return stories.filter(published=True)


def can_see_photo(viewer: Viewer, story) -> bool:
    """A published story's photo is public (it is on the public page); a draft's only for
    those who may publish it: consent was given for publication, not for circulation."""
    return story.published or can_manage_community(viewer, story.office)


def get_activity_for(viewer: Viewer, slug: str, pk: int):
    """An activity to change: 404 unknown, 403 for who may not keep the office's record."""
    office = get_office_for(viewer, slug, can_manage_community)
    try:
        return office.community_activities.select_related("office").get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


def get_story_for(viewer: Viewer, slug: str, pk: int):
    """A story to change: 404 unknown, 403 for who may not keep the office's stories."""
    office = get_office_for(viewer, slug, can_manage_community)
    try:
        return office.community_stories.select_related("office").get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


def require_photo_access(viewer: Viewer, story) -> None:
    """An unpublished photo is as unknown (404) to everyone outside the office, and refused
    (403) to its people who may not publish it."""
    if can_see_photo(viewer, story):
        return
    if not can_view_office(viewer, story.office):
        raise Http404
    require(False)
