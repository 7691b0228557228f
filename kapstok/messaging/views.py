"""Pages for brokered messages: the office's archive, writing, approving, the member's inbox and
preferences, and the unsubscribe link that works without an account.

Every view loads its object through `kapstok.accounts.access`; the rules live in `services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.network import rules as network_rules

from . import rules, selectors, services
from .forms import AutoApproveForm, ComposeForm, RejectForm
from .models import (
    MessageAttachment,
    MessageStatus,
    OfficeMessage,
    OfficeMessaging,
    SenderKind,
)


def _office(request, slug, predicate):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, predicate)


def _message(request, slug, pk):
    viewer = access.viewer_for(request.user)
    message = get_object_or_404(
        OfficeMessage.objects.select_related("office", "author", "decided_by", "municipality"),
        pk=pk,
        office__slug=slug,
    )
    access.require(access.can_view_office_message(viewer, message))
    return viewer, message


@login_required
def archive(request, slug):
    viewer, office = _office(request, slug, access.can_view_message_archive)
    setting = OfficeMessaging.objects.filter(office=office).first()
    context = {
        "office": office,
        "rows": selectors.archive(viewer, office),
        "can_send": access.can_send_office_message(viewer, office),
        "auto_approve": bool(setting and setting.auto_approve_municipality),
        "auto_form": AutoApproveForm(
            initial={"enabled": bool(setting and setting.auto_approve_municipality)}
        )
        if access.can_set_message_auto_approve(viewer)
        else None,
    }
    return render(request, "messaging/archive.html", context)


@login_required
def compose(request, slug):
    viewer, office = _office(request, slug, access.can_send_office_message)
    choices = selectors.branch_choices(office)
    form = ComposeForm(request.POST or None, request.FILES or None, branch_choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.message_compose(
                office=office,
                viewer=viewer,
                author=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                branches=list(form.cleaned_data["branches"]),
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if message.status == MessageStatus.PENDING:
                messages.success(
                    request, _("Uw bericht wacht nu op goedkeuring van de kartrekker.")
                )
            else:
                messages.success(request, _("Uw bericht is verstuurd via het kantoor."))
            return redirect(message)
    sender_kind, _municipality, label = _sender_or_none(viewer, office)
    context = {
        "office": office,
        "form": form,
        "sender_label": label,
        "needs_approval": sender_kind == SenderKind.MUNICIPALITY
        and not services.auto_approves(office),
        "member_count": len(services.recipients(office)),
        "per_week": services.messages_per_week(),
    }
    return render(request, "messaging/compose.html", context, status=400 if form.errors else 200)


def _sender_or_none(viewer, office):
    try:
        return services.sender_for(viewer=viewer, office=office)
    except ValidationError:
        return None, None, ""


@login_required
def message_detail(request, slug, pk):
    viewer, message = _message(request, slug, pk)
    context = {
        "office": message.office,
        "message": message,
        "counts": selectors.delivery_counts([message.pk])[message.pk],
        "branches": list(message.branches.all()),
        "attachments": list(message.attachments.all()),
        "can_approve": access.can_approve_office_message(viewer, message)
        and message.status == MessageStatus.PENDING,
        "reject_form": RejectForm(),
    }
    return render(request, "messaging/message_detail.html", context)


def _approver_message(request, slug, pk):
    viewer, message = _message(request, slug, pk)
    access.require(access.can_approve_office_message(viewer, message))
    return message


@login_required
@require_POST
def message_approve(request, slug, pk):
    message = _approver_message(request, slug, pk)
    try:
        services.message_approve(message=message, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Goedgekeurd: het bericht is verstuurd aan de leden."))
    return redirect(message)


@login_required
@require_POST
def message_reject(request, slug, pk):
    message = _approver_message(request, slug, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.message_reject(
                message=message, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het bericht is afgewezen; de gemeente ziet uw reden."))
            return redirect(message)
    context = {
        "office": message.office,
        "message": message,
        "counts": selectors.delivery_counts([message.pk])[message.pk],
        "branches": list(message.branches.all()),
        "attachments": list(message.attachments.all()),
        "can_approve": message.status == MessageStatus.PENDING,
        "reject_form": form,
    }
    return render(request, "messaging/message_detail.html", context, status=400)


@login_required
@require_POST
def auto_approve(request, slug):
    viewer = access.viewer_for(request.user)
    access.require(access.can_set_message_auto_approve(viewer))
    office = network_rules.get_office_for(viewer, slug)
    form = AutoApproveForm(request.POST)
    form.is_valid()
    enabled = form.cleaned_data.get("enabled", False)
    services.auto_approve_set(office=office, enabled=enabled, actor=request.user)
    messages.success(request, _("De instelling is opgeslagen."))
    return redirect("messaging:archive", slug=office.slug)


@login_required
def attachment_download(request, pk):
    """For the sender's side (POS, leads, the municipality) and for members who received it."""
    viewer = access.viewer_for(request.user)
    attachment = get_object_or_404(
        MessageAttachment.objects.select_related("message__office"), pk=pk
    )
    message = attachment.message
    if not (access.can_view_office_message(viewer, message) or rules.has_received(viewer, message)):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )


@login_required
def inbox(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_use_inbox(viewer))
    return render(request, "messaging/inbox.html", {"deliveries": selectors.inbox(viewer)})


@login_required
def inbox_detail(request, pk):
    viewer = access.viewer_for(request.user)
    access.require(access.can_use_inbox(viewer))
    delivery = selectors.inbox_delivery(viewer, pk)
    if delivery is None:
        raise Http404
    services.delivery_mark_read(delivery=delivery)
    return render(request, "messaging/inbox_detail.html", {"delivery": delivery})


@login_required
def preferences(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_use_inbox(viewer))
    rows = selectors.preferences(viewer)
    if request.method == "POST":
        for row in rows:
            membership = row["membership"]
            for sender in row["senders"]:
                field = f"off-{membership.pk}-{sender['kind']}"
                services.opt_out_set(
                    entrepreneur=membership.entrepreneur,
                    office=membership.office,
                    sender_kind=sender["kind"],
                    opted_out=field in request.POST,
                )
        messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
        return redirect("messaging:preferences")
    return render(request, "messaging/preferences.html", {"rows": rows})


@csrf_exempt  # the signed token is the permission; mail programs post here (RFC 8058)
def unsubscribe(request, token):
    """The link in every mail: a page that asks, then confirms; no account needed."""
    delivery = services.delivery_from_token(token)
    if delivery is None:
        return render(request, "messaging/unsubscribe_invalid.html", status=404)
    done = request.method == "POST"
    if done:
        services.unsubscribe(delivery=delivery)
    context = {"message": delivery.message, "office": delivery.message.office, "done": done}
    return render(request, "messaging/unsubscribe.html", context)
