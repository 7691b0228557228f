"""The municipality portal, the page where members agree to share contact details with the
municipality, and the office's page of what its municipalities contributed. Access through
`kapstok.accounts.access`; rules in `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.core.part_cache import fragment_context
from kapstok.influence.selectors import national_positions_for_municipality
from kapstok.network import rules as network_rules
from kapstok.network.models import Entrepreneur, Membership, Municipality
from kapstok.trust.consent import consent_text, municipality_contact_holders
from kapstok.trust.models import ConsentPurpose

from . import rules, selectors, services
from .forms import ContributionForm
from .models import Contribution


@login_required
def portal_list(request):
    viewer = access.viewer_for(request.user)
    municipalities = selectors.portal_municipalities(viewer)
    access.require(rules.can_open_portal_list(viewer))
    if rules.own_portal_only(viewer):
        return redirect("municipality:portal", code=municipalities.get().code)
    return render(request, "municipality/portal_list.html", {"municipalities": municipalities})


@login_required
def portal(request, code):
    viewer = access.viewer_for(request.user)
    municipality = get_object_or_404(Municipality, code=code)
    access.require(access.can_view_municipality_portal(viewer, municipality))
    shown = selectors.portal(municipality)
    context = {
        "municipality": municipality,
        **shown,
        "call_office_ids": rules.call_office_ids(viewer, [row["office"] for row in shown["rows"]]),
        "national_positions": national_positions_for_municipality(viewer, municipality),
        **fragment_context(),
    }
    return render(request, "municipality/portal.html", context)


@login_required
def portal_members(request, code, slug):
    """Every business of one office that the municipality may see, a page at a time: the
    portal's card of the office lists only the first few."""
    viewer = access.viewer_for(request.user)
    municipality = get_object_or_404(Municipality, code=code)
    access.require(access.can_view_municipality_portal(viewer, municipality))
    office = get_object_or_404(municipality.offices, slug=slug)
    context = {
        "municipality": municipality,
        "office": office,
        "members": selectors.visible_members_page(
            office, municipality.pk, request.GET.get("pagina")
        ),
    }
    return render(request, "municipality/portal_members.html", context)


def _sharing_rows(office, entrepreneurs, municipalities) -> list[dict]:
    """Per business, per municipality of the office: whether its consent stands now."""
    holders = {
        municipality.pk: municipality_contact_holders(
            municipality.pk, [e.pk for e in entrepreneurs]
        )
        for municipality in municipalities
    }
    return [
        {
            "entrepreneur": entrepreneur,
            "choices": [
                {
                    "municipality": municipality,
                    "field": f"share-{entrepreneur.pk}-{municipality.pk}",
                    "given": entrepreneur.pk in holders[municipality.pk],
                }
                for municipality in municipalities
            ],
        }
        for entrepreneur in entrepreneurs
    ]


def _current_members(office, only=None) -> list:
    memberships = Membership.objects.current().filter(office=office)
    if only is not None:
        memberships = memberships.filter(entrepreneur__in=only)
    ids = memberships.values("entrepreneur_id")
    return list(Entrepreneur.objects.filter(pk__in=ids).order_by("business_name", "pk"))


@login_required
def contact_sharing(request, slug):
    """The business says, per municipality, whether it shares e-mail and phone; the office's
    leads (and POS) see who did and may ask the others by mail, but cannot tick it for them."""
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view")
    access.require(access.can_open_contact_sharing(viewer, office))
    municipalities = list(office.municipalities.order_by("name"))
    own = _current_members(office, only=network_rules.represented_businesses(viewer))
    may_ask = access.can_ask_contact_consent(viewer, office)
    if request.method == "POST":
        if request.POST.get("action") == "ask" and may_ask:
            return _ask(request, office)
        _record_choices(request, own, municipalities, source="delen met de gemeente")
        messages.success(request, _("Uw keuze is opgeslagen."))
        return redirect("municipality:contact_sharing", slug=office.slug)
    context = {
        "office": office,
        "own_rows": _sharing_rows(office, own, municipalities),
        "consent_text": consent_text(ConsentPurpose.MUNICIPALITY_CONTACT),
        "overview": _sharing_rows(office, _current_members(office), municipalities)
        if may_ask
        else [],
    }
    return render(request, "municipality/contact_sharing.html", context)


def _record_choices(request, entrepreneurs, municipalities, *, source: str) -> None:
    user = request.user if request.user.is_authenticated else None
    for entrepreneur in entrepreneurs:
        for municipality in municipalities:
            services.contact_consent_set(
                entrepreneur=entrepreneur,
                municipality=municipality,
                given=f"share-{entrepreneur.pk}-{municipality.pk}" in request.POST,
                user=user,
                source=source,
            )


def _ask(request, office):
    entrepreneur = get_object_or_404(
        Entrepreneur.objects.filter(
            pk__in=Membership.objects.current().filter(office=office).values("entrepreneur_id")
        ),
        pk=request.POST.get("entrepreneur") or 0,
    )
    if services.contact_consent_ask(office=office, entrepreneur=entrepreneur, actor=request.user):
        messages.success(
            request,
            _("We hebben %(name)s per e-mail gevraagd zelf te kiezen.") % {"name": entrepreneur},
        )
    else:
        messages.error(
            request, _("Van %(name)s is geen e-mailadres bekend.") % {"name": entrepreneur}
        )
    return redirect("municipality:contact_sharing", slug=office.slug)


@require_http_methods(["GET", "POST"])
def consent_respond(request, token):
    """The link mailed to the business: it answers for itself, without logging in (the link went
    to its own address)."""
    try:
        entrepreneur, office = services.ask_for_token(token)
    except ValidationError as error:
        return render(
            request, "municipality/consent_respond.html", {"error": error.messages[0]}, status=400
        )
    municipalities = list(office.municipalities.order_by("name"))
    if request.method == "POST":
        _record_choices(request, [entrepreneur], municipalities, source="link in e-mail")
        messages.success(request, _("Uw keuze is opgeslagen."))
    context = {
        "office": office,
        "own_rows": _sharing_rows(office, [entrepreneur], municipalities),
        "consent_text": consent_text(ConsentPurpose.MUNICIPALITY_CONTACT),
    }
    return render(request, "municipality/consent_respond.html", context)


@login_required
def contributions(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, access.can_view_contributions)
    can_record = access.can_record_contribution(viewer, office)
    municipalities = rules.contribution_municipalities(viewer, office)
    form = ContributionForm(
        request.POST or None, instance=Contribution(office=office), municipalities=municipalities
    )
    if request.method == "POST":
        access.require(can_record)
        if form.is_valid():
            try:
                services.contribution_record(
                    contribution=form.save(commit=False), actor=request.user
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("De bijdrage is vastgelegd."))
                return redirect("municipality:contributions", slug=office.slug)
    context = {
        "office": office,
        "contributions": access.contributions_visible_to(viewer, office),
        "form": form if can_record else None,
    }
    return render(request, "municipality/contributions.html", context)
