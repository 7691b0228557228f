"""Cross-cutting pages: health check, the start page per role, error pages."""

import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kapstok.accounts import access
from kapstok.network import selectors
from kapstok.trust.middleware import (
    DATABASE_DOWN,
    close_broken_connections,
    database_unavailable_response,
)

from . import todo


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


@login_required
def start(request):
    """Where everyone lands after logging in: their to-do list first, then their main pages."""
    viewer = access.viewer_for(request.user)
    context = {
        "sections": todo.sections_for(viewer),
        "pages": todo.pages_for(viewer, request.user),
    }
    return render(request, "home/start.html", context)


@login_required
def research_home(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_research(viewer))
    return render(request, "home/research_home.html", selectors.research_overview())


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    """The Dutch page; under /api/ the API's own JSON, since its clients read no HTML."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Niet gevonden."}, status=404)
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
