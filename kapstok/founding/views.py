"""The founding pages: POS's overview and registration, and the office's checklist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import apply_errors, posted
from kapstok.network.rules import get_office_for

from . import rules, selectors, services
from .forms import (
    FirstMeetingForm,
    FoundingCompleteForm,
    FoundingRegisterForm,
    MunicipalityContactForm,
)


@login_required
def overview(request):
    """Every office in founding with its progress, longest in founding first."""
    viewer = access.viewer_for(request.user)
    access.require(rules.can_view_founding_overview(viewer))
    context = {
        "checklists": selectors.offices_in_founding(),
        "founded": selectors.founded_recently(),
        "can_register": rules.can_register_founding(viewer),
    }
    return render(request, "founding/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_register_founding(viewer))
    form = FoundingRegisterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            office = services.founding_register(
                name=data["name"],
                municipalities=data["municipalities"],
                initiative=data["initiative"],
                started_on=data["started_on"],
                initiator_emails=data["initiators"],
                members_needed=data["members_needed"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(office)s staat nu in oprichting.") % {"office": office})
            return redirect("founding:checklist", slug=office.slug)
    return render(request, "founding/register.html", {"form": form})


# The checklist page's forms: the button's `action` says which one was sent.
CHECKLIST_FORMS = {
    "meeting": FirstMeetingForm,
    "contact": MunicipalityContactForm,
    "complete": FoundingCompleteForm,
}


def _initial(checklist) -> dict:
    record = checklist.record
    return {
        "meeting": {"held_on": record.first_meeting_on, "note": record.first_meeting_note},
        "contact": {
            "contact_with": record.municipality_contact_with,
            "contact_on": record.municipality_contact_on,
            "note": record.municipality_contact_note,
        },
        "complete": {},
    }


def _save(action: str, office, data: dict, actor) -> str:
    if action == "meeting":
        services.first_meeting_record(
            office=office, held_on=data["held_on"], note=data["note"], actor=actor
        )
        return _("De eerste bijeenkomst is vastgelegd.")
    if action == "contact":
        services.municipality_contact_record(
            office=office,
            contact_on=data["contact_on"],
            contact_with=data["contact_with"],
            note=data["note"],
            actor=actor,
        )
        return _("Het contact met de gemeente is vastgelegd.")
    services.founding_complete(office=office, founded_on=data["founded_on"], actor=actor)
    return _("%(office)s is opgericht.") % {"office": office}


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request, slug):
    """The office's founding checklist: what is done, what is open; its leads and POS tick the
    items the data cannot know and, when all is done, mark the office founded."""
    viewer = access.viewer_for(request.user)
    office = get_office_for(viewer, slug, rules.can_view_checklist)
    state = selectors.checklist_of(office)
    if state is None:  # an office registered before founding had a checklist
        raise Http404
    can_keep = rules.can_keep_checklist(viewer, office)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action and (action not in CHECKLIST_FORMS or not can_keep):
        access.require(False)
    initial = _initial(state)
    forms = {
        key: form_class(
            posted(request) if key == action else None, prefix=key, initial=initial[key]
        )
        for key, form_class in CHECKLIST_FORMS.items()
    }
    if action and forms[action].is_valid():
        try:
            report = _save(action, office, forms[action].cleaned_data, request.user)
        except ValidationError as error:
            apply_errors(forms[action], error)
        else:
            messages.success(request, report)
            return redirect("founding:checklist", slug=office.slug)
    context = {
        "office": office,
        "checklist": state,
        "can_keep": can_keep,
        "forms": forms,
    }
    return render(request, "founding/checklist.html", context, status=400 if action else 200)
