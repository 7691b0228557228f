"""GET /founding and /offices/{slug}/founding: offices in founding and their checklists.

Whoever may keep an office's checklist on the pages may read it here (`founding.rules`): POS
for every office, a kartrekker for their own. The list of all offices in founding is POS's.
"""

import datetime
from typing import Annotated

from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.founding import rules, selectors
from kapstok.network.models import Office, OfficeStatus

from .offices import SLUG_PATTERN
from .schemas import ErrorOut

router = Router(tags=["Oprichting"])


class ChecklistItemOut(Schema):
    key: str = Field(
        description="`initiators`, `first_meeting`, `municipality_contact` of `first_members`."
    )
    label: str
    done: bool
    done_on: datetime.date | None = Field(description="Sinds wanneer het punt gedaan is.")
    derived: bool = Field(
        description="true: volgt uit de gegevens (rollen, lidmaatschappen); false: met de hand "
        "afgevinkt door de kartrekker of POS."
    )
    detail: str


class ChecklistOut(Schema):
    office: str = Field(description="Webadres van het kantoor.")
    name: str
    status: OfficeStatus
    started_on: datetime.date = Field(description="In oprichting sinds.")
    founded_on: datetime.date | None = Field(description="Opgericht op; null in oprichting.")
    days_in_founding: int
    members_needed: int
    done: int
    total: int
    complete: bool = Field(description="Alle punten gedaan: het kantoor kan op opgericht.")
    items: list[ChecklistItemOut]


def checklist_row(checklist: selectors.Checklist) -> dict:
    office = checklist.office
    return {
        "office": office.slug,
        "name": office.name,
        "status": office.status,
        "started_on": checklist.record.started_on,
        "founded_on": office.founded_on,
        "days_in_founding": checklist.days_in_founding,
        "members_needed": checklist.record.members_needed,
        "done": checklist.done_count,
        "total": checklist.total,
        "complete": checklist.complete,
        "items": [
            {
                "key": item.key,
                "label": str(item.label),
                "done": item.done,
                "done_on": item.done_on,
                "derived": item.derived,
                "detail": str(item.detail),
            }
            for item in checklist.items
        ],
    }


@router.get(
    "/founding",
    response={200: list[ChecklistOut], 403: ErrorOut},
    operation_id="founding_list",
    summary="Kantoren in oprichting",
    description="Elk kantoor in oprichting met zijn checklist, langst in oprichting eerst. "
    "Alleen voor POS.",
)
def founding_list(request):
    viewer = access.viewer_for(request.user)
    if not rules.can_view_founding_overview(viewer):
        raise HttpError(403, _("Alleen POS ziet de kantoren in oprichting."))
    return [checklist_row(checklist) for checklist in selectors.offices_in_founding()]


@router.get(
    "/offices/{slug}/founding",
    response={200: ChecklistOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_founding",
    summary="De oprichtingschecklist van een kantoor",
    description="Voor POS en de kartrekkers van het kantoor, zoals de pagina Oprichting.",
)
def office_founding(
    request,
    slug: Annotated[str, Path(pattern=SLUG_PATTERN, description="Webadres van het kantoor.")],
):
    viewer = access.viewer_for(request.user)
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    if not rules.can_view_checklist(viewer, office):
        raise HttpError(403, _("U mag de oprichting van dit kantoor niet zien."))
    checklist = selectors.checklist_of(office)
    if checklist is None:
        raise HttpError(404, _("Dit kantoor heeft geen oprichtingschecklist."))
    return checklist_row(checklist)
