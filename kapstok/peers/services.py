"""Practice library actions: save (keeping the search terms), draft from a project, trials."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kapstok.goals.models import WorkStatus

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
