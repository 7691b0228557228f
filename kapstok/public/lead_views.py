"""The lead's side of the public site: edit the public page, handle join requests, see reach.

Pages under /netwerk/kantoren/<slug>/; each loads the office through `network_rules.get_office_for`
with the action that page needs, so leads of other offices get 403 and anonymous visitors the
login page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.network import rules as network_rules
from kapstok.network.models import MembershipClaim

from . import selectors, services
from .forms import AcceptForm, DeclineForm, PublicPageForm
from .models import JoinRequest, OfficePublicPage


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request, slug):
    """Edit the public texts; "Voorbeeld" shows the result without saving (htmx: in place)."""
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "edit_public_page")
    page = selectors.public_page_of(office) or OfficePublicPage(office=office)
    choices = {
        "goals": selectors.publishable_goals(office),
        "projects": selectors.publishable_projects(office),
    }
    form = PublicPageForm(request.POST or None, instance=page, **choices)
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            return _preview(request, office, form)
        services.public_page_save(
            office=office,
            about=form.cleaned_data["about"],
            benefits=form.cleaned_data["benefits"],
            goals=form.cleaned_data.get("published_goals", ()),
            projects=form.cleaned_data.get("published_projects", ()),
            actor=request.user,
        )
        messages.success(request, _("De openbare pagina is opgeslagen."))
        return redirect("public:page_edit", slug=office.slug)
    context = {"office": office, "form": form, "preview": None}
    return render(request, "public/page_edit.html", context, status=400 if form.errors else 200)


def _preview(request, office, form):
    """The texts as a visitor would read them, built from the unsaved form."""
    preview = OfficePublicPage(
        office=office, about=form.cleaned_data["about"], benefits=form.cleaned_data["benefits"]
    )
    context = {"office": office, "form": form, "preview": preview}
    template = "public/_page_preview.html" if request.htmx else "public/page_edit.html"
    return render(request, template, context)


@login_required
def join_requests(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "handle_join_requests")
    context = {
        "office": office,
        **selectors.join_requests_for_lead(office),
        "funnel": selectors.funnel(office),
    }
    return render(request, "public/join_requests.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def join_request_detail(request, slug, pk):
    """One confirmed request: accept (with the company's municipality) or decline (reason)."""
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "handle_join_requests")
    join_request = get_object_or_404(
        JoinRequest.objects.prefetch_related("branches"), pk=pk, office=office
    )
    initial = {
        "listed_publicly": join_request.listed_publicly,
        "municipality": office.municipalities.order_by("name").first(),
    }
    accept_form = AcceptForm(office=office, initial=initial)
    decline_form = DeclineForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            accept_form = AcceptForm(request.POST, office=office)
            if accept_form.is_valid() and _accept(request, join_request, accept_form):
                return redirect("public:join_requests", slug=office.slug)
        elif action == "decline":
            decline_form = DeclineForm(request.POST)
            if decline_form.is_valid() and _decline(request, join_request, decline_form):
                return redirect("public:join_requests", slug=office.slug)
    context = {
        "office": office,
        "join_request": join_request,
        "accept_form": accept_form,
        "decline_form": decline_form,
        "known_entrepreneur": services.known_entrepreneur(join_request.kvk_number) is not None,
        "already_member": services.kvk_is_member(office, join_request.kvk_number),
    }
    status = 400 if accept_form.errors or decline_form.errors else 200
    return render(request, "public/join_request_detail.html", context, status=status)


def _accept(request, join_request, form) -> bool:
    try:
        outcome = services.join_request_accept(
            join_request=join_request,
            actor=request.user,
            municipality=form.cleaned_data["municipality"],
            listed_publicly=form.cleaned_data["listed_publicly"],
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    if isinstance(outcome, MembershipClaim):
        message = _(
            "Geaccepteerd. Dit bedrijf is al bekend in Kapstok: het wordt lid zodra het zelf "
            "bevestigt via het e-mailadres dat Kapstok van het bedrijf heeft."
        )
    else:
        message = _("%(name)s is lid geworden en heeft een welkomstmail gekregen.") % {
            "name": join_request.business_name
        }
    messages.success(request, message)
    return True


def _decline(request, join_request, form) -> bool:
    try:
        services.join_request_decline(
            join_request=join_request, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(
        request,
        _("De aanmelding van %(name)s is afgewezen; de ondernemer heeft een e-mail gekregen.")
        % {"name": join_request.business_name},
    )
    return True
