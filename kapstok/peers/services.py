"""Practice library actions: save (keeping the search terms), draft from a project, trials;
meetings: save within what the editor may manage, answer, attendance."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.goals.models import WorkStatus

from . import rules
from .models import Practice, PracticeStatus, PracticeTrial
from .search import search_terms_for


class UserError(ValueError):
    """A user error with a Dutch message."""


def practice_save(*, practice: Practice, user=None) -> Practice:
    """Save a practice and refresh its search terms (the SQLite full-text fallback)."""
    practice.search_terms = search_terms_for(practice.text())
    if practice.created_by_id is None and user is not None:
        practice.created_by = user
    practice.save()
    return practice


@transaction.atomic
def practice_from_project(*, project, user) -> Practice:
    """One click: a finished project becomes a draft practice of its office, to polish.

    The project's title, description, outcome and budget fill the practice; the catalogue
    theme of the session theme its goal came from becomes the practice's themes.
    """
    if project.status != WorkStatus.DONE:
        raise UserError(_("Alleen een afgerond project kan een praktijkvoorbeeld worden."))
    existing = Practice.objects.filter(source_project=project).first()
    if existing:
        return existing
    goal = project.strategy.goal
    costs = ""
    if project.budget_amount is not None:
        costs = f"€ {project.budget_amount:.0f} {project.budget_source}".strip()
    practice = practice_save(
        practice=Practice(
            office_id=goal.office_id,
            title=project.title,
            what=project.description or project.title,
            why=goal.title,
            result=project.outcome_notes,
            costs=costs[:200],
            status=PracticeStatus.DRAFT,
            source_project=project,
        ),
        user=user,
    )
    practice.themes.set(_catalogue_themes_of(goal))
    return practice


def _catalogue_themes_of(goal) -> list:
    theme = goal.source_theme
    return [theme.catalogue_theme] if theme and theme.catalogue_theme_id else []


def practice_trial_record(*, practice: Practice, office, user, outcome: str, note: str):
    """Record (or update) that `office` tried this practice too, with its outcome."""
    if practice.office_id == office.pk:
        raise UserError(_("Dit is een praktijkvoorbeeld van uw eigen kantoor."))
    trial, _created = PracticeTrial.objects.update_or_create(
        practice=practice,
        office=office,
        defaults={"outcome": outcome, "note": note, "created_by": user},
    )
    return trial


def related_practices(practice: Practice, visible, limit: int = 4) -> list[Practice]:
    """Other visible practices sharing the most themes and branches with this one.

    The candidates come from one query; the overlap is counted in Python on their prefetched
    themes and branches (a handful per practice), which stays simple on both databases.
    """
    theme_ids = set(practice.themes.values_list("pk", flat=True))
    branch_ids = set(practice.branches.values_list("pk", flat=True))
    if not theme_ids and not branch_ids:
        return []
    candidates = (
        visible.exclude(pk=practice.pk)
        .filter(Q(themes__in=theme_ids) | Q(branches__in=branch_ids))
        .distinct()
        .select_related("office")
        .prefetch_related("themes", "branches")
    )

    def overlap(other):
        shared_themes = {t.pk for t in other.themes.all()} & theme_ids
        shared_branches = {b.pk for b in other.branches.all()} & branch_ids
        return len(shared_themes) + len(shared_branches)

    ranked = sorted(candidates, key=lambda other: (-overlap(other), -other.updated_at.timestamp()))
    return ranked[:limit]


@transaction.atomic
def meeting_save(*, meeting, invited_offices, actor):
    """Save a new or edited meeting and its invited offices, within what `actor` may manage.

    POS creates and changes any meeting. A lead edits only meetings hosted by an office they
    lead (`rules.can_manage_meeting`), and then: the host stays an office they lead
    (`rules.can_host_meeting`); the kind of meeting stays what POS chose; an office is added
    to the invitation only if they lead it (`rules.meeting_offices_for`: offices POS invited
    may stay or go); and the invitation does not become one for a role across the whole
    country (no offices, or roles POS did not choose, when it names no office). Regional and
    national invitations are POS's.
    """
    from .models import Meeting

    viewer = access.viewer_for(actor)
    before = Meeting.objects.filter(pk=meeting.pk).first() if meeting.pk else None
    if before is None:
        access.require(rules.can_create_meeting(viewer))
    elif not rules.can_manage_meeting(viewer, before):
        raise PermissionDenied
    invited = list(invited_offices)
    if rules.meeting_needs_lead_checks(viewer):
        _check_lead_meeting(viewer, meeting, before, invited)
    if meeting.created_by_id is None:
        meeting.created_by = actor
    meeting.full_clean(exclude=["invited_offices"])
    meeting.save()
    meeting.invited_offices.set(invited)
    return meeting


def _check_lead_meeting(viewer, meeting, before, invited) -> None:
    errors = {}
    if before is None or meeting.scope != before.scope:
        errors["scope"] = _("Alleen het POS wijzigt de soort bijeenkomst.")
    if not rules.can_host_meeting(viewer, meeting.office):
        errors["office"] = _("Kies een kantoor waarvan u kartrekker bent.")
    allowed = set(rules.meeting_offices_for(viewer, before).values_list("pk", flat=True))
    if any(office.pk not in allowed for office in invited):
        errors["invited_offices"] = _(
            "U kunt alleen kantoren uitnodigen waarvan u kartrekker bent."
        )
    elif not invited and (
        before is None
        or before.invited_offices.exists()
        or not set(meeting.invited_roles) <= set(before.invited_roles)
    ):
        errors["invited_offices"] = _(
            "Nodig ten minste één van uw eigen kantoren uit; een uitnodiging voor iedereen met "
            "een rol, in het hele land, verstuurt het POS."
        )
    if errors:
        raise ValidationError(errors)


def meeting_rsvp(*, meeting, user, answer: str, now=None):
    """Answer an invitation; refused once the meeting has begun (a Dutch user error)."""
    from django.utils import timezone

    from .models import MeetingRsvp

    if (now or timezone.now()) >= meeting.starts_at:
        raise UserError(_("Deze bijeenkomst is al begonnen of voorbij; aanmelden kan niet meer."))
    rsvp, _created = MeetingRsvp.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer}
    )
    return rsvp


def meeting_attendance_record(*, meeting, present_user_ids: set[int]) -> int:
    """Mark who was there among those who answered; returns how many were present."""
    from .models import MeetingRsvp

    rsvps = MeetingRsvp.objects.filter(meeting=meeting)
    rsvps.update(attended=False)
    return rsvps.filter(user_id__in=present_user_ids).update(attended=True)
