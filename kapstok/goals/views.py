"""Kapstok pages of an office: the tree, a goal with its strategies and projects, the forms.

Everyone with an internal view of the office may read; leads and POS staff may change.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.core.part_cache import fragment_context
from kapstok.network import rules as network_rules

from . import selectors, services
from .forms import (
    ActivityForm,
    GoalForm,
    MeasurementForm,
    ProgressForm,
    ProjectForm,
    StrategyForm,
)
from .models import Activity, Goal, Project, Strategy, WorkStatus


def _office_for(request, slug, action="view"):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, action)


@login_required
def kapstok_overview(request, slug):
    """The office's goals with their trees, a page at a time: `?pagina=N` shows page N (the
    plain link, without JavaScript); htmx asks for the next page's goals only, to add them
    below the ones shown."""
    viewer, office = _office_for(request, slug)
    goal_page = selectors.office_goal_page(office, request.GET.get("pagina"))
    context = {
        "office": office,
        "goal_page": goal_page,
        # Read only when the page's trees are not in the cache (`overview.html`).
        "goal_views": SimpleLazyObject(lambda: goal_page.views),
        "can_edit": access.can_edit_kapstok(viewer, office),
        "first": _first_shown(request, goal_page.page),
        **fragment_context(),
    }
    template = "goals/_goal_page.html" if request.htmx else "goals/overview.html"
    return render(request, template, context)


def _first_shown(request, page) -> int:
    """The number of the first goal in the reader's list. Added by htmx, a page joins the
    goals from where the reader started (`eerste`, sent by the link); on its own it starts
    with its own first goal."""
    if not request.htmx:
        return page.start_index()
    try:
        first = int(request.GET.get("eerste", "1"))
    except ValueError:
        first = 1
    return min(max(first, 1), page.start_index())


@login_required
def goal_detail(request, slug, pk):
    viewer, office = _office_for(request, slug)
    goal = get_object_or_404(Goal, pk=pk, office=office)
    [goal_view] = selectors.goal_tree(Goal.objects.filter(pk=goal.pk))
    context = {
        "office": office,
        "view": goal_view,
        "goal": goal_view.goal,
        "can_edit": access.can_edit_kapstok(viewer, office),
        "show_internal": access.sees_internal_notes(viewer, office),
        "chart": selectors.measurement_chart(goal_view),
        "work_statuses": WorkStatus.choices,
        "source": selectors.goal_source(goal),
        # The cards are the members' own words at a session: for who may open the session.
        "shows_cards": access.can_view_sessions(viewer, office),
    }
    return render(request, "goals/goal_detail.html", context)


def _save_form(request, form, save, *, success: str, redirect_to, template_context):
    """Validate a form, call the service, show its Dutch errors at the fields, or redirect."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(redirect_to(obj))
    return render(request, "goals/form.html", {"form": form, **template_context})


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, slug):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    form = GoalForm(request.POST or None, office=office, instance=Goal(office=office))

    def save(goal):
        warning = services.goal_deadline_warning(goal)
        goal = services.goal_save(goal=goal, actor=request.user)
        if warning:
            messages.warning(request, warning)
        return goal

    return _save_form(
        request,
        form,
        save,
        success=_("Het doel is toegevoegd."),
        redirect_to=lambda goal: goal.get_absolute_url(),
        template_context={"office": office, "title": _("Nieuw doel")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    goal = get_object_or_404(Goal, pk=pk, office=office)
    form = GoalForm(request.POST or None, office=office, instance=goal)
    return _save_form(
        request,
        form,
        lambda goal: services.goal_save(goal=goal, actor=request.user),
        success=_("Het doel is opgeslagen."),
        redirect_to=lambda goal: goal.get_absolute_url(),
        template_context={"office": office, "title": _("Doel bewerken"), "goal": goal},
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request, slug, goal_pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    goal = get_object_or_404(Goal, pk=goal_pk, office=office)
    form = StrategyForm(request.POST or None, instance=Strategy(goal=goal))
    return _save_form(
        request,
        form,
        lambda strategy: services.strategy_save(strategy=strategy, actor=request.user),
        success=_("De strategie is toegevoegd."),
        redirect_to=lambda strategy: goal.get_absolute_url(),
        template_context={"office": office, "goal": goal, "title": _("Nieuwe strategie")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, slug, strategy_pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    strategy = get_object_or_404(Strategy, pk=strategy_pk, goal__office=office)
    project = Project(strategy=strategy, start_on=timezone.localdate())
    form = ProjectForm(request.POST or None, office=office, instance=project)
    return _save_form(
        request,
        form,
        lambda project: services.project_save(project=project, actor=request.user),
        success=_("Het project is toegevoegd."),
        redirect_to=lambda project: strategy.goal.get_absolute_url(),
        template_context={
            "office": office,
            "goal": strategy.goal,
            "title": _("Nieuw project bij %(strategy)s") % {"strategy": strategy.title},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    project = get_object_or_404(Project, pk=pk, strategy__goal__office=office)
    form = ProjectForm(request.POST or None, office=office, instance=project)
    return _save_form(
        request,
        form,
        lambda project: services.project_save(project=project, actor=request.user),
        success=_("Het project is opgeslagen."),
        redirect_to=lambda project: project.strategy.goal.get_absolute_url(),
        template_context={
            "office": office,
            "goal": project.strategy.goal,
            "title": _("Project bewerken"),
        },
    )


@login_required
@require_http_methods(["POST"])
def project_progress(request, slug, pk):
    """Quick status/progress update from the goal page; htmx swaps the project row."""
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    project = get_object_or_404(Project, pk=pk, strategy__goal__office=office)
    form = ProgressForm(request.POST, instance=project)
    if form.is_valid():
        project = services.project_save(project=form.save(commit=False), actor=request.user)
        form = ProgressForm(instance=project)
        if not request.htmx:
            messages.success(request, _("De voortgang is bijgewerkt."))
    else:
        project.refresh_from_db()
    if request.htmx:
        context = {
            "office": office,
            "project": project,
            "progress_form": form,
            "can_edit": True,
            "work_statuses": WorkStatus.choices,
        }
        return render(request, "goals/_project_progress.html", context)
    return redirect(project.strategy.goal.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, slug, project_pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    project = get_object_or_404(Project, pk=project_pk, strategy__goal__office=office)
    activity = Activity(project=project, start_on=timezone.localdate())
    form = ActivityForm(request.POST or None, office=office, instance=activity)
    return _save_form(
        request,
        form,
        lambda activity: services.activity_save(activity=activity, actor=request.user),
        success=_("De activiteit is toegevoegd."),
        redirect_to=lambda activity: project.strategy.goal.get_absolute_url(),
        template_context={
            "office": office,
            "goal": project.strategy.goal,
            "title": _("Nieuwe activiteit bij %(project)s") % {"project": project.title},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, slug, pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    activity = get_object_or_404(Activity, pk=pk, project__strategy__goal__office=office)
    form = ActivityForm(request.POST or None, office=office, instance=activity)
    goal = activity.project.strategy.goal
    return _save_form(
        request,
        form,
        lambda activity: services.activity_save(activity=activity, actor=request.user),
        success=_("De activiteit is opgeslagen."),
        redirect_to=lambda activity: goal.get_absolute_url(),
        template_context={"office": office, "goal": goal, "title": _("Activiteit bewerken")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_add(request, slug, goal_pk):
    _viewer, office = _office_for(request, slug, "edit_kapstok")
    goal = get_object_or_404(Goal, pk=goal_pk, office=office)
    form = MeasurementForm(request.POST or None, initial={"measured_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_add(goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De meting is opgeslagen."))
            return redirect(goal.get_absolute_url())
    title = _("Meting bij %(goal)s") % {"goal": goal.title}
    context = {"form": form, "office": office, "goal": goal, "title": title}
    return render(request, "goals/form.html", context)


@login_required
def timeline(request, slug):
    viewer, office = _office_for(request, slug)
    events = selectors.timeline(viewer, office)
    return render(request, "goals/timeline.html", {"office": office, "events": events})
