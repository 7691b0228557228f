"""Peer offices, their weights, and the practice library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.goals.models import Project, WorkStatus
from kapstok.network import rules as network_rules

from . import page_parts, rules, selectors, services
from .forms import PeerWeightsForm, PracticeFilterForm, PracticeForm, TrialForm
from .models import PeerWeights
from .search import SearchError, search
from .texts import reasons_text

PRACTICES_SHOWN = 50


@login_required
def office_peers(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view")
    rows = selectors.peers_of(office, with_themes=access.can_view_sessions(viewer, office))
    for row in rows:
        row["reasons_text"] = reasons_text(row["reasons"])
    context = {
        "office": office,
        "rows": rows,
        "can_edit_weights": rules.can_edit_peer_weights(viewer),
    }
    return render(request, "peers/office_peers.html", context)


@login_required
def peer_weights(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_edit_peer_weights(viewer))
    form = PeerWeightsForm(request.POST or None, instance=PeerWeights.current())
    if request.method == "POST" and form.is_valid():
        weights = form.save(commit=False)
        weights.updated_by = request.user
        weights.save()
        messages.success(request, _("De gewichten zijn opgeslagen."))
        return redirect("peers:weights")
    return render(request, "peers/weights.html", {"form": form})


def _filtered_practices(viewer, form):
    practices = rules.practices_visible_to(viewer)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        if data["theme"]:
            practices = practices.filter(themes=data["theme"])
        if data["branch"]:
            practices = practices.filter(branches=data["branch"])
        if data["q"].strip():
            try:
                practices = search(practices, data["q"])
            except SearchError as problem:
                error, practices = str(problem), practices.none()
    return practices, error


@login_required
def practice_list(request):
    viewer = access.viewer_for(request.user)
    form = PracticeFilterForm(request.GET or None)
    practices, error = _filtered_practices(viewer, form)
    context = {
        "form": form,
        "practices": selectors.practice_cards(practices, PRACTICES_SHOWN),
        "search_error": error,
        "lead_offices": rules.offices_led_by(viewer),
        "finished_projects": _finished_projects(viewer),
    }
    return render(request, "peers/practice_list.html", context)


def _finished_projects(viewer):
    """Finished projects of the offices the viewer leads that are no practice yet."""
    return (
        Project.objects.filter(
            strategy__goal__office__in=rules.offices_led_by(viewer),
            status=WorkStatus.DONE,
            practice__isnull=True,
        )
        .select_related("strategy__goal__office")
        .order_by("-updated_at")[:10]
    )


@login_required
def practice_detail(request, pk):
    viewer = access.viewer_for(request.user)
    practice = rules.get_practice_for(viewer, pk)
    visible = rules.practices_visible_to(viewer)
    context = {
        "practice": practice,
        "trials": practice.trials.select_related("office"),
        "related": services.related_practices(practice, visible),
        "can_edit": rules.can_write_practice(viewer, practice.office),
        "trial_offices": rules.offices_led_by(viewer).exclude(pk=practice.office_id),
        "trial_form": TrialForm(),
        "page_parts": page_parts.parts_for("practice", practice, viewer),
    }
    return render(request, "peers/practice_detail.html", context)


@login_required
def practice_create(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "edit_kapstok")
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        practice = form.save(commit=False)
        practice.office = office
        services.practice_save(practice=practice, user=request.user)
        form.save_m2m()
        messages.success(request, _("Het praktijkvoorbeeld is opgeslagen."))
        return redirect(practice)
    return render(request, "peers/practice_form.html", {"form": form, "office": office})


@login_required
def practice_edit(request, pk):
    viewer = access.viewer_for(request.user)
    practice = rules.get_practice_for(viewer, pk, "edit")
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        practice = form.save(commit=False)
        services.practice_save(practice=practice, user=request.user)
        form.save_m2m()
        messages.success(request, _("Het praktijkvoorbeeld is opgeslagen."))
        return redirect(practice)
    context = {"form": form, "office": practice.office, "practice": practice}
    return render(request, "peers/practice_form.html", context)


@login_required
@require_POST
def practice_trial(request, pk):
    """'Dit hebben wij ook geprobeerd', on behalf of an office the viewer leads."""
    viewer = access.viewer_for(request.user)
    practice = rules.get_practice_for(viewer, pk)
    access.require(rules.can_record_trial(viewer))
    form = TrialForm(request.POST)
    office_id = request.POST.get("office")
    office = rules.trial_office_for(viewer, office_id)
    if office is None or not form.is_valid():
        messages.error(request, _("Kies een uitkomst en het kantoor waarvoor u dit invult."))
        return redirect(practice)
    try:
        services.practice_trial_record(
            practice=practice, office=office, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Bedankt: uw ervaring staat bij het praktijkvoorbeeld."))
    except services.UserError as problem:
        messages.error(request, str(problem))
    return redirect(practice)


@login_required
@require_POST
def practice_from_project(request, slug, project_pk):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "edit_kapstok")
    project = get_object_or_404(Project, pk=project_pk, strategy__goal__office=office)
    try:
        practice = services.practice_from_project(project=project, user=request.user)
    except services.UserError as problem:
        messages.error(request, str(problem))
        return redirect("goals:overview", slug=office.slug)
    messages.success(request, _("Er staat een concept-praktijkvoorbeeld klaar; vul het aan."))
    return redirect("peers:practice_edit", pk=practice.pk)


@login_required
def regions(request):
    """POS staff see the proposal (or the saved regions) on the map, adjust and save."""
    from kapstok.network.maps import municipality_map

    from . import regions as region_service

    viewer = access.viewer_for(request.user)
    access.require(rules.can_manage_regions(viewer))
    errors = []
    if request.method == "POST":
        assignment = {
            int(key.removeprefix("office_")): value
            for key, value in request.POST.items()
            if key.startswith("office_") and key.removeprefix("office_").isdigit()
        }
        try:
            count = region_service.regions_save(assignment=assignment)
            messages.success(request, _("%(n)s regio's opgeslagen.") % {"n": count})
            return redirect("peers:regions")
        except services.UserError as problem:
            errors = [str(problem)]
    context = {
        "map": municipality_map(),
        "errors": errors,
        **region_service.region_page(use_proposal="voorstel" in request.GET),
    }
    return render(request, "peers/regions.html", context, status=400 if errors else 200)
