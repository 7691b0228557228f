"""Read side of brokered messages: archives with counts, the inbox, what a sender may choose.

Senders get counts, never names or addresses: `delivery_counts` is the only view of the
deliveries a sender's page receives. Each function costs a fixed number of queries.
"""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.network import rules as network_rules
from kapstok.network.models import Membership, Office, SportBranch

from . import rules
from .models import (
    Delivery,
    DeliveryStatus,
    MessageStatus,
    OfficeMessage,
    SenderKind,
)


def delivery_counts(message_ids) -> dict[int, dict]:
    """Per message: how many were reached, not delivered, opted out, and unsubscribed since."""
    rows = (
        Delivery.objects.filter(message_id__in=message_ids)
        .values("message_id", "status")
        .annotate(n=Count("pk"), unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)))
        .order_by()
    )
    counts = {
        pk: {"total": 0, "reached": 0, "email": 0, "in_app": 0, "bounced": 0, "opted_out": 0,
             "unsubscribed": 0}
        for pk in message_ids
    }  # fmt: skip
    for row in rows:
        entry = counts[row["message_id"]]
        entry["total"] += row["n"]
        entry["unsubscribed"] += row["unsubscribed"]
        if row["status"] == DeliveryStatus.SENT:
            entry["email"] += row["n"]
        elif row["status"] == DeliveryStatus.IN_APP:
            entry["in_app"] += row["n"]
        elif row["status"] == DeliveryStatus.BOUNCED:
            entry["bounced"] += row["n"]
        else:
            entry["opted_out"] += row["n"]
        entry["reached"] = entry["email"] + entry["in_app"]
    return counts


def archive(viewer, office: Office) -> list[dict]:
    messages = list(rules.messages_visible_to(viewer, office).prefetch_related("branches")[:200])
    counts = delivery_counts([m.pk for m in messages])
    return [{"message": m, "counts": counts[m.pk]} for m in messages]


def pending_count(office: Office) -> int:
    return office.brokered_messages.filter(status=MessageStatus.PENDING).count()


def branch_choices(office: Office) -> list[tuple[int, str, int]]:
    """(branch id, name, members) for the branches the office's current members are in."""
    current = Membership.objects.current().filter(office=office)
    rows = (
        SportBranch.objects.filter(entrepreneurs__memberships__in=current)
        .annotate(members=Count("entrepreneurs", distinct=True))
        .order_by("sort_order", "name")
        .values_list("pk", "name", "members")
    )
    return list(rows)


def inbox(viewer) -> list[Delivery]:
    """Messages that reached the viewer's businesses (opted-out ones never did)."""
    return list(
        rules.deliveries_received_by(viewer)
        .select_related("message__office", "entrepreneur")
        .order_by("-message__sent_at", "-pk")[:200]
    )


def inbox_delivery(viewer, pk: int) -> Delivery | None:
    return (
        rules.deliveries_received_by(viewer)
        .filter(pk=pk)
        .select_related("message__office", "entrepreneur")
        .prefetch_related(Prefetch("message__attachments"))
        .first()
    )


def unread_count(viewer) -> int:
    """No query for a viewer without businesses: the empty scope is known before asking."""
    return _unread(viewer).count()


def preferences(viewer) -> list[dict]:
    """Per current membership of the viewer's businesses: which senders are switched off."""
    memberships = list(
        network_rules.current_memberships_of(viewer)
        .select_related("office", "entrepreneur")
        .order_by("office__name", "entrepreneur__business_name")
    )
    off = Counter(
        rules.opt_outs_of(viewer).values_list("entrepreneur_id", "office_id", "sender_kind")
    )
    return [
        {
            "membership": membership,
            "senders": [
                {
                    "kind": kind,
                    "label": label,
                    "off": bool(off[(membership.entrepreneur_id, membership.office_id, kind)]),
                }
                for kind, label in SenderKind.choices
            ],
        }
        for membership in memberships
    ]


# --- the start page's to-do items (one or two queries each) ---------------------------------


def _unread(viewer) -> QuerySet:
    return rules.deliveries_received_by(viewer).filter(read_at__isnull=True)


def _sent_by(message: OfficeMessage) -> str:
    values = {
        "sender": message.sender_label,
        "office": message.office.name,
        "date": day(message.sent_at or message.created_at),
    }
    if message.sender_label == message.office.name:
        return _("Van %(office)s, %(date)s.") % values
    return _("Van %(sender)s via %(office)s, %(date)s.") % values


def unread_messages(viewer) -> list[ToDo]:
    """The member's unread messages, newest first, each one click from being read; beyond
    `SHOWN` one line with the number of the others, to the inbox."""
    deliveries = list(
        _unread(viewer)
        .select_related("message__office")
        .order_by("-message__sent_at", "-pk")[: SHOWN + 1]
    )
    items = [
        ToDo(
            title=_("Lees het bericht ‘%(subject)s’") % {"subject": delivery.message.subject},
            detail=_sent_by(delivery.message),
            url=reverse("messaging:inbox_detail", args=[delivery.pk]),
        )
        for delivery in deliveries[:SHOWN]
    ]
    if len(deliveries) > SHOWN:
        rest = _unread(viewer).count() - SHOWN
        items.append(
            ToDo(
                title=ngettext(
                    "Nog %(count)s ongelezen bericht", "Nog %(count)s ongelezen berichten", rest
                )
                % {"count": rest},
                url=reverse("messaging:inbox"),
                count=rest,
            )
        )
    return items


def messages_to_approve(viewer) -> list[ToDo]:
    """Municipality messages to the members of the offices the viewer leads, waiting for them."""
    waiting = (
        rules.messages_to_decide(viewer)
        .select_related("office")
        .order_by("created_at", "pk")[:SHOWN]
    )
    return [
        ToDo(
            title=_("Keur het bericht van %(sender)s goed of af: ‘%(subject)s’")
            % {"sender": message.sender_label, "subject": message.subject},
            detail=_("Voor de leden van %(office)s, geschreven op %(date)s.")
            % {"office": message.office.name, "date": day(message.created_at)},
            url=message.get_absolute_url(),
            urgency=Urgency.SOON,
        )
        for message in waiting
    ]


def messages_awaiting_approval(viewer) -> list[ToDo]:
    """The municipality's own messages that wait for an office's lead (for its contacts)."""
    waiting = (
        rules.own_messages_waiting(viewer)
        .select_related("office")
        .order_by("created_at", "pk")[:SHOWN]
    )
    return [
        ToDo(
            title=_("Uw bericht wacht op goedkeuring van het kantoor: ‘%(subject)s’")
            % {"subject": message.subject},
            detail=_("%(office)s, sinds %(date)s. De kartrekker beslist of het naar de leden gaat.")
            % {"office": message.office.name, "date": day(message.created_at)},
            url=message.get_absolute_url(),
            urgency=Urgency.INFO,
        )
        for message in waiting
    ]
