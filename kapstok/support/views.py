"""Support desk pages: an office's requests and the form to ask, one request with its
conversation, POS's queue, and access-checked attachment downloads.

Every view loads its object through `kapstok.accounts.access`; the rules live in `services`.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.core.forms import apply_errors
from kapstok.network import rules as network_rules
from kapstok.peers import rules as peers_rules
from kapstok.peers.models import PracticeStatus
from kapstok.peers.search import SearchError, search

from . import report, rules, selectors, services
from .forms import (
    ArticleLinkForm,
    HandleForm,
    MergeForm,
    MessageForm,
    PracticeLinkForm,
    RatingForm,
    RequestForm,
)
from .models import Attachment, Category, SavedReply, Status, SupportRequest


def _office_for(request, slug):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, rules.can_file_support)


@login_required
def office_requests(request, slug):
    _viewer, office = _office_for(request, slug)
    requests = list(
        office.support_requests.select_related("category").order_by("-created_at")[:200]
    )
    clocks = selectors.clocks(requests)
    answers = selectors.latest_answers(requests)
    rows = [(clock, answers.get(clock.request.pk)) for clock in clocks]
    context = {"office": office, "clocks": clocks, "rows": rows}
    return render(request, "support/office_requests.html", context)


@login_required
def request_create(request, slug):
    _viewer, office = _office_for(request, slug)
    form = RequestForm(
        request.POST or None, request.FILES or None, instance=SupportRequest(office=office)
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_file(
                request=form.save(commit=False),
                files=form.cleaned_data["attachments"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw vraag is verstuurd naar POS."))
            return redirect(created)
    return render(request, "support/request_form.html", {"office": office, "form": form})


def _detail_context(viewer, support_request, **forms) -> dict:
    handler = rules.can_handle_support(viewer, support_request)
    thread = support_request.messages.select_related("author").prefetch_related("attachments")
    if not handler:
        thread = thread.filter(internal=False)
    [clock] = selectors.clocks([support_request])
    return {
        "office": support_request.office,
        "req": support_request,
        "clock": clock,
        "thread": thread,
        "attachments": support_request.attachments.filter(message__isnull=True),
        "handler": handler,
        "sees_whole_desk": rules.sees_whole_desk(viewer),
        "message_form": forms.get("message_form") or _message_form(handler, forms.get("reply")),
        "handle_form": forms.get("handle_form") or _handle_form(support_request),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "rating_form": forms.get("rating_form") or RatingForm(),
        "saved_replies": SavedReply.objects.all() if handler else [],
        "can_rate": not handler and support_request.resolved_at and not support_request.rating,
        **_links_context(viewer, support_request, handler, forms),
    }


def _linkable_practices(viewer):
    """Published practices the handler may see: a draft is not the office's to read yet."""
    return peers_rules.practices_visible_to(viewer).filter(status=PracticeStatus.PUBLISHED)


def _links_context(viewer, support_request, handler: bool, forms: dict) -> dict:
    """What the handler linked, as far as this viewer may see it; for a handler also the
    practice search (`?praktijk=`) and the article picker."""
    context = {
        "linked_practices": peers_rules.practices_visible_to(viewer)
        .filter(support_requests=support_request)
        .select_related("office"),
        "linked_articles": rules.knowledge_articles_visible_to(viewer).filter(
            support_requests=support_request
        ),
    }
    if not handler:
        return context
    articles = rules.knowledge_articles_visible_to(viewer).filter(published=True)
    query = (forms.get("practice_query") or "").strip()
    context.update(
        article_form=forms.get("article_form") or ArticleLinkForm(articles=articles),
        practice_form=forms.get("practice_form"),
        practice_query=query,
        practice_results=[],
        practice_error=None,
    )
    if query:
        try:
            found = search(_linkable_practices(viewer), query)
        except SearchError as problem:
            context["practice_error"] = str(problem)
        else:
            linked = support_request.practices.values("pk")
            results = found.exclude(pk__in=linked).select_related("office")[:PRACTICE_RESULTS]
            context["practice_results"] = results
    return context


PRACTICE_RESULTS = 10


def _message_form(handler: bool, saved_reply_id) -> MessageForm:
    """An empty reply form, or one filled with a saved reply the handler picked (`?antwoord=`)."""
    reply = None
    if handler and str(saved_reply_id or "").isdigit():
        reply = SavedReply.objects.filter(pk=saved_reply_id).first()
    return MessageForm(handler=handler, initial={"body": reply.body} if reply else None)


def _handle_form(support_request, data=None):
    initial = {
        "status": support_request.status,
        "assignee": support_request.assignee_id,
        "partner": support_request.partner_id,
        "offer": support_request.offer_id,
        "no_offer": support_request.no_offer,
    }
    return HandleForm(
        data,
        initial=initial,
        assignees=User.objects.filter(
            grants__in=RoleGrant.objects.current(), grants__role=Role.POS_STAFF
        ).distinct(),
        partners=rules.support_partners_for(support_request),
    )


@login_required
def request_detail(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk)
    context = _detail_context(
        viewer,
        support_request,
        reply=request.GET.get("antwoord"),
        practice_query=request.GET.get("praktijk", "")[:200],
    )
    return render(request, "support/request_detail.html", context)


def _post_and_redirect(request, support_request, viewer, form_name, form, act, success):
    """Run a service on a valid form; on a Dutch error show the page again with it."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(support_request)
    context = _detail_context(viewer, support_request, **{form_name: form})
    return render(request, "support/request_detail.html", context, status=400)


@login_required
@require_POST
def message_add(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk)
    handler = rules.can_handle_support(viewer, support_request)
    form = MessageForm(request.POST, request.FILES, handler=handler)

    def act(data):
        services.message_post(
            request=support_request,
            author=request.user,
            body=data["body"],
            handler=handler,
            internal=data.get("internal", False),
            files=data["attachments"],
        )

    return _post_and_redirect(
        request, support_request, viewer, "message_form", form, act, _("Uw bericht is geplaatst.")
    )


@login_required
@require_POST
def request_handle(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk, "handle")
    form = _handle_form(support_request, request.POST)

    def act(data):
        services.request_handle(request=support_request, actor=request.user, **data)

    return _post_and_redirect(
        request, support_request, viewer, "handle_form", form, act, _("De vraag is bijgewerkt.")
    )


@login_required
@require_POST
def request_merge(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk, "handle")
    form = MergeForm(request.POST)

    def act(data):
        into = SupportRequest.objects.filter(pk=data["into"]).first()
        if into is None or not rules.can_handle_support(viewer, into):
            raise ValidationError(_("Vraag #%(pk)s bestaat niet.") % {"pk": data["into"]})
        services.request_merge(request=support_request, into=into, actor=request.user)

    return _post_and_redirect(
        request, support_request, viewer, "merge_form", form, act, _("De vragen zijn samengevoegd.")
    )


@login_required
@require_POST
def request_rate(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk)
    access.require(rules.can_rate_request(viewer, support_request))
    form = RatingForm(request.POST)

    def act(data):
        services.request_rate(request=support_request, rating=data["rating"])

    return _post_and_redirect(
        request, support_request, viewer, "rating_form", form, act, _("Bedankt voor uw oordeel.")
    )


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("request", "message"), pk=pk)
    viewer = access.viewer_for(request.user)
    access.require(rules.can_view_support_request(viewer, attachment.request))
    if attachment.message and attachment.message.internal:
        access.require(rules.can_handle_support(viewer, attachment.request))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )


QUEUE_FILTERS = ("status", "category", "office", "assignee", "partner", "q", "late")


@login_required
def request_queue(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_view_support_queue(viewer))
    filters = {key: request.GET.get(key, "").strip() for key in QUEUE_FILTERS}
    visible = rules.queue_of(viewer)
    page = selectors.queue_page(
        selectors.queue(visible, filters),
        late=bool(filters["late"]),
        number=request.GET.get("pagina"),
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    context = {
        "sees_whole_desk": rules.sees_whole_desk(viewer),
        "clocks": page.object_list,
        "page": page,
        "page_query": params.urlencode(),
        "filters": filters,
        "statuses": Status.choices,
        **selectors.queue_filter_choices(),
    }
    return render(request, "support/queue.html", context)


def _period(request) -> tuple[datetime.date, datetime.date]:
    """The report's period from `?van=…&tot=…`; by default this quarter up to today."""
    default_start, today = _period_default()
    try:
        start = parse_date(request.GET.get("van", "")) or default_start
        end = parse_date(request.GET.get("tot", "")) or today
    except ValueError:  # a well-formed but impossible date, such as 2026-02-31
        return default_start, today
    return start, end


def _national(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_national_overview(viewer))


@login_required
def late_counts(request):
    """How many open requests are late or nearly late, as the national dashboard's badge: a
    clock per open request of the network, fetched after the page so the page need not wait."""
    _national(request)
    return render(request, "support/_late_counts.html")


@login_required
def supply_demand(request):
    _national(request)
    start, end = _period(request)
    rows = report.supply_demand_report(start, end)
    context = {"rows": rows, "charts": report.report_charts(rows), "start": start, "end": end}
    return render(request, "support/report.html", context)


def _period_default():
    today = timezone.localdate()
    return datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today


@login_required
def supply_demand_xlsx(request):
    _national(request)
    start, end = _period(request)
    response = HttpResponse(
        report.report_workbook(report.supply_demand_report(start, end)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"kapstok-vraag-en-aanbod-{start.isoformat()}-{end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def offer_catalogue(request):
    """What POS offers, per category, with how often it is asked where nothing is on offer."""
    viewer = access.viewer_for(request.user)
    access.require(rules.can_open_catalogue(viewer))
    categories = Category.objects.filter(active=True).prefetch_related("offers")
    return render(request, "support/catalogue.html", {"categories": categories})


@login_required
@require_POST
def request_link(request, pk):
    """Link a practice (`practice`) or a knowledge article (`article`) to the request."""
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk, "handle")
    if "practice" in request.POST:
        form_name = "practice_form"
        form = PracticeLinkForm(request.POST, practices=_linkable_practices(viewer))
    else:
        form_name = "article_form"
        articles = rules.knowledge_articles_visible_to(viewer).filter(published=True)
        form = ArticleLinkForm(request.POST, articles=articles)

    def act(data):
        services.request_link(
            request=support_request,
            practice=data.get("practice"),
            article=data.get("article"),
            actor=request.user,
        )

    return _post_and_redirect(
        request, support_request, viewer, form_name, form, act, _("De koppeling is toegevoegd.")
    )


@login_required
@require_POST
def request_unlink(request, pk):
    viewer = access.viewer_for(request.user)
    support_request = rules.get_support_request_for(viewer, pk, "handle")
    practice = support_request.practices.filter(pk=_digits(request.POST.get("practice"))).first()
    article = support_request.articles.filter(pk=_digits(request.POST.get("article"))).first()
    services.request_unlink(
        request=support_request, practice=practice, article=article, actor=request.user
    )
    messages.success(request, _("De koppeling is verwijderd."))
    return redirect(support_request)


def _digits(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None
