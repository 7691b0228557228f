"""What an office does for the community: GET /offices/{slug}/social-value (public, as on the
public office page) and GET /offices/{slug}/community-activities (the office's record, for
whoever may open its internal pages), under the rules of `kapstok.community.rules`.

Stories come only when published; an unpublished story or its photo is never in the API.
"""

import datetime
from typing import Annotated

from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.community import rules, selectors
from kapstok.network import rules as network_rules

from .offices import SLUG_PATTERN
from .pagination import page_of
from .schemas import ErrorOut, PageOut, PageParams

router = Router(tags=["Maatschappelijke waarde"])

Slug = Annotated[str, Path(pattern=SLUG_PATTERN, description="Webadres van het kantoor.")]


class KindTotalOut(Schema):
    kind: str
    label: str
    activities: int
    participants: int


class StoryOut(Schema):
    id: int
    title: str
    text: str
    published_at: datetime.datetime
    photo_url: str
    photo_width: int
    photo_height: int
    photo_alt: str


class SocialValueOut(Schema):
    since: datetime.date
    until: datetime.date
    activities: int
    participants: int
    by_kind: list[KindTotalOut]
    stories: list[StoryOut]


class ActivityOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    kind: str
    partner: str
    participants: int
    description: str


class ActivityPage(PageOut):
    items: list[ActivityOut]


def _office(request, slug: str):
    viewer = access.viewer_for(request.user)
    office = network_rules.offices_findable_by(viewer).filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    return viewer, office


@router.get(
    "/{slug}/social-value",
    response={200: SocialValueOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_social_value",
    summary="Wat een POS-kantoor doet voor de buurt",
    description=(
        "De activiteiten en bereikte deelnemers van de laatste twaalf maanden, in totaal en per "
        "soort (met scholen, met zorg en welzijn, in de wijk, aangepast sporten, anders), en "
        "de gepubliceerde verhalen met foto. Openbaar, zoals op de openbare pagina."
    ),
)
def office_social_value(request, slug: Slug):
    _viewer, office = _office(request, slug)
    value = selectors.social_value([office.pk])[office.pk]
    stories = selectors.published_stories([office.pk])[office.pk]
    return {
        "since": value.since,
        "until": value.until,
        "activities": value.activities,
        "participants": value.participants,
        "by_kind": [vars(kind) for kind in value.by_kind],
        "stories": [story_row(request, story) for story in stories],
    }


def story_row(request, story) -> dict:
    return {
        "id": story.pk,
        "title": story.title,
        "text": story.text,
        "published_at": story.published_at,
        "photo_url": request.build_absolute_uri(story.get_photo_url()),
        "photo_width": story.photo_width,
        "photo_height": story.photo_height,
        "photo_alt": story.alt_text,
    }


@router.get(
    "/{slug}/community-activities",
    response={200: ActivityPage, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_community_activities",
    summary="De activiteiten van een POS-kantoor voor de buurt",
    description=(
        "Elke vastgelegde activiteit, nieuwste eerst, met partner en aantal deelnemers. Voor "
        "wie de interne pagina's van het kantoor mag zien."
    ),
)
def office_community_activities(request, slug: Slug, paging: Query[PageParams]):
    viewer, office = _office(request, slug)
    if not rules.can_view_community(viewer, office):
        raise HttpError(403, _("U mag de activiteiten van dit kantoor niet zien."))
    page = page_of(selectors.activities_of(office), paging)
    return {**page.meta(), "items": [activity_row(a) for a in page.items]}


def activity_row(activity) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "held_on": activity.held_on,
        "kind": activity.kind,
        "partner": activity.partner,
        "participants": activity.participants,
        "description": activity.description,
    }
