"""Meetings: list, create/edit (agenda and minutes), RSVP, attendance, .ics and a personal feed."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.core.links import absolute_url

from . import calendar, page_parts, rules, services
from .forms import MeetingForm, RsvpForm


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_list(request):
    viewer = access.viewer_for(request.user)
    now = timezone.now()
    meetings = rules.meetings_visible_to(viewer)
    # A calendar app fetches the feed later, from elsewhere: the public address.
    feed_url = absolute_url(reverse("peers:meeting_feed", args=[calendar.feed_token(request.user)]))
    context = {
        "upcoming": [m for m in meetings if m.ends_at >= now],
        "past": [m for m in meetings if m.ends_at < now][::-1][:20],
        "can_create": rules.can_create_meeting(viewer),
        "feed_url": feed_url,
    }
    return render(request, "peers/meeting_list.html", context)


def _meeting_form(request, instance=None):
    viewer = access.viewer_for(request.user)
    form = MeetingForm(request.POST or None, instance=instance, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                meeting=form.save(commit=False),
                invited_offices=form.cleaned_data["invited_offices"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect(meeting)
    return render(request, "peers/meeting_form.html", {"form": form, "meeting": instance})


@login_required
def meeting_create(request):
    access.require(rules.can_create_meeting(access.viewer_for(request.user)))
    return _meeting_form(request)


@login_required
def meeting_edit(request, pk):
    meeting = rules.get_meeting_for(access.viewer_for(request.user), pk, "manage")
    return _meeting_form(request, meeting)


@login_required
def meeting_detail(request, pk):
    viewer = access.viewer_for(request.user)
    meeting = rules.get_meeting_for(viewer, pk)
    rsvps = list(meeting.rsvps.select_related("user").order_by("user__full_name"))
    own = next((rsvp for rsvp in rsvps if rsvp.user_id == request.user.pk), None)
    context = {
        "meeting": meeting,
        "rsvps": rsvps,
        "own": own,
        "is_past": meeting.starts_at <= timezone.now(),
        "can_manage": rules.can_manage_meeting(viewer, meeting),
        "can_answer": rules.is_invited(viewer, meeting),
        "rsvp_form": RsvpForm(initial={"answer": own.answer if own else "yes"}),
        "page_parts": page_parts.parts_for("meeting", meeting, viewer),
    }
    return render(request, "peers/meeting_detail.html", context)


@login_required
@require_POST
def meeting_rsvp(request, pk):
    viewer = access.viewer_for(request.user)
    meeting = rules.get_meeting_for(viewer, pk)
    access.require(rules.is_invited(viewer, meeting))
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of u komt."))
        return redirect(meeting)
    try:
        services.meeting_rsvp(
            meeting=meeting, user=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Uw antwoord is opgeslagen."))
    except services.UserError as problem:
        messages.error(request, str(problem))
    return redirect(meeting)


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = rules.get_meeting_for(access.viewer_for(request.user), pk, "manage")
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    count = services.meeting_attendance_record(meeting=meeting, present_user_ids=present)
    messages.success(request, _("Aanwezigheid opgeslagen: %(n)s aanwezig.") % {"n": count})
    return redirect(meeting)


@login_required
def meeting_ics(request, pk):
    meeting = rules.get_meeting_for(access.viewer_for(request.user), pk)
    return _ics_response(calendar.calendar_bytes([meeting], meeting.title), f"bijeenkomst-{pk}.ics")


def meeting_feed(request, token):
    """The personal calendar feed: no login (calendar apps cannot), the token is the key."""
    user_id = calendar.user_id_from_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    meetings = rules.meetings_visible_to(access.viewer_for(user))
    return _ics_response(
        calendar.calendar_bytes(meetings, _("Kapstok-bijeenkomsten")), "kapstok.ics"
    )
