"""GET /clubs and /clubs/{id}: the sports clubs in the registry, with what they are linked to.

The same rules as the pages (`kapstok.clubs.rules`): the network's insiders and the
municipalities' contacts see the clubs; everyone else gets an empty list and 404. The
secretary's address is in the answer only for whoever manages the club's municipality (it
may be a volunteer's own address); linked practices, meetings and posts only as far as the
caller may open them.
"""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.clubs import rules, selectors

from .pagination import page_of
from .schemas import ErrorOut, PageOut, PageParams

router = Router(tags=["Sportverenigingen"])


class ClubOut(Schema):
    id: int
    name: str = Field(description="Naam van de vereniging.")
    municipality: str = Field(description="CBS-code van de gemeente, bijvoorbeeld GM0344.")
    municipality_name: str
    sports: list[str] = Field(description="Codes van de takken van sport.")
    other_sports: list[str] = Field(description="Sporten die geen tak van sport in de lijst zijn.")
    website: str
    kvk_number: str
    secretary_email: str | None = Field(
        None, description="Alleen voor wie de verenigingen van deze gemeente beheert."
    )


class ClubPage(PageOut):
    results: list[ClubOut]


class LinkedOut(Schema):
    id: int
    title: str


class ClubDetailOut(ClubOut):
    practices: list[LinkedOut]
    meetings: list[LinkedOut]
    exchange_posts: list[LinkedOut]


class ClubFilterParams(Schema):
    municipality: str | None = Field(None, description="CBS-code van de gemeente.")
    sport: str | None = Field(None, description="Code van een tak van sport.")


def _club(viewer, club) -> dict:
    return {
        "id": club.pk,
        "name": club.name,
        "municipality": club.municipality.code,
        "municipality_name": club.municipality.name,
        "sports": [sport.slug for sport in club.sports.all()],
        "other_sports": [name for name in club.other_sports.split(", ") if name],
        "website": club.website,
        "kvk_number": club.kvk_number,
        "secretary_email": (
            club.secretary_email if rules.sees_secretary_email(viewer, club) else None
        ),
    }


@router.get(
    "",
    response={200: ClubPage, 404: ErrorOut, 422: ErrorOut},
    operation_id="club_list",
    summary="Sportverenigingen",
    description="De verenigingen die u mag zien, op gemeente en naam; leeg zonder toegang.",
)
def club_list(request, filters: Query[ClubFilterParams], paging: Query[PageParams]):
    viewer = access.viewer_for(request.user)
    clubs = selectors.club_list(viewer)
    if filters.municipality:
        clubs = clubs.filter(municipality__code=filters.municipality.upper())
    if filters.sport:
        clubs = clubs.filter(sports__slug=filters.sport)
    page = page_of(clubs, paging)
    return {**page.meta(), "results": [_club(viewer, club) for club in page.items]}


@router.get(
    "/{club_id}",
    response={200: ClubDetailOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="club_detail",
    summary="Eén sportvereniging",
    description=(
        "Een vereniging met de praktijkvoorbeelden, bijeenkomsten en berichten waaraan ze is "
        "gekoppeld, voor zover u die mag openen."
    ),
)
def club_detail(request, club_id: int):
    viewer = access.viewer_for(request.user)
    club = selectors.club_list(viewer).filter(pk=club_id).first()
    if club is None:
        raise HttpError(404, _("Vereniging niet gevonden."))
    links = selectors.club_links(viewer, club)
    return {
        **_club(viewer, club),
        "practices": [{"id": p.pk, "title": p.title} for p in links.practices],
        "meetings": [{"id": m.pk, "title": m.title} for m in links.meetings],
        "exchange_posts": [{"id": p.pk, "title": p.title} for p in links.posts],
    }
