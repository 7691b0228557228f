"""GET /offices/{slug}/member-check: the member check's results per round, as the leads see them.

For POS and the office's own leads (`membercheck.rules.can_view_results`, as the results
page). Aggregates only: counts and averages, and nothing but the count for a round with fewer
than five answers. Open answers stay on the page, where the lead reads them in context; no
name or answer of one member ever leaves through the API.
"""

import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.membercheck import rules, selectors
from kapstok.network.models import Office

from .schemas import ErrorOut

router = Router(tags=["Ledencheck"])


class TimeCountOut(Schema):
    answer: str
    members: int


class MemberCheckRoundOut(Schema):
    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool
    members: int
    responses: str
    response_rate: int | None
    value: float | None
    relevance: float | None
    time_available: list[TimeCountOut]


@router.get(
    "/{slug}/member-check",
    response={200: list[MemberCheckRoundOut], 403: ErrorOut, 404: ErrorOut},
    operation_id="office_member_check",
    summary="Ledencheck van een POS-kantoor",
    description=(
        "Per ronde van de halfjaarlijkse ledencheck: hoeveel leden antwoordden, het gemiddelde "
        "voor wat het kantoor oplevert en voor het belang van de onderwerpen (1–5), en hoeveel "
        "tijd de leden hebben. Onder vijf antwoorden alleen '< 5'. Voor POS en de kartrekkers."
    ),
)
def office_member_check(request, slug: str):
    viewer = access.viewer_for(request.user)
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    if not rules.can_view_results(viewer, office):
        raise HttpError(403, _("U mag de uitkomsten van de ledencheck van dit kantoor niet zien."))
    return [
        {
            "name": result.name,
            "opens_on": result.opens_on,
            "closes_on": result.closes_on,
            "is_open": result.is_open,
            "members": result.members,
            "responses": result.responses_label,
            "response_rate": result.response_rate if result.disclosed else None,
            "value": result.value,
            "relevance": result.relevance,
            "time_available": [{"answer": a, "members": n} for a, n in result.time],
        }
        for result in selectors.office_rounds(office, with_texts=False)
    ]
