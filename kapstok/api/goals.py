"""GET /offices/{slug}/goals: the office's kapstok, each goal linked to where it came from.

The chain the report asks to keep visible, card → theme → goal → strategy → project, as links
in the data: a goal names its source theme by id, label and catalogue key, its session by id,
and the cards it was made from. For whoever may see the office's internal pages, as the kapstok
page; the cards, which are the members' own words at a session, only for who may open the
office's sessions, as on the goal page.
"""

import datetime
from typing import Annotated

from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.goals import selectors
from kapstok.network.models import Office

from .offices import SLUG_PATTERN
from .pagination import page_of
from .schemas import ErrorOut, PageOut, PageParams

router = Router(tags=["Kapstok: doelen en projecten"])


class CardOut(Schema):
    id: int
    kind: str
    text: str


class SourceOut(Schema):
    session_id: int
    theme_id: int
    theme: str
    catalogue_theme: str | None
    cards: list[CardOut] | None


class ProjectOut(Schema):
    id: int
    title: str
    status: str
    progress: float


class StrategyOut(Schema):
    id: int
    title: str
    progress: float
    projects: list[ProjectOut]


class GoalOut(Schema):
    id: int
    title: str
    status: str
    deadline: datetime.date | None
    progress: float
    url: str
    source: SourceOut | None
    strategies: list[StrategyOut]


class GoalPage(PageOut):
    items: list[GoalOut]


@router.get(
    "/{slug}/goals",
    response={200: GoalPage, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_goals",
    summary="De kapstok van een POS-kantoor",
    description=(
        "De doelen van het kantoor met strategieën, projecten en voortgang (procent, 0–100), "
        "open doelen eerst. Bij een doel uit een strategiesessie staat `source`: de sessie, "
        "het thema (met de sleutel uit de landelijke catalogus) en de kaartjes waar het uit "
        "voortkwam; de kaartjes alleen voor wie de sessies van het kantoor mag openen, anders "
        "null. Voor wie de interne pagina's van het kantoor mag zien."
    ),
)
def office_goals(
    request,
    slug: Annotated[str, Path(pattern=SLUG_PATTERN, description="Webadres van het kantoor.")],
    paging: Query[PageParams],
):
    viewer = access.viewer_for(request.user)
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    if not access.can_view_office(viewer, office):
        raise HttpError(403, _("U mag de kapstok van dit kantoor niet zien."))
    page = page_of(selectors.ordered_goals(office), paging)
    shows_cards = access.can_view_sessions(viewer, office)
    sources = selectors.goal_sources([goal.pk for goal in page.items]) if page.items else {}
    views = selectors.goal_tree(selectors.ordered_goals(office, pks=[g.pk for g in page.items]))
    return {
        **page.meta(),
        "items": [
            goal_row(request, view, sources.get(view.goal.pk), shows_cards) for view in views
        ],
    }


def goal_row(request, view: selectors.GoalView, source, shows_cards: bool) -> dict:
    goal = view.goal
    return {
        "id": goal.pk,
        "title": goal.title,
        "status": goal.status,
        "deadline": goal.deadline,
        "progress": round(view.progress, 1),
        "url": request.build_absolute_uri(goal.get_absolute_url()),
        "source": source_row(source, shows_cards) if source else None,
        "strategies": [
            {
                "id": strategy.pk,
                "title": strategy.title,
                "progress": round(progress, 1),
                "projects": [
                    {
                        "id": project.pk,
                        "title": project.title,
                        "status": project.status,
                        "progress": round(project_progress, 1),
                    }
                    for project, project_progress in projects
                ],
            }
            for strategy, progress, projects in view.strategies
        ],
    }


def source_row(source: selectors.GoalSource, shows_cards: bool) -> dict:
    theme = source.theme
    return {
        "session_id": source.session.pk,
        "theme_id": theme.pk,
        "theme": theme.label,
        "catalogue_theme": theme.catalogue_theme.slug if theme.catalogue_theme else None,
        "cards": (
            [{"id": c.pk, "kind": c.kind, "text": c.text} for c in source.cards]
            if shows_cards
            else None
        ),
    }
