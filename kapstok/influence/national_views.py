"""Pages of the POS-wide positions: the list, one position with its totals and the endorse
form, POS's forms, and the PDF per municipality.

Every view loads its position through `rules.get_national_position_for`; the rules about
what may change live in `services`, the counts in `selectors`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.network.models import Municipality

from . import documents, rules, selectors, services
from .forms import EndorseForm, NationalPositionForm
from .models import NationalPosition


@login_required
def national_positions(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_view_national_positions(viewer))
    context = {
        "rows": selectors.national_position_rows(viewer),
        "can_write": rules.can_write_national_positions(viewer),
    }
    return render(request, "influence/national_positions.html", context)


def _form_page(request, form, title, position=None):
    context = {"form": form, "title": title, "position": position}
    status = 400 if form.errors else 200
    return render(request, "influence/national_position_form.html", context, status=status)


@login_required
def national_position_create(request):
    access.require(rules.can_write_national_positions(access.viewer_for(request.user)))
    form = NationalPositionForm(request.POST or None, instance=NationalPosition())
    if request.method == "POST" and form.is_valid():
        try:
            position = services.national_position_save(
                position=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(position)
    return _form_page(request, form, _("Nieuw landelijk standpunt"))


@login_required
def national_position_edit(request, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk, "edit")
    if position.status != "concept":
        messages.error(
            request, _("Dit standpunt is al opengesteld en kan niet meer worden gewijzigd.")
        )
        return redirect(position)
    form = NationalPositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_position_save(position=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(position)
    return _form_page(request, form, _("Landelijk standpunt bewerken"), position)


@login_required
def national_position_detail(request, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk)
    exact = rules.sees_exact_national_counts(viewer)
    totals = selectors.national_totals(position, exact=exact)
    mine = rules.my_national_endorsement(viewer, position)
    context = {
        "position": position,
        "totals": totals,
        "exact": exact,
        "can_write": rules.can_write_national_positions(viewer),
        "sees_offices": rules.sees_office_totals(viewer),
        "own_rows": []
        if exact
        else selectors.own_municipality_rows(totals, rules.national_municipalities_of(viewer)),
        "can_endorse": rules.national_endorser(viewer) is not None,
        "my_endorsement": mine,
        "endorse_form": EndorseForm(),
    }
    return render(request, "influence/national_position_detail.html", context)


STATUS_ACTIONS = {
    "open": (
        services.national_position_open,
        gettext_lazy("De leden van alle kantoren kunnen nu steunen."),
    ),
    "close": (services.national_position_close, gettext_lazy("De steunronde is gesloten.")),
    "send": (
        services.national_position_mark_sent,
        gettext_lazy("Het standpunt staat op verstuurd."),
    ),
}


@login_required
@require_POST
def national_position_status(request, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk, "edit")
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Kies openstellen, sluiten of versturen."))
        return redirect(position)
    change, done = action
    try:
        change(position=position)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect(position)


def _endorser(viewer) -> tuple[int, int]:
    found = rules.national_endorser(viewer)
    access.require(found is not None)
    return found


@login_required
@require_POST
def national_position_endorse(request, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk, "endorse")
    entrepreneur_id, _office_id = _endorser(viewer)
    form = EndorseForm(request.POST)
    form.is_valid()  # a single checkbox: always valid
    try:
        services.national_endorse(
            position=position,
            entrepreneur_id=entrepreneur_id,
            actor=request.user,
            show_name=form.cleaned_data["show_name"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("U steunt dit landelijke standpunt."))
    return redirect(position)


@login_required
@require_POST
def national_position_withdraw(request, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk, "endorse")
    mine = rules.my_national_endorsement(viewer, position)
    entrepreneur_id = mine.entrepreneur_id if mine else _endorser(viewer)[0]
    try:
        services.national_withdraw(position=position, entrepreneur_id=entrepreneur_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw steun is ingetrokken."))
    return redirect(position)


@login_required
def national_position_pdf(request, pk, code):
    """The position for one municipality, rendered on request: the count as it stands now."""
    viewer = access.viewer_for(request.user)
    position = rules.get_national_position_for(viewer, pk)
    municipality = get_object_or_404(Municipality, code=code)
    access.require(rules.can_download_municipality_pdf(viewer, municipality))
    summary = selectors.municipality_endorsements(position, municipality)
    content = documents.render_national_pdf(position, municipality, summary)
    response = HttpResponse(content, content_type="application/pdf")
    filename = documents.national_pdf_filename(position, municipality)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
