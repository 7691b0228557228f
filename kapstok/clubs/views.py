"""The sports club pages: the registry, a club with its links, registering, importing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import posted

from . import importing, rules, selectors, services
from .forms import ClubFilterForm, ClubForm, ClubImportForm, ClubLinkForm

PAGE_SIZE = 50


@login_required
def club_list(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_view_clubs(viewer))
    municipalities = selectors.municipalities_with_clubs(viewer)
    filters = ClubFilterForm(request.GET or None, municipalities=municipalities)
    values = filters.cleaned_data if filters.is_valid() else {}
    sport = values.get("sport")
    clubs = selectors.club_list(
        viewer,
        municipality_id=values.get("gemeente"),
        sport_id=sport.pk if sport else None,
        query=values.get("q", ""),
    )
    page = Paginator(clubs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "filters": filters,
        "can_manage": rules.can_manage_clubs(viewer),
        "query_string": _without_page(request),
    }
    return render(request, "clubs/club_list.html", context)


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@login_required
def club_detail(request, pk):
    viewer = access.viewer_for(request.user)
    club = rules.get_club_for(viewer, pk)
    can_manage = rules.can_manage_club(viewer, club)
    context = {
        "club": club,
        "links": selectors.club_links(viewer, club),
        "can_manage": can_manage,
        "sees_email": rules.sees_secretary_email(viewer, club),
        "link_form": _link_form(viewer) if can_manage else None,
    }
    return render(request, "clubs/club_detail.html", context)


def _link_form(viewer, data=None) -> ClubLinkForm:
    return ClubLinkForm(
        data,
        practices=rules.linkable_practices(viewer).select_related("office").order_by("title"),
        meetings=rules.linkable_meetings(viewer),
        posts=rules.linkable_posts(viewer).open().select_related("office").order_by("title"),
    )


@login_required
def club_create(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_manage_clubs(viewer))
    return _club_form(request, viewer, None)


@login_required
def club_edit(request, pk):
    viewer = access.viewer_for(request.user)
    club = rules.get_club_for(viewer, pk, "manage")
    return _club_form(request, viewer, club)


def _club_form(request, viewer, club):
    municipalities = rules.municipalities_managed_by(viewer)
    form = ClubForm(posted(request), instance=club, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            club = services.club_save(
                club=form.save(commit=False), sports=form.cleaned_data["sports"], user=request.user
            )
        except services.ClubError as refused:
            form.add_error("name", str(refused))
        else:
            messages.success(request, _("De vereniging is opgeslagen."))
            return redirect(club)
    return render(request, "clubs/club_form.html", {"form": form, "club": club})


@login_required
def club_delete(request, pk):
    """Ask first (the links go too), then remove."""
    viewer = access.viewer_for(request.user)
    club = rules.get_club_for(viewer, pk, "manage")
    if request.method != "POST":
        links = selectors.club_links(viewer, club)
        return render(request, "clubs/club_delete.html", {"club": club, "links": links})
    services.club_delete(club=club)
    messages.success(request, _("De vereniging %(name)s is verwijderd.") % {"name": club.name})
    return redirect("clubs:list")


@login_required
def club_import(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_manage_clubs(viewer))
    form = ClubImportForm(posted(request), request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            report = importing.clubs_import(
                data=data,
                viewer=viewer,
                user=request.user,
                save=not form.cleaned_data["check_only"],
            )
        except importing.ClubFileError as unreadable:
            form.add_error("file", str(unreadable))
    context = {
        "form": form,
        "report": report,
        "municipalities": rules.municipalities_managed_by(viewer)[:10],
        "all_municipalities": rules.managed_municipality_ids(viewer) is None,
    }
    return render(request, "clubs/club_import.html", context)


@login_required
@require_POST
def club_link(request, pk):
    viewer = access.viewer_for(request.user)
    club = rules.get_club_for(viewer, pk, "manage")
    form = _link_form(viewer, request.POST)
    if not form.is_valid():
        chosen_gone = any(form.has_error(kind) for kind in form.targets)
        for error in (
            [_("Deze keuze is niet (meer) mogelijk.")] if chosen_gone else form.non_field_errors()
        ):
            messages.error(request, error)
        return redirect(club)
    kind, target = form.cleaned_data["kind"], form.cleaned_data["target"]
    if services.club_link(club=club, kind=kind, target=target, user=request.user):
        messages.success(request, _("Gekoppeld aan %(title)s.") % {"title": target.title})
    else:
        messages.info(request, _("Deze koppeling bestond al."))
    return redirect(club)


@login_required
@require_POST
def club_unlink(request, pk, kind, target_pk):
    viewer = access.viewer_for(request.user)
    club = rules.get_club_for(viewer, pk, "manage")
    if kind not in services.LINKS:
        return redirect(club)
    if services.club_unlink(club=club, kind=kind, target_id=target_pk):
        messages.success(request, _("De koppeling is verwijderd."))
    return redirect(club)
