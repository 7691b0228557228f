"""Internal registry pages. Each view loads through the access layer, calls a selector or
service, and renders; htmx requests for the office list get only the results fragment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import apply_errors, posted
from kapstok.core.part_cache import fragment_context

from . import page_parts, rules, selectors, services
from .forms import (
    BranchPartnerForm,
    ClaimAnswerForm,
    EntrepreneurForm,
    MembershipAddForm,
    MembershipEndForm,
    MembershipLeaveForm,
    OfficeFilterForm,
    OfficeForm,
    RoleDatesForm,
    RoleEndForm,
    RoleGrantForm,
)
from .models import Entrepreneur, Membership, MembershipClaim, Municipality, Office

MEMBERS_PER_PAGE = 50
OFFICES_PER_PAGE = 50


def _query_without_page(request) -> str:
    """The current filters as a query string, for pagination links that keep them."""
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


@login_required
def office_list(request):
    viewer = access.viewer_for(request.user)
    # Which offices have a member of a branch organisation says something of members a viewer
    # may not see by name: the filter is for who looks for members (POS and leads).
    form = OfficeFilterForm(
        request.GET or None,
        provinces=selectors.provinces(),
        organisations=selectors.branch_organisation_choices()
        if rules.can_list_entrepreneurs(viewer)
        else None,
    )
    filters = selectors.OfficeFilters(**_filter_values(form))
    offices = selectors.office_list(rules.offices_visible_to(viewer), filters)
    page = Paginator(offices, OFFICES_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "offices": page,
        "page_query": _query_without_page(request),
        "can_create": access.can_create_office(viewer),
    }
    template = "network/_office_rows.html" if request.htmx else "network/office_list.html"
    return render(request, template, context)


def _filter_values(form: OfficeFilterForm) -> dict:
    if not form.is_bound or not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "province": data["province"],
        "status": data["status"],
        "size": data["size"],
        "initiative": data["initiative"],
        "query": data["q"].strip(),
        "organisation": data.get("organisatie", ""),
    }


@login_required
def office_detail(request, slug):
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "view")
    detail = access.member_detail(viewer, office)
    members = Paginator(selectors.members_for(office, detail), MEMBERS_PER_PAGE)
    context = {
        "office": office,
        "members": members.get_page(request.GET.get("pagina")),
        # The members' fragments are cached per level (`office_detail.html`).
        "member_detail": int(detail),
        "public_only": detail <= access.MemberDetail.PUBLIC,
        "show_office_contact": detail >= access.MemberDetail.NETWORK,
        "show_member_details": detail >= access.MemberDetail.FULL,
        "former_members": selectors.former_members(office)[:20]
        if detail >= access.MemberDetail.FULL
        else [],
        "can_manage_roles": access.can_manage_office_roles(viewer, office),
        "can_edit": access.can_edit_office(viewer, office),
        "can_manage_members": access.can_manage_members(viewer, office),
        "own_memberships": rules.own_memberships(viewer, office),
        "leave_reasons": selectors.leave_reasons_cached(office)
        if detail >= access.MemberDetail.FULL
        else [],
        "pending_claims": selectors.pending_claims(office)
        if access.can_manage_members(viewer, office)
        else [],
        **selectors.office_facts(office),
        **fragment_context(),
    }
    return render(request, "network/office_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_create_office(viewer))
    return _office_form(request, Office(), _("Nieuw POS-kantoor"), viewer)


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request, slug):
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "edit")
    return _office_form(request, office, _("Kantoor bewerken"), viewer)


def _office_form(request, office: Office, title: str, viewer):
    form = OfficeForm(
        posted(request),
        instance=office,
        scope_editable=access.can_change_office_scope(viewer),
    )
    if request.method == "POST" and form.is_valid():
        try:
            office = services.office_save(
                office=form.save(commit=False),
                municipalities=form.cleaned_data["municipalities"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het kantoor is opgeslagen."))
            return redirect(office)
    return render(
        request, "network/office_form.html", {"form": form, "office": office, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, slug):
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "manage_members")
    form = MembershipAddForm(posted(request), office=office)
    if request.method == "POST" and form.is_valid():
        try:
            message = _add_member(form, office, request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(office)
    return render(request, "network/membership_form.html", {"form": form, "office": office})


def _add_member(form: MembershipAddForm, office: Office, actor) -> str:
    """Register a new business as a member, or ask a known one to confirm; the message to show.

    A business Kapstok already knows belongs to itself: the office asks and the business
    confirms (`services.membership_claim_create`), so typing a KvK number never hands another
    office's member, with its contact details, to this one.
    """
    data = form.cleaned_data
    common = {
        "office": office,
        "joined_on": data["joined_on"],
        "listed_publicly": data["listed_publicly"],
        "actor": actor,
    }
    known = form.known_entrepreneur()
    if known:
        claim = services.membership_claim_create(entrepreneur=known, **common)
        if services.entrepreneur_addresses(known):
            return _(
                "%(name)s is al bekend in Kapstok. We hebben het bedrijf gevraagd het "
                "lidmaatschap te bevestigen; daarna staat het bij de leden."
            ) % {"name": claim.entrepreneur.business_name}
        return _(
            "%(name)s is al bekend in Kapstok, maar zonder e-mailadres. Het lidmaatschap wacht "
            "op bevestiging; vraag POS om die met het bedrijf te regelen."
        ) % {"name": claim.entrepreneur.business_name}
    membership = services.membership_add_by_kvk(
        entrepreneur_data=form.entrepreneur_data(), branches=data["branches"], **common
    )
    return _("%(name)s is toegevoegd als lid.") % {"name": membership.entrepreneur}


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, slug, pk):
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "manage_members")
    membership = get_object_or_404(
        Membership.objects.select_related("entrepreneur"),
        pk=pk,
        office=office,
        left_on__isnull=True,
    )
    form = MembershipEndForm(posted(request), instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["left_reason"],
                note=form.cleaned_data["left_note"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het lidmaatschap is beëindigd."))
            return redirect(office)
    context = {"form": form, "office": office, "membership": membership}
    return render(request, "network/membership_end.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_leave(request, slug, pk):
    """A member ends their own business's membership, saying why; sent twice, it ends once."""
    viewer = access.viewer_for(request.user)
    membership = get_object_or_404(
        Membership.objects.select_related("entrepreneur", "office"), pk=pk, office__slug=slug
    )
    access.require(rules.can_leave(viewer, membership))
    if membership.left_on is not None:
        messages.info(request, _("Dit lidmaatschap is al beëindigd."))
        return redirect("home:start")
    form = MembershipLeaveForm(posted(request), instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                left_on=timezone.localdate(),
                reason=form.cleaned_data["left_reason"],
                note=form.cleaned_data["left_note"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("U bent geen lid meer van %(office)s. Dank voor uw antwoord.")
                % {"office": membership.office.name},
            )
            return redirect("home:start")
    context = {"form": form, "office": membership.office, "membership": membership}
    return render(request, "network/membership_leave.html", context)


@login_required
def entrepreneur_list(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_list_entrepreneurs(viewer))
    query = request.GET.get("q", "").strip()[:100]
    organisations = selectors.branch_organisation_choices()
    organisation = request.GET.get("organisatie", "")
    if organisation not in {slug for slug, _name in organisations}:
        organisation = ""
    entrepreneurs = selectors.entrepreneurs_filtered(
        rules.entrepreneurs_visible_to(viewer).select_related("municipality"),
        query=query,
        organisation=organisation,
    )
    page = Paginator(entrepreneurs.order_by("business_name", "pk"), 50).get_page(
        request.GET.get("pagina")
    )
    context = {
        "page": page,
        "query": query,
        "organisations": organisations,
        "organisation": organisation,
        "page_query": _query_without_page(request),
        "can_create": rules.can_create_entrepreneur(viewer),
    }
    return render(request, "network/entrepreneur_list.html", context)


@login_required
def entrepreneur_detail(request, pk):
    viewer = access.viewer_for(request.user)
    entrepreneur = rules.get_entrepreneur_for(viewer, pk, "view")
    memberships = (
        rules.memberships_visible_to(viewer, entrepreneur)
        .select_related("office")
        .order_by("-joined_on")
    )
    context = {
        "entrepreneur": entrepreneur,
        "branches": entrepreneur.branches.all(),
        "organisations": entrepreneur.branch_organisations.all(),
        "memberships": memberships,
        "can_edit": rules.can_edit_entrepreneur(viewer, entrepreneur),
    }
    return render(request, "network/entrepreneur_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entrepreneur_create(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_create_entrepreneur(viewer))
    return _entrepreneur_form(request, Entrepreneur(), _("Nieuwe sportondernemer"))


@login_required
@require_http_methods(["GET", "POST"])
def entrepreneur_edit(request, pk):
    viewer = access.viewer_for(request.user)
    entrepreneur = rules.get_entrepreneur_for(viewer, pk, "edit")
    return _entrepreneur_form(request, entrepreneur, _("Sportondernemer bewerken"))


def _entrepreneur_form(request, entrepreneur: Entrepreneur, title: str):
    form = EntrepreneurForm(posted(request), instance=entrepreneur)
    if request.method == "POST" and form.is_valid():
        try:
            entrepreneur = services.entrepreneur_save(
                entrepreneur=form.save(commit=False),
                branches=form.cleaned_data["branches"],
                organisations=form.cleaned_data["branch_organisations"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(entrepreneur)
    context = {"form": form, "entrepreneur": entrepreneur, "title": title}
    return render(request, "network/entrepreneur_form.html", context)


@login_required
def municipality_list(request):
    province = request.GET.get("provincie", "")
    municipalities = Municipality.objects.current().order_by("name")
    if province:
        municipalities = municipalities.filter(province=province)
    context = {
        "municipalities": municipalities.annotate(office_count=Count("offices")),
        "provinces": selectors.provinces(),
        "province": province,
    }
    return render(request, "network/municipality_list.html", context)


@login_required
def municipality_detail(request, code):
    viewer = access.viewer_for(request.user)
    municipality = get_object_or_404(Municipality, code=code)
    access.require(access.can_view_municipality(viewer, municipality))
    context = {"municipality": municipality, **selectors.municipality_detail(municipality)}
    context["phases"] = page_parts.office_phase_labels(context["offices"])
    return render(request, "network/municipality_detail.html", context)


# --- membership claims -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def claim_respond(request, token):
    """The link in the mail to the business: confirm or refuse an office's request.

    Reached without logging in: the link went to the address on file, which is what proves that
    the person answering speaks for the business.
    """
    try:
        claim = services.claim_for_token(token)
    except ValidationError as error:
        return render(
            request, "network/claim_respond.html", {"error": error.messages[0]}, status=400
        )
    return _claim_answer(
        request, claim, actor=request.user if request.user.is_authenticated else None
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_answer(request, pk):
    """The same answer from inside Kapstok: the business's own account, or POS on its behalf."""
    viewer = access.viewer_for(request.user)
    claim = get_object_or_404(
        MembershipClaim.objects.select_related("office", "entrepreneur"), pk=pk
    )
    access.require(rules.can_answer_membership_claim(viewer, claim))
    return _claim_answer(request, claim, actor=request.user)


def _claim_answer(request, claim: MembershipClaim, actor):
    # Not `posted`: an empty POST names no action, and would otherwise count as a refusal.
    form = ClaimAnswerForm(request.POST or None, initial={"listed_publicly": claim.listed_publicly})
    if request.method == "POST" and claim.is_pending and form.is_valid():
        try:
            if request.POST.get("action") == "confirm":
                services.membership_claim_confirm(
                    claim=claim, listed_publicly=form.cleaned_data["listed_publicly"], actor=actor
                )
                messages.success(
                    request,
                    _("U bent nu lid van %(office)s.") % {"office": claim.office.name},
                )
            else:
                services.membership_claim_decline(claim=claim, actor=actor)
                messages.success(request, _("U heeft het verzoek geweigerd."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            claim.refresh_from_db()
    context = {"claim": claim, "form": form}
    return render(
        request, "network/claim_respond.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["POST"])
def claim_withdraw(request, slug, pk):
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "manage_members")
    claim = get_object_or_404(MembershipClaim, pk=pk, office=office)
    access.require(rules.can_withdraw_membership_claim(viewer, claim))
    try:
        services.membership_claim_withdraw(claim=claim, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Het verzoek is ingetrokken."))
    return redirect(office)


# --- roles -----------------------------------------------------------------------------------


def _grant_status(request) -> str:
    status = request.GET.get("status", "current")
    return status if status in selectors.GRANT_STATUSES else "current"


def _grant_role_from(form, request):
    """Run the grant service for a valid form; its ValidationError lands on the form."""
    data = form.cleaned_data
    try:
        services.role_grant_to_person(
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            scope=form.scope(),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            actor=request.user,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, _("De rol is toegekend."))
    return True


def _roles_page(request, *, grants, form, office=None):
    status = _grant_status(request)
    query = request.GET.get("q", "").strip()[:100]
    listed = selectors.grants_listed(grants, status, query)
    page = Paginator(listed, GRANTS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "office": office,
        "grants": page,
        "form": form,
        "status": status,
        "statuses": GRANT_STATUS_LABELS,
        "query": query,
        "page_query": _query_without_page(request),
    }
    return render(request, "network/roles.html", context)


GRANTS_PER_PAGE = 50
GRANT_STATUS_LABELS = (
    ("current", gettext_lazy("Huidig")),
    ("future", gettext_lazy("Toekomstig")),
    ("ended", gettext_lazy("Beëindigd")),
    ("all", gettext_lazy("Alle")),
)


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request):
    """Every role in the network, with its dates: POS grants, ends and moves them here."""
    from kapstok.accounts.models import Role, RoleGrant

    viewer = access.viewer_for(request.user)
    access.require(access.can_manage_all_roles(viewer))
    # A member's role comes with their business (the membership and its confirmation), not here.
    roles = [role for role in Role.values if role != Role.MEMBER]
    form = RoleGrantForm(posted(request), roles=roles)
    if request.method == "POST" and form.is_valid() and _grant_role_from(form, request):
        return redirect("network:role_list")
    return _roles_page(request, grants=RoleGrant.objects.all(), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def office_roles(request, slug):
    """The office's roles (its kartrekkers), past and to come: its leads and POS keep them."""
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, access.can_manage_office_roles)
    roles = access.office_roles_grantable_by(viewer, office)
    form = RoleGrantForm(posted(request), roles=roles, office=office)
    if request.method == "POST" and form.is_valid() and _grant_role_from(form, request):
        return redirect("network:office_roles", slug=office.slug)
    return _roles_page(request, grants=office.grants.all(), form=form, office=office)


def _grant_for(request, pk):
    """The grant, if this viewer may manage it: 404 for an unknown one, else 403."""
    from kapstok.accounts.models import RoleGrant

    grant = get_object_or_404(
        RoleGrant.objects.select_related("user", "office", "municipality", "partner"), pk=pk
    )
    access.require(access.can_manage_grant(access.viewer_for(request.user), grant))
    return grant


def _after_grant(grant):
    if grant.office_id is not None:
        return redirect("network:office_roles", slug=grant.office.slug)
    return redirect("network:role_list")


@login_required
@require_http_methods(["GET", "POST"])
def role_dates(request, pk):
    """Move the start or end of a role (a portfolio that changes hands later than planned)."""
    grant = _grant_for(request, pk)
    initial = {"starts_on": grant.starts_on, "ends_on": grant.ends_on}
    form = RoleDatesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_change_dates(
                grant=grant,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De data van de rol zijn gewijzigd."))
            return _after_grant(grant)
    context = {"form": form, "grant": grant, "office": grant.office}
    return render(request, "network/role_dates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_end(request, pk):
    """End a role; for a role on an office, name the successor who takes over the open work."""
    grant = _grant_for(request, pk)
    form = RoleEndForm(posted(request), grant=grant, successors=selectors.successors_for(grant))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.role_end_with_hand_over(
                grant=grant,
                ends_on=form.cleaned_data["ends_on"],
                successor=form.cleaned_data.get("successor"),
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, report)
            return _after_grant(grant)
    context = {"form": form, "grant": grant, "office": grant.office}
    return render(request, "network/role_end.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def branch_partner_add(request, slug):
    """The office takes a branch organisation on as partner: its leads or POS choose one."""
    viewer = access.viewer_for(request.user)
    office = rules.get_office_for(viewer, slug, "edit")
    data = posted(request)  # an empty POST is an error
    form = BranchPartnerForm(data, office=office)
    if request.method == "POST" and form.is_valid():
        partner = services.branch_organisation_partner_add(
            office=office, organisation=form.cleaned_data["organisation"], actor=request.user
        )
        messages.success(
            request, _("%(name)s is nu partner van het kantoor.") % {"name": partner.name}
        )
        return redirect(office)
    return render(request, "network/branch_partner_form.html", {"form": form, "office": office})
