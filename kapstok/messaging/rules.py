"""Who reads, receives and decides which brokered messages: the rules beside the messages.

Office-level rules (who may write to an office's members, who sees its archive, who may open
or approve one message) are in `kapstok.accounts.access`, because the office timeline, lower
in the house, needs them too. What needs messaging's own models is here: the scoped querysets
the pages and the start page build on (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.db.models import QuerySet

from kapstok.accounts.access import Viewer

from .models import Delivery, DeliveryStatus, MessageStatus, OfficeMessage, OptOut


def messages_visible_to(viewer: Viewer, office) -> QuerySet:
    """The office's messages this viewer may open: all for POS and leads, else their own
    municipality's (the same rule as `access.can_view_office_message`, as a queryset)."""
    messages = office.brokered_messages.select_related("author", "decided_by", "municipality")
    if viewer.is_national or office.pk in viewer.lead_office_ids:
        return messages
    if office.pk not in viewer.municipality_office_ids:
        return messages.none()  # the office does not work in the viewer's municipality
    return messages.filter(municipality_id__in=viewer.municipality_ids)


def deliveries_received_by(viewer: Viewer) -> QuerySet:
    """Sent messages that reached a business the viewer represents (never opted-out ones)."""
    return Delivery.objects.filter(
        entrepreneur_id__in=viewer.entrepreneur_ids, message__status=MessageStatus.SENT
    ).exclude(status=DeliveryStatus.OPTED_OUT)


def has_received(viewer: Viewer, message) -> bool:
    """Whether one of the viewer's businesses received this message (its attachments too)."""
    return (
        message.status == MessageStatus.SENT
        and message.deliveries.filter(entrepreneur_id__in=viewer.entrepreneur_ids)
        .exclude(status=DeliveryStatus.OPTED_OUT)
        .exists()
    )


def opt_outs_of(viewer: Viewer) -> QuerySet:
    """The senders the viewer's businesses switched off (their own choice, nobody else's)."""
    return OptOut.objects.filter(entrepreneur_id__in=viewer.entrepreneur_ids)


def messages_to_decide(viewer: Viewer) -> QuerySet:
    """Municipality messages waiting for a lead of the office they go to: only its own leads
    let the municipality speak to their members (`access.can_approve_office_message`)."""
    return OfficeMessage.objects.filter(
        office_id__in=viewer.lead_office_ids, status=MessageStatus.PENDING
    )


def own_messages_waiting(viewer: Viewer) -> QuerySet:
    """The viewer's municipalities' own messages that still wait for an office's lead."""
    return OfficeMessage.objects.filter(
        municipality_id__in=viewer.municipality_ids,
        office_id__in=viewer.municipality_office_ids,
        status=MessageStatus.PENDING,
    )


def sender_kind_for(viewer: Viewer, office) -> str | None:
    """As whom the viewer writes to this office: the role closest to the office wins for someone
    who has several (lead → the office, POS → POS, civil servant → their municipality); None
    for anyone who may not write to it (a member, a partner, a civil servant of another
    municipality)."""
    from .models import SenderKind

    if office.pk in viewer.lead_office_ids:
        return SenderKind.OFFICE
    if viewer.is_national:
        return SenderKind.POS
    if sender_municipalities(viewer, office).exists():
        return SenderKind.MUNICIPALITY
    return None


def sender_municipalities(viewer: Viewer, office) -> QuerySet:
    """The office's municipalities the viewer may write for."""
    return office.municipalities.filter(pk__in=viewer.municipality_ids)
