"""Pages of representativeness: coverage, landscape import, classification, pipeline, national.

Coverage figures: the office's leads, POS staff and the municipality's contacts. Everything
with names of prospects (the landscape list, the pipeline, exports, imports): leads and POS.
Every view loads its office through `network_rules.get_office_for`.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kapstok.accounts import access
from kapstok.core.part_cache import cached_part
from kapstok.network import rules as network_rules
from kapstok.network.maps import compact_municipality_map
from kapstok.network.models import SportBranch

from . import exports, rules, selectors, services
from .forms import ClassifyForm, MappingForm, PipelineFilterForm, ProspectForm, UploadForm
from .importer import guess_mapping
from .jobs import import_job_retry, import_job_stalled_fail, import_job_start
from .models import ImportJob, ImportStatus, LandscapeBusiness, Prospect
from .reading import LandscapeFileError, read_table

PREVIEW_ROWS = 5
REJECTED_SHOWN = 500
PAGE_SIZE = 50


def _office_for(request, slug, action):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, action)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- coverage --------------------------------------------------------------------------------


@login_required
def office_coverage(request, slug):
    """The page's content is the same for everyone with the same rights on the office, so it
    is kept as a part (`cached_part`, keyed on the content generation, the language, the
    office, the day of the figures and whether the viewer may see prospects' names): a second
    view within a minute and without a write in between reads no figures at all."""
    viewer, office = _office_for(request, slug, "view_coverage")
    can_manage = access.can_manage_landscape(viewer, office)
    body = cached_part(
        "office-coverage",
        (office.pk, timezone.localdate().isoformat(), "manage" if can_manage else "figures"),
        partial(coverage_content, office, can_manage),
    )
    return render(request, "representation/office_coverage.html", {"office": office, "body": body})


def coverage_content(office, can_manage: bool) -> str:
    """The coverage page's content, rendered without the request so nothing of the viewer
    but `can_manage` can end up in the part that others with the same rights get to see."""
    coverage = services.office_coverage_current(office)
    context = {
        "office": office,
        "coverage": coverage,
        "can_manage": can_manage,
        "prospects": [],
        "suggestions": 0,
        "latest_import": selectors.latest_import(office),
        "landscape_status": selectors.landscape_status_of(office),
    }
    if can_manage:  # names of prospects: not for the municipality
        context["prospects"] = selectors.next_prospects(office, coverage)
        context["suggestions"] = selectors.suggestions_to_review(office)
    return render_to_string("representation/_office_coverage_body.html", context)


# The index per office shows this many offices a page, lowest index first; the next page comes
# with htmx (or as a whole page without JavaScript), so 400 offices stay a small page.
NATIONAL_ROWS_PER_PAGE = 25


@login_required
def national(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_national_overview(viewer))
    figures = selectors.national_figures()
    if services.coverage_ensure_current(figures):
        figures = selectors.national_figures()
    rows = selectors.national_rows(figures)
    page = Paginator(rows, NATIONAL_ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    if request.htmx and request.GET.get("deel") == "kantoren":
        return render(request, "representation/_national_rows.html", {"page": page})
    overview = selectors.national_overview(figures)
    context = {"map": compact_municipality_map(), "page": page, **overview}
    return render(request, "representation/national.html", context)


@login_required
def landscapes(request):
    """Every office's landscape and its age: whom POS should ask for a (new) KvK export."""
    access.require(rules.can_view_landscape_status(access.viewer_for(request.user)))
    statuses = selectors.landscape_statuses()
    context = {
        "statuses": statuses,
        "without": sum(1 for s in statuses if s.state == "none"),
        "stale": sum(1 for s in statuses if s.state == "stale"),
        "stale_after_days": selectors.STALE_AFTER_DAYS,
    }
    return render(request, "representation/landscapes.html", context)


# --- import ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request, slug):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            office=office,
            created_by=request.user,
            file=upload,
            filename=upload.name[:200],
            size=upload.size,
        )
        return redirect(job)
    imports = office.landscape_imports.select_related("created_by")[:5]
    return render(
        request,
        "representation/import_start.html",
        {"office": office, "form": form, "imports": imports},
    )


def _job_for(office, pk) -> ImportJob:
    return get_object_or_404(ImportJob.objects.select_related("office"), pk=pk, office=office)


def _preview(job: ImportJob):
    """Header and first rows of the uploaded file, or a Dutch error message."""
    try:
        table = read_table(job.file.path)
        rows = []
        for _line, cells in table.rows:
            if any(cells):
                rows.append(cells + [""] * (len(table.header) - len(cells)))
            if len(rows) == PREVIEW_ROWS:
                break
        return table.header, rows, ""
    except LandscapeFileError as error:
        return [], [], str(error)
    except (OSError, ValueError):
        return [], [], _("Het bestand kan niet worden gelezen.")


@login_required
@require_http_methods(["GET", "POST"])
def import_job(request, slug, pk):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    job = _job_for(office, pk)
    import_job_stalled_fail(job)
    remap = request.POST.get("action") in {"remap", "map"} and not job.is_running
    if job.status == ImportStatus.UPLOADED or remap:
        return _mapping_step(request, office, job)
    context = {"office": office, "job": job, **_report_context(job)}
    return render(request, "representation/import_job.html", context)


def _mapping_step(request, office, job):
    if not job.file:
        messages.error(request, _("Het bestand is er niet meer; laad het opnieuw."))
        return redirect("representation:import_start", office.slug)
    header, rows, error = _preview(job)
    initial = job.mapping.get("columns") or guess_mapping(header)
    data = request.POST if request.POST.get("action") == "map" else None
    form = MappingForm(data, header=header, initial_mapping=initial)
    if data is not None and not error and form.is_valid():
        job.mapping = {
            "columns": form.mapping(),
            "remove_missing": form.cleaned_data["remove_missing"],
        }
        job.status, job.progress, job.report = ImportStatus.CHECK_PENDING, 0, {}
        job.retry_status = ""
        job.save()
        import_job_start(job)
        return redirect(job)
    context = {
        "office": office,
        "job": job,
        "form": form,
        "header": header,
        "rows": rows,
        "error": error,
    }
    return render(request, "representation/import_mapping.html", context)


def _report_context(job: ImportJob) -> dict:
    rejected = job.report.get("rejected", [])
    return {
        "rejected": rejected[:REJECTED_SHOWN],
        "rejected_more": max(0, job.report.get("rejected_count", 0) - REJECTED_SHOWN),
        "report": job.report,
        "preview": job.report.get("preview", {}),
    }


@login_required
def import_progress(request, slug, pk):
    """The progress bar (htmx polls it every second); when the step is over, reload the page."""
    _viewer, office = _office_for(request, slug, "manage_landscape")
    job = _job_for(office, pk)
    import_job_stalled_fail(job)
    response = render(request, "representation/_import_progress.html", {"job": job})
    if request.htmx and not job.is_running:
        response["HX-Redirect"] = job.get_absolute_url()
    return response


@login_required
@require_POST
def import_confirm(request, slug, pk):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    job = _job_for(office, pk)
    moved = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.IMPORT_PENDING, progress=0, updated_at=timezone.now()
    )
    if moved:
        import_job_start(job)
    else:
        messages.error(request, _("Deze import is niet (meer) klaar om op te slaan."))
    return redirect(job)


@login_required
@require_POST
def import_retry(request, slug, pk):
    """Run a step again that a database outage or a restart cut off (nothing of it was stored)."""
    _viewer, office = _office_for(request, slug, "manage_landscape")
    job = _job_for(office, pk)
    if not import_job_retry(job):
        messages.error(
            request, _("Deze import kan niet opnieuw worden geprobeerd; kies het bestand opnieuw.")
        )
    return redirect(job)


@login_required
def import_rejected(request, slug, pk):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    job = _job_for(office, pk)
    content = exports.rejected_csv(job.report.get("rejected", []))
    return _download(content, "text/csv; charset=utf-8", f"afgewezen-regels-{office.slug}.csv")


# --- landscape: classify and review matches --------------------------------------------------


@login_required
def landscape_list(request, slug):
    viewer, office = _office_for(request, slug, "manage_landscape")
    filter_form = PipelineFilterForm(request.GET or None)
    _stage, branch = filter_form.values()
    rows = office.landscape.select_related(
        "branch", "municipality", "entrepreneur", "suggested_entrepreneur"
    ).order_by("trade_name")
    if request.GET.get("review") == "1":
        rows = rows.filter(suggested_entrepreneur__isnull=False)
    if branch == selectors.UNKNOWN:
        rows = rows.filter(branch__isnull=True)
    elif branch:
        rows = rows.filter(branch__slug=branch)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = _with_names_shown(viewer, list(page.object_list))
    context = {
        "office": office,
        "page": page,
        "filter_form": filter_form,
        "query": _query_without_page(request),
        **_row_context(request.get_full_path()),
    }
    return render(request, "representation/landscape_list.html", context)


def _with_names_shown(viewer, businesses: list) -> list:
    """Mark which linked or suggested entrepreneurs the viewer may see by name.

    A row shows Kapstok's name of its entrepreneur (and links to their page) only when the
    viewer may open that page (`network_rules.entrepreneurs_visible_to`: for a lead, the current
    members of their offices); otherwise the row's own name from the file, and no suggestion.
    """
    ids = {b.entrepreneur_id for b in businesses}
    ids |= {b.suggested_entrepreneur_id for b in businesses}
    ids.discard(None)
    visible = set()
    if ids:
        visible = set(
            network_rules.entrepreneurs_visible_to(viewer)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
    for business in businesses:
        business.shows_entrepreneur = business.entrepreneur_id in visible
        business.shows_suggestion = business.suggested_entrepreneur_id in visible
    return businesses


def _row_context(next_url: str) -> dict:
    """What `_business_row.html` needs besides the business: the branches and where to return."""
    return {
        "branches": list(SportBranch.objects.order_by("sort_order", "name")),
        "next_url": next_url,
    }


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def _business_for(office, pk) -> LandscapeBusiness:
    return get_object_or_404(
        LandscapeBusiness.objects.select_related(
            "branch", "municipality", "entrepreneur", "suggested_entrepreneur"
        ),
        pk=pk,
        office=office,
    )


def _back_to_list(request, office):
    """Back where the lead came from (the list with its filters), or the list itself."""
    target = request.POST.get("next", "")
    if target.startswith(f"/netwerk/kantoren/{office.slug}/afspiegeling/"):
        return redirect(target)
    return redirect("representation:landscape_list", office.slug)


@login_required
@require_POST
def business_classify(request, slug, pk):
    viewer, office = _office_for(request, slug, "manage_landscape")
    business = _business_for(office, pk)
    form = ClassifyForm(request.POST)
    if form.is_valid():
        services.business_classify(
            business=business, branch=form.cleaned_data["branch"], actor=request.user
        )
        if not request.htmx:
            messages.success(
                request,
                _("%(name)s is ingedeeld bij %(branch)s; dat onthouden we bij een volgende import.")
                % {"name": business.trade_name, "branch": business.branch.name},
            )
    elif not request.htmx:
        messages.error(request, _("Kies een tak van sport."))
    if request.htmx:
        context = {
            "office": office,
            "business": _with_names_shown(viewer, [business])[0],
            "saved": form.is_valid(),
            **_row_context(request.POST.get("next", "")),
        }
        return render(request, "representation/_business_row.html", context)
    return _back_to_list(request, office)


@login_required
@require_POST
def suggestion_decide(request, slug, pk):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    business = _business_for(office, pk)
    try:
        if request.POST.get("decision") == "confirm":
            services.suggestion_confirm(business=business)
            messages.success(request, _("De koppeling is bevestigd."))
        elif request.POST.get("decision") == "reject":
            services.suggestion_reject(business=business)
            messages.success(request, _("De voorgestelde koppeling is afgewezen."))
        else:
            messages.error(request, _("Kies bevestigen of afwijzen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to_list(request, office)


# --- the pipeline ----------------------------------------------------------------------------


def _pipeline_rows(request, office):
    """The filter form, the office's coverage and the ordered ids of the filtered pipeline."""
    filter_form = PipelineFilterForm(request.GET or None)
    stage, branch = filter_form.values()
    coverage = selectors.office_coverage(office, details=False)
    return filter_form, coverage, selectors.pipeline(office, coverage, stage, branch)


@login_required
def pipeline(request, slug):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    filter_form, coverage, ids = _pipeline_rows(request, office)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = selectors.businesses(list(page.object_list), coverage)
    query = _query_without_page(request)
    context = {"office": office, "page": page, "filter_form": filter_form, "query": query}
    return render(request, "representation/pipeline.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def prospect_edit(request, slug, pk):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    business = _business_for(office, pk)
    instance = Prospect.objects.filter(business=business).first()
    form = ProspectForm(request.POST or None, instance=instance, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            services.prospect_update(business=business, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is bijgewerkt.") % {"name": business})
            return redirect("representation:pipeline", office.slug)
    context = {"office": office, "business": business, "form": form}
    return render(request, "representation/prospect_form.html", context)


@login_required
def pipeline_export_csv(request, slug):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    _form, coverage, ids = _pipeline_rows(request, office)
    stamp = timezone.localdate().isoformat()
    return _download(
        exports.pipeline_csv(selectors.businesses(ids, coverage)),
        "text/csv; charset=utf-8",
        f"werving-{office.slug}-{stamp}.csv",
    )


@login_required
def pipeline_export_xlsx(request, slug):
    _viewer, office = _office_for(request, slug, "manage_landscape")
    _form, coverage, ids = _pipeline_rows(request, office)
    stamp = timezone.localdate().isoformat()
    return _download(
        exports.pipeline_xlsx(selectors.businesses(ids, coverage)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"werving-{office.slug}-{stamp}.xlsx",
    )
