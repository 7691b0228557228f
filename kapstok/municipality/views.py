"""The municipality portal and the page where members (or their lead) agree to share contact
details with the municipality. Access through `kapstok.accounts.access`; rules in `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.network.models import Membership, Municipality, Office

from . import selectors, services
from .models import ContactSharing


@login_required
def portal_list(request):
    viewer = access.viewer_for(request.user)
    municipalities = selectors.portal_municipalities(viewer)
    access.require(viewer.is_national or bool(viewer.municipality_ids))
    if len(viewer.municipality_ids) == 1 and not viewer.is_national:
        return redirect("municipality:portal", code=municipalities.get().code)
    return render(request, "municipality/portal_list.html", {"municipalities": municipalities})


@login_required
def portal(request, code):
    viewer = access.viewer_for(request.user)
    municipality = get_object_or_404(Municipality, code=code)
    access.require(access.can_view_municipality_portal(viewer, municipality))
    context = {"municipality": municipality, **selectors.portal(municipality)}
    return render(request, "municipality/portal.html", context)


def _sharing_memberships(viewer, office):
    """The lead and POS see every current member; a member only their own membership."""
    shares = ContactSharing.objects.filter(
        membership=OuterRef("pk"), shares_contact_with_municipality=True
    )
    memberships = (
        Membership.objects.current()
        .filter(office=office)
        .select_related("entrepreneur")
        .annotate(shares=Exists(shares))
        .order_by("entrepreneur__business_name")
    )
    if not (viewer.is_national or office.pk in viewer.lead_office_ids):
        memberships = memberships.filter(entrepreneur_id__in=viewer.entrepreneur_ids)
    return list(memberships)


@login_required
def contact_sharing(request, slug):
    viewer = access.viewer_for(request.user)
    office = get_object_or_404(Office, slug=slug)
    access.require(
        viewer.is_national or office.pk in viewer.lead_office_ids | viewer.member_office_ids
    )
    memberships = _sharing_memberships(viewer, office)
    if request.method == "POST":
        for membership in memberships:
            access.require(access.can_set_contact_sharing(viewer, membership))
            wanted = f"share-{membership.pk}" in request.POST
            if wanted != membership.shares:
                services.contact_sharing_set(
                    membership=membership, shares=wanted, actor=request.user
                )
        messages.success(request, _("Opgeslagen."))
        return redirect("municipality:contact_sharing", slug=office.slug)
    context = {
        "office": office,
        "memberships": memberships,
        "is_lead": viewer.is_national or office.pk in viewer.lead_office_ids,
    }
    return render(request, "municipality/contact_sharing.html", context)
