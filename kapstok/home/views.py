"""Cross-cutting pages: health check, the start page per role, error pages."""

import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kapstok.accounts import access
from kapstok.network import selectors
from kapstok.network.models import Office
from kapstok.trust.middleware import (
    DATABASE_DOWN,
    close_broken_connections,
    database_unavailable_response,
)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close()
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def start_url_for(viewer: access.Viewer) -> str | None:
    """Where a person lands after logging in: the page their main role works from."""
    if viewer.is_pos:
        return reverse("progress:national_dashboard")
    if len(viewer.lead_office_ids) == 1:
        return _office_url(next(iter(viewer.lead_office_ids)))
    if not viewer.lead_office_ids and len(viewer.member_office_ids) == 1:
        return _office_url(next(iter(viewer.member_office_ids)))
    if len(viewer.municipality_ids) == 1 and not viewer.lead_office_ids:
        return _portal_url(next(iter(viewer.municipality_ids)))
    if viewer.is_researcher and not viewer.office_ids:
        return reverse("home:research_home")
    return None


def _portal_url(municipality_id: int) -> str:
    """Civil servants and aldermen start on their municipality's portal (kapstok.municipality)."""
    from kapstok.network.models import Municipality

    code = Municipality.objects.values_list("code", flat=True).get(pk=municipality_id)
    return reverse("municipality:portal", args=[code])


def _office_url(office_id: int) -> str:
    """Leads and members start on their office's dashboard: phase, signals, what's next."""
    slug = Office.objects.values_list("slug", flat=True).get(pk=office_id)
    return reverse("progress:office_dashboard", args=[slug])


@login_required
def start(request):
    viewer = access.viewer_for(request.user)
    target = start_url_for(viewer)
    if target:
        return redirect(target)
    offices = access.offices_visible_to(viewer).with_member_count().order_by("name")
    return render(request, "home/start.html", {"offices": offices})


@login_required
def research_home(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_research(viewer))
    return render(request, "home/research_home.html", selectors.research_overview())


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """500, or the 503 page when the error was the database being unreachable.

    Errors raised in a view reach `DatabaseUnavailableMiddleware`; this catches the ones raised
    in other middleware (loading the session, for instance).
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        close_broken_connections()
        return database_unavailable_response(request)
    return render(request, "errors/500.html", status=500)
