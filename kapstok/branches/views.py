"""The branch organisations' pages: the list with totals, and one organisation's members
across the offices. Each view asks `rules`, calls a selector and renders."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kapstok.accounts import access

from . import rules, selectors

MEMBERS_PER_PAGE = 50


@login_required
def organisation_list(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_list_branch_organisations(viewer))
    totals = selectors.organisation_totals(
        rules.branch_organisations_visible_to(viewer), exact=rules.sees_exact_counts(viewer)
    )
    return render(request, "branches/organisation_list.html", {"totals": totals})


@login_required
def organisation_detail(request, slug):
    viewer = access.viewer_for(request.user)
    organisation = rules.get_branch_organisation_for(viewer, slug)
    detail = rules.branch_member_detail(viewer, organisation)
    members = Paginator(selectors.listed_members(organisation, detail), MEMBERS_PER_PAGE)
    context = {
        "organisation": organisation,
        "overview": selectors.organisation_overview(
            organisation, exact=rules.sees_exact_counts(viewer)
        ),
        "members": members.get_page(request.GET.get("pagina")),
        "public_only": detail <= access.MemberDetail.PUBLIC,
    }
    return render(request, "branches/organisation_detail.html", context)
