"""GET /offices/{slug}/messages: the office's brokered messages with their delivery counts.

For whoever may open the archive page (POS, the office's leads, its municipality's contacts,
who see only their own municipality's messages). Counts only: as on the pages, no recipient
names or addresses ever leave through the API.
"""

import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.messaging import selectors
from kapstok.network.models import Office

from .schemas import ErrorOut

router = Router(tags=["Berichten via het kantoor"])


class DeliveryCountsOut(Schema):
    reached: int
    email: int
    in_app: int
    bounced: int
    opted_out: int
    unsubscribed: int


class OfficeMessageOut(Schema):
    id: int
    sender_kind: str
    sender: str
    subject: str
    status: str
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    counts: DeliveryCountsOut


@router.get(
    "/{slug}/messages",
    response={200: list[OfficeMessageOut], 403: ErrorOut, 404: ErrorOut},
    operation_id="office_messages",
    summary="Berichten via een POS-kantoor",
    description=(
        "De berichten die de gemeente, POS of de kartrekker via het kantoor aan de leden "
        "stuurde, met aantallen (bereikt, niet afgeleverd, afgemeld). Voor POS, de kartrekkers "
        "en de gemeente (alleen haar eigen berichten). Nooit namen of adressen van leden."
    ),
)
def office_messages(request, slug: str):
    viewer = access.viewer_for(request.user)
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    if not access.can_view_message_archive(viewer, office):
        raise HttpError(403, _("U mag de berichten van dit kantoor niet zien."))
    return [
        {
            "id": row["message"].pk,
            "sender_kind": row["message"].sender_kind,
            "sender": row["message"].sender_label,
            "subject": row["message"].subject,
            "status": row["message"].status,
            "created_at": row["message"].created_at,
            "sent_at": row["message"].sent_at,
            "counts": row["counts"],
        }
        for row in selectors.archive(viewer, office)
    ]
