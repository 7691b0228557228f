"""Changes to the kapstok. Each service validates, saves atomically and writes a timeline line.

Bad input raises `ValidationError` with Dutch messages keyed by field; nothing is saved half.
A deadline in the past is allowed (goals get entered late) but reported back as a warning.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts.services import HandedOver
from kapstok.network.models import EventKind
from kapstok.network.services import office_event_record

from .models import Activity, Goal, GoalStatus, Measurement, Project, Strategy, WorkStatus


def _check_target_has_unit(goal: Goal) -> None:
    if goal.target_value is not None and not goal.unit.strip():
        raise ValidationError({"unit": _("Geef bij de streefwaarde ook een eenheid op.")})


def goal_deadline_warning(goal: Goal) -> str:
    """A Dutch warning for a new goal whose deadline has already passed, else ''."""
    if goal.deadline and goal.deadline < timezone.localdate():
        return _("Let op: de deadline ligt in het verleden.")
    return ""


@transaction.atomic
def goal_save(*, goal: Goal, actor=None) -> Goal:
    """Create or update a goal; records whether it became SMART."""
    is_new = goal.pk is None
    was_smart = not is_new and Goal.objects.get(pk=goal.pk).is_smart
    _check_target_has_unit(goal)
    if is_new and goal.created_by is None:
        goal.created_by = actor
    goal.full_clean()
    goal.save()
    if is_new:
        summary = _("Doel toegevoegd: %(title)s") % {"title": goal.title}
    elif goal.is_smart and not was_smart:
        summary = _("Doel is nu SMART: %(title)s") % {"title": goal.title}
    else:
        summary = _("Doel bijgewerkt: %(title)s") % {"title": goal.title}
    office_event_record(
        office=goal.office,
        kind=EventKind.GOAL_CREATED if is_new else EventKind.GOAL_UPDATED,
        summary=summary,
        actor=actor,
        url=goal.get_absolute_url(),
    )
    return goal


@transaction.atomic
def strategy_save(*, strategy: Strategy, actor=None) -> Strategy:
    is_new = strategy.pk is None
    strategy.full_clean()
    strategy.save()
    if is_new:
        office_event_record(
            office=strategy.goal.office,
            kind=EventKind.STRATEGY_CREATED,
            summary=_("Strategie toegevoegd: %(title)s") % {"title": strategy.title},
            actor=actor,
            url=strategy.goal.get_absolute_url(),
        )
    return strategy


def _check_dates(item) -> None:
    if item.start_on and item.due_on and item.due_on < item.start_on:
        raise ValidationError({"due_on": _("De einddatum ligt vóór de startdatum.")})


def _progress_follows_status(item) -> None:
    """A finished item is 100 %; keep the two consistent rather than contradicting each other."""
    if item.status == WorkStatus.DONE:
        item.progress = 100


@transaction.atomic
def project_save(*, project: Project, actor=None) -> Project:
    is_new = project.pk is None
    _check_dates(project)
    _progress_follows_status(project)
    project.full_clean()
    project.save()
    goal = project.strategy.goal
    template = _("Project toegevoegd: %(title)s") if is_new else _("Project bijgewerkt: %(title)s")
    office_event_record(
        office=goal.office,
        kind=EventKind.PROJECT_CREATED if is_new else EventKind.PROJECT_UPDATED,
        summary=template % {"title": project.title}
        + f" ({project.get_status_display()}, {project.progress}%)",
        actor=actor,
        url=goal.get_absolute_url(),
    )
    return project


@transaction.atomic
def activity_save(*, activity: Activity, actor=None) -> Activity:
    is_new = activity.pk is None
    _check_dates(activity)
    _progress_follows_status(activity)
    activity.full_clean()
    activity.save()
    goal = activity.project.strategy.goal
    template = (
        _("Activiteit toegevoegd: %(title)s") if is_new else _("Activiteit bijgewerkt: %(title)s")
    )
    office_event_record(
        office=goal.office,
        kind=EventKind.PROJECT_CREATED if is_new else EventKind.PROJECT_UPDATED,
        summary=template % {"title": activity.title}
        + f" ({activity.get_status_display()}, {activity.progress}%)",
        actor=actor,
        url=goal.get_absolute_url(),
    )
    return activity


@transaction.atomic
def measurement_add(
    *, goal: Goal, measured_on: datetime.date, value, note: str = "", actor=None
) -> Measurement:
    """Record an indicator value; a closed goal or a goal without indicator takes none."""
    if goal.is_closed:
        raise ValidationError(_("Dit doel is afgesloten; er kunnen geen metingen meer bij."))
    if not goal.indicator.strip():
        raise ValidationError(_("Geef het doel eerst een indicator om te meten."))
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("Een meting kan niet in de toekomst liggen.")})
    measurement = Measurement(
        goal=goal, measured_on=measured_on, value=value, note=note, created_by=actor
    )
    measurement.full_clean()
    measurement.save()
    office_event_record(
        office=goal.office,
        kind=EventKind.MEASUREMENT_ADDED,
        summary=_("Meting bij %(goal)s: %(value)s %(unit)s")
        % {"goal": goal.title, "value": value, "unit": goal.unit},
        actor=actor,
        url=goal.get_absolute_url(),
    )
    return measurement


OPEN_WORK = (WorkStatus.IDEA, WorkStatus.PLANNED, WorkStatus.RUNNING)


@transaction.atomic
def open_work_hand_over(office_id: int, predecessor, successor) -> list:
    """Give a leaving lead's open goals, projects and activities in the office to the successor.

    Registered with `accounts.services.register_hand_over`. Only work still open moves: an
    achieved or dropped goal, a finished or stopped project keeps the name of who owned it.
    """
    goals = Goal.objects.filter(office_id=office_id, owner=predecessor, status=GoalStatus.OPEN)
    projects = Project.objects.filter(
        strategy__goal__office_id=office_id, owner=predecessor, status__in=OPEN_WORK
    )
    activities = Activity.objects.filter(
        project__strategy__goal__office_id=office_id, owner=predecessor, status__in=OPEN_WORK
    )
    goal_count = goals.update(owner=successor)
    project_count = projects.update(owner=successor)
    activity_count = activities.update(owner=successor)
    return [
        HandedOver(
            goal_count, ngettext("%(n)d doel", "%(n)d doelen", goal_count) % {"n": goal_count}
        ),
        HandedOver(
            project_count,
            ngettext("%(n)d project", "%(n)d projecten", project_count) % {"n": project_count},
        ),
        HandedOver(
            activity_count,
            ngettext("%(n)d actie", "%(n)d acties", activity_count) % {"n": activity_count},
        ),
    ]
