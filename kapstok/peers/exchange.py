"""The exchange board inside an office: post, reply, mark solved, and the weekly digest.

The report (2.3) tells of one entrepreneur giving another 200 m²: the board makes such help
findable. Offers and questions/requests with the same topic are put next to each other
(`ExchangePost.objects.matches_for`); once a week each office's people get the new posts.
"""

import datetime
from collections import defaultdict

from django.core.mail import send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.network.models import Membership

from .models import ExchangePost, ExchangeReply

DIGEST_WEEKDAY = 0  # Monday
DIGEST_DAYS = 7


def post_create(
    *, office, author, kind: str, topic: str, title: str, body: str, is_regional: bool = False
) -> ExchangePost:
    """A post on the office's board; `is_regional` opens it to the offices of its province."""
    return ExchangePost.objects.create(
        office=office,
        author=author,
        kind=kind,
        topic=topic,
        title=title,
        body=body,
        is_regional=is_regional,
    )


def post_reply(*, post: ExchangePost, author, body: str) -> ExchangeReply:
    return ExchangeReply.objects.create(post=post, author=author, body=body)


def post_solve(*, post: ExchangePost) -> None:
    """Mark solved (kept for the record, no longer suggested or mailed)."""
    if post.solved_at is None:
        post.solved_at = timezone.now()
        post.save(update_fields=["solved_at"])


def office_people_emails(office_ids) -> dict[int, set[str]]:
    """Email addresses of each office's leads and current members with an account."""
    emails = defaultdict(set)
    leads = (
        RoleGrant.objects.current()
        .filter(role=Role.LEAD, office_id__in=office_ids, user__is_active=True)
        .values_list("office_id", "user__email")
    )
    for office_id, email in leads:
        emails[office_id].add(email)
    members = Membership.objects.current().filter(office_id__in=office_ids)
    entrepreneur_office = defaultdict(set)
    for office_id, entrepreneur_id in members.values_list("office_id", "entrepreneur_id"):
        entrepreneur_office[entrepreneur_id].add(office_id)
    grants = (
        RoleGrant.objects.current()
        .filter(
            Q(role=Role.MEMBER) & Q(entrepreneur_id__in=entrepreneur_office), user__is_active=True
        )
        .values_list("entrepreneur_id", "user__email")
    )
    for entrepreneur_id, email in grants:
        for office_id in entrepreneur_office[entrepreneur_id]:
            emails[office_id].add(email)
    return emails


def exchange_digest_send(now: datetime.datetime | None = None, force: bool = False) -> int:
    """Mail each office's people the open posts of the past week; only on Mondays unless
    `force` (the scheduler runs daily, the digest is weekly)."""
    now = timezone.localtime(now or timezone.now())
    if now.weekday() != DIGEST_WEEKDAY and not force:
        return 0
    since = now - datetime.timedelta(days=DIGEST_DAYS)
    posts = list(
        ExchangePost.objects.open()
        .filter(created_at__gte=since)
        .select_related("office")
        .order_by("office__name", "topic", "-created_at")
    )
    by_office = defaultdict(list)
    for post in posts:
        by_office[post.office].append(post)
    recipients = office_people_emails([office.pk for office in by_office])
    messages = []
    for office, office_posts in by_office.items():
        to = sorted(recipients.get(office.pk, ()))
        if to:
            body = render_to_string(
                "peers/email/exchange_digest.txt",
                {"office": office, "posts": office_posts},
            )
            subject = f"Kapstok: nieuw op het uitwisselbord van {office.name}"
            # One message per person: members of one office must not see each other's address.
            messages.extend((subject, body, None, [email]) for email in to)
    return send_mass_mail(messages, fail_silently=False) if messages else 0
