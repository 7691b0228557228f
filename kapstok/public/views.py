"""The public site: pages anybody may read without an account. Only public fields appear.

Visitors are not tracked: no cookie is read or set for counting, no third party is asked for
anything. An office page view is counted server-side (`services.reach_count`) unless it comes
from a crawler or from someone who works on that office (their visits are not reach).
"""

import json
from collections.abc import Callable
from functools import wraps

from csp.decorators import csp_replace

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from kapstok.accounts import access
from kapstok.accounts.access import MemberDetail
from kapstok.community import selectors as community_selectors
from kapstok.core import throttle
from kapstok.core.forms import apply_errors
from kapstok.network import selectors as network_selectors
from kapstok.network.reference_data import DATA_ATTRIBUTION

from . import page_cache, selectors, services
from .forms import ContactForm, JoinForm
from .models import JoinRequestStatus

MEMBERS_PER_PAGE = 50
QUERY_MAX = 100
CRAWLER_MARKERS = ("bot", "crawl", "spider", "slurp", "preview", "monitor", "curl", "python")


# --- find an office --------------------------------------------------------------------------


@require_safe
def home(request):
    """Map, search and list; an htmx search request gets only the results."""
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    if request.htmx:
        offices = list(selectors.public_offices())
        results = selectors.search(query, offices) if query else None
        context = {"query": query, "results": results}
        response = render(request, "public/_search_results.html", context)
    else:
        response = _cached_page(request, "public/home.html", lambda: _home_context(request, query))
    patch_vary_headers(response, ["HX-Request"])
    return response


def _home_context(request, query: str) -> dict:
    offices = list(selectors.public_offices())
    return {
        "query": query,
        "results": selectors.search(query, offices) if query else None,
        "canonical_url": request.build_absolute_uri(reverse("public:home")),
        "map": selectors.public_map(offices),
        "provinces": selectors.offices_by_province(offices),
        "office_count": len(offices),
    }


def embeddable(view):
    """Let other sites frame `view`'s page: no X-Frame-Options, and CSP `frame-ancestors` set to
    `KAPSTOK_EMBED_ANCESTORS` (read per response, so a changed setting applies at once). Every
    other page keeps `DENY` and `frame-ancestors 'none'`."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        framing = csp_replace({"frame-ancestors": settings.KAPSTOK_EMBED_ANCESTORS})
        return framing(view)(request, *args, **kwargs)

    return xframe_options_exempt(wrapped)


@embeddable
@require_safe
def embed_map(request):
    """The map alone, for an iframe on the POS website or a municipality's: no navigation, links
    open on top.

    The same page for everybody, so it is cookie-free: rendered without the request (no session,
    user or CSRF token is looked at, so none is set or varied on), with no forms, and always
    from the page cache. Framed on another site, a browser would not send our cookies anyway.
    """
    page = page_cache.fetch(request)
    if page is None:
        offices = list(selectors.public_offices())
        context = {
            "map": selectors.public_map(offices),
            "office_count": len(offices),
            "data_attribution": DATA_ATTRIBUTION,
        }
        page = page_cache.store(request, render_to_string("public/embed_map.html", context))
    return HttpResponse(page.html)


def _cached_page(request, template: str, context: Callable[[], dict]) -> HttpResponse:
    """`template` rendered with `context()`, through `page_cache` for anonymous visitors: the
    map pages draw every municipality of the country, and most of their visitors are new."""
    if not page_cache.applies(request):
        return render(request, template, context())
    return page_cache.response(request, _from_cache(request, template, context))


def _from_cache(request, template: str, context: Callable[[], dict]) -> page_cache.CachedPage:
    """The anonymous rendering of `template`: from the cache, or rendered with `context()` and
    stored. An `office` in the context is remembered with the page, so visits can be counted."""
    page = page_cache.fetch(request)
    if page is None:
        values = context()
        html = render_to_string(
            template, values | {"csrf_token": page_cache.CSRF_PLACEHOLDER}, request
        )
        office = values.get("office")
        page = page_cache.store(request, html, office_id=office.pk if office else None)
    return page


# --- the office page -------------------------------------------------------------------------


def _is_reach(request, office) -> bool:
    """Does this request count as a visit? Not crawlers, not the office's own people."""
    if not _is_visit(request):
        return False
    return not access.can_view_office(access.viewer_for(request.user), office)


def _is_visit(request) -> bool:
    """A person opening the page: not a crawler, not a HEAD, not leafing through the directory."""
    agent = request.headers.get("User-Agent", "").lower()
    if not agent or any(marker in agent for marker in CRAWLER_MARKERS):
        return False
    return request.method == "GET" and not request.GET.get("pagina")


def _description(office, page) -> str:
    text = (page and page.about) or office.description
    if not text:
        names = ", ".join(m.name for m in office.municipalities.all())
        text = _("%(office)s: het lokale netwerk van sportondernemers in %(places)s.") % {
            "office": office.name,
            "places": names,
        }
    return Truncator(strip_tags(text).replace("\n", " ")).chars(160)


def _json_ld(data: dict) -> str:
    """JSON for a <script> block: <, > and & escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


@require_safe
def office(request, slug):
    """The office's public page; the contact form on it posts to `contact`.

    Anonymous visitors get it from `page_cache` when nothing changed since it was rendered; a
    visit is counted either way.
    """
    if not page_cache.applies(request):
        office = get_object_or_404(selectors.public_offices(), slug=slug)
        if _is_reach(request, office):
            services.reach_count(office_id=office.pk, field="views")
        return render(request, "public/office.html", _office_context(request, office))
    page = _from_cache(
        request,
        "public/office.html",
        lambda: _office_context(request, get_object_or_404(selectors.public_offices(), slug=slug)),
    )
    if _is_visit(request):  # anonymous, so never one of the office's own people
        services.reach_count(office_id=page.office_id, field="views")
    return page_cache.response(request, page)


def _office_context(request, office) -> dict:
    page = selectors.public_page_of(office)
    members = network_selectors.members_for(office, MemberDetail.PUBLIC)
    url = request.build_absolute_uri(office.get_public_url())
    description = _description(office, page)
    return {
        "office": office,
        "page": page,
        "description": description,
        "canonical_url": url,
        "branch_counts": network_selectors.branch_counts(office),
        "listed_members": Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina")),
        "successes": selectors.successes(page),
        "practices": selectors.public_practices(office),
        "meetings": selectors.upcoming_public_meetings(office),
        **community_selectors.office_social_value(office),
        "contact_form": ContactForm(),
        "organization_ld": _json_ld(selectors.organization_data(office, url, description)),
    }


@require_http_methods(["GET", "POST"])
def contact(request, slug):
    """The contact form: mails the office's leads; the visitor never sees their address."""
    office = get_object_or_404(selectors.public_offices(), slug=slug)
    if request.method != "POST":
        return render(request, "public/contact.html", {"office": office, "form": ContactForm()})
    form = ContactForm(request.POST)
    if request.POST.get("fax"):
        return _pretend_sent(request, office)
    if not throttle.allow(throttle.CONTACT_PER_IP, throttle.client_ip(request)):
        return _too_many(request, "public/contact.html", {"office": office, "form": form})
    if form.is_valid():
        if not throttle.allow(throttle.CONTACT_PER_EMAIL, form.cleaned_data["email"]):
            return _too_many(request, "public/contact.html", {"office": office, "form": form})
        if not throttle.mail_allowed(request, "contact", form.cleaned_data["email"]):
            return _pretend_sent(request, office)
        try:
            services.contact_message_send(office=office, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _pretend_sent(request, office)
    return render(request, "public/contact.html", {"office": office, "form": form}, status=400)


def _pretend_sent(request, office):
    """What a sender sees after a message, also when a bot filled the honeypot."""
    messages.success(request, _("Uw bericht is verstuurd naar de kartrekker van het kantoor."))
    return redirect(office.get_public_url())


def _too_many(request, template, context):
    context["throttled"] = True
    return render(request, template, context, status=429)


# --- joining ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def join(request, slug):
    office = get_object_or_404(selectors.public_offices(), slug=slug)
    if request.method != "POST":
        return render(request, "public/join.html", {"office": office, "form": JoinForm()})
    form = JoinForm(request.POST)
    context = {"office": office, "form": form}
    if request.POST.get("fax"):
        return redirect("public:join_sent", slug=office.slug)
    if not throttle.allow(throttle.JOIN_PER_IP, throttle.client_ip(request)):
        return _too_many(request, "public/join.html", context)
    if form.is_valid():
        if not throttle.allow(throttle.JOIN_PER_EMAIL, form.cleaned_data["email"]):
            return _too_many(request, "public/join.html", context)
        if not throttle.mail_allowed(request, "join", form.cleaned_data["email"]):
            # A fourth confirmation mail within the hour: nothing is sent or stored, and the
            # visitor sees what they always see.
            return redirect("public:join_sent", slug=office.slug)
        try:
            services.join_request_submit(
                office=office,
                data=form.service_data(),
                branches=form.cleaned_data["branches"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("public:join_sent", slug=office.slug)
    return render(request, "public/join.html", context, status=400)


def join_sent(request, slug):
    """The same page whatever happened, so it tells nobody whether an address is known."""
    office = get_object_or_404(selectors.public_offices(), slug=slug)
    return render(request, "public/join_sent.html", {"office": office})


@require_http_methods(["GET", "POST"])
def join_confirm(request, token):
    """The link from the confirmation mail: a button to confirm, because mail scanners that
    open every link would otherwise confirm requests nobody made."""
    try:
        join_request = services.join_request_for_token(token)
    except ValidationError as error:
        return render(request, "public/join_confirm.html", {"error": error.messages[0]}, status=400)
    confirmed_now = False
    if request.method == "POST":
        confirmed_now = services.join_request_confirm(join_request=join_request)
        join_request.refresh_from_db()
    context = {
        "error": "",
        "join_request": join_request,
        "office": join_request.office,
        "confirmed_now": confirmed_now,
        "waiting": join_request.status == JoinRequestStatus.UNCONFIRMED,
    }
    return render(request, "public/join_confirm.html", context)


# --- privacy and findability -----------------------------------------------------------------


def privacy(request):
    return render(request, "public/privacy.html", {"retention_days": 30})


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("public:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /netwerk/",
        "Disallow: /account/",
        "Disallow: /admin/",
        "Disallow: /sessie/",
        "Disallow: /aanmelden/",
        "Disallow: /embed/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class StaticSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["public:home", "public:privacy"]

    def location(self, item):
        return reverse(item)


class OfficeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_offices().select_related("public_page")

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        page = getattr(item, "public_page", None)
        return max(item.updated_at, page.updated_at) if page else item.updated_at


def sitemap(request):
    """sitemap.xml with our own template: django.contrib.sitemaps is not an installed app."""
    sections = {"static": StaticSitemap, "offices": OfficeSitemap}
    return sitemap_view(request, sections, template_name="public/sitemap.xml")
