"""Dashboards: one per office (lead, members read-only) and one national (POS staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kapstok.accounts import access
from kapstok.core.part_cache import fragment_context
from kapstok.goals.selectors import goal_progress, office_goal_page
from kapstok.network import rules as network_rules
from kapstok.network import selectors as network_selectors
from kapstok.network.maps import compact_municipality_map
from kapstok.representation.selectors import landscape_status_of

from . import selectors, services
from .exports import dashboard_workbook
from .forms import AcknowledgeForm, DashboardFilterForm, StallSettingsForm
from .models import Signal, StallSettings

# The dashboard shows the first open goals with their progress and links to the kapstok for
# the rest: an office with 150 goals gets a page as fast and short as one with 5.
DASHBOARD_GOALS = 10


@login_required
def office_dashboard(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view")
    goal_page = office_goal_page(
        office, include_closed=False, per_page=DASHBOARD_GOALS, build=goal_progress
    )
    context = {
        "office": office,
        "goal_page": goal_page,
        # Read only when the goals section is not in the cache (`office_dashboard.html`).
        "goal_views": SimpleLazyObject(lambda: goal_page.views),
        "can_acknowledge": access.can_edit_kapstok(viewer, office),
        "show_internal": access.sees_internal_notes(viewer, office),
        "acknowledge_form": AcknowledgeForm(),
        "landscape_status": landscape_status_of(office)
        if access.can_manage_landscape(viewer, office)
        else None,
        **selectors.office_dashboard(office),
        **fragment_context(),
    }
    return render(request, "progress/office_dashboard.html", context)


@login_required
@require_POST
def signal_acknowledge(request, slug, pk):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "edit_kapstok")
    signal = get_object_or_404(Signal.objects.open(), pk=pk, office=office)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        services.signal_acknowledge(
            signal=signal, user=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request, _("Het signaal is gezien; het verdwijnt vanzelf als het is opgelost.")
        )
    else:
        messages.error(request, _("De notitie is te lang (maximaal 500 tekens)."))
    return redirect("progress:office_dashboard", slug=office.slug)


def _national_context(request):
    form = DashboardFilterForm(request.GET or None, provinces=network_selectors.provinces())
    filters = form.values()
    data = selectors.national_dashboard_recent(filters)
    return form, filters, data


# The dashboard's two office tables show this many rows a page; the next page comes with htmx
# (or as a whole page without JavaScript), so 400 offices do not make a 300 kB page.
ROWS_PER_PAGE = 25
# Page parameter of each table; an htmx request names the table in `deel` to get only it.
TABLE_PAGES = {"signalen": "signalen_pagina", "kantoren": "pagina"}


def _query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@login_required
def national_dashboard(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_national_overview(viewer))
    form, filters, data = _national_context(request)
    context = {
        "form": form,
        "colour_by": filters.get("colour", "phase"),
        "map": compact_municipality_map(),
        "query": _query_without(request, "deel", *TABLE_PAGES.values()),
        **data,
    }
    for table, parameter in TABLE_PAGES.items():
        rows = data["signal_rows"] if table == "signalen" else data["rows"]
        context[f"{table}_page"] = Paginator(rows, ROWS_PER_PAGE).get_page(
            request.GET.get(parameter)
        )
        context[f"{table}_query"] = _query_without(request, "deel", parameter)
    table = request.GET.get("deel")
    if request.htmx and table in TABLE_PAGES:
        return render(request, f"progress/_national_{table}.html", context)
    return render(request, "progress/national_dashboard.html", context)


@login_required
def national_export(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_national_overview(viewer))
    _form, _filters, data = _national_context(request)
    response = HttpResponse(
        dashboard_workbook(data["rows"]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kapstok-kantoren-{stamp}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def stall_settings(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_change_stall_settings(viewer))
    form = StallSettingsForm(request.POST or None, instance=StallSettings.current())
    if request.method == "POST" and form.is_valid():
        settings_row = form.save(commit=False)
        settings_row.updated_by = request.user
        settings_row.save()
        services.signals_compute()
        messages.success(request, _("De drempels zijn opgeslagen en de signalen opnieuw berekend."))
        return redirect("progress:stall_settings")
    return render(request, "progress/stall_settings.html", {"form": form})
