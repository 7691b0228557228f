"""Influence pages: an office's register and positions, one position from concept to answer,
the forms for seats and outcomes won, and POS's national overview with its XLSX export.

Every view loads its object through `kapstok.accounts.access`; the rules live in `services`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.network import rules as network_rules

from . import documents, exports, rules, selectors, services
from .forms import AchievementForm, AnswerForm, EndorseForm, PositionForm, SeatForm, SendForm
from .models import Achievement, Position, Seat


def _office(request, slug, *, edit=False):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view")
    if edit:
        access.require(rules.can_speak_for_office(viewer, office))
    return viewer, office


@login_required
def office_influence(request, slug):
    viewer, office = _office(request, slug)
    context = {
        "office": office,
        "can_speak": rules.can_speak_for_office(viewer, office),
        **selectors.office_register(viewer, office),
        "national_positions": selectors.national_positions_for_office(viewer, office),
    }
    return render(request, "influence/office.html", context)


def _form_page(request, office, form, title, **extra):
    context = {"office": office, "form": form, "title": title, **extra}
    return render(request, "influence/form.html", context, status=400 if form.errors else 200)


@login_required
def position_create(request, slug):
    _viewer, office = _office(request, slug, edit=True)
    form = PositionForm(request.POST or None, instance=Position(office=office), office=office)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_save(position=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(position)
    return _form_page(request, office, form, _("Nieuw standpunt"), multipart=False)


@login_required
def position_edit(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "edit")
    office = position.office
    if position.status not in services.EDITABLE:
        messages.error(
            request,
            _("Dit standpunt is al opengesteld of verstuurd en kan niet meer worden gewijzigd."),
        )
        return redirect(position)
    form = PositionForm(request.POST or None, instance=position, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_save(position=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(position)
    return _form_page(request, office, form, _("Standpunt bewerken"), position=position)


def _detail_context(viewer, position, **forms) -> dict:
    office = position.office
    summary = documents.endorsement_summary(position)
    entrepreneur_id = rules.endorsing_entrepreneur(viewer, position)
    mine = position.endorsements.filter(entrepreneur_id=entrepreneur_id).first()
    can_speak = rules.can_speak_for_office(viewer, office)
    context = {
        "office": office,
        "position": position,
        "summary": summary,
        "can_speak": can_speak,
        "can_endorse": entrepreneur_id is not None and rules.can_endorse_position(viewer, position),
        "my_endorsement": mine,
        "endorse_form": EndorseForm(initial={"show_name": mine.show_name if mine else False}),
        "send_form": SendForm(initial={"recipient_email": position.recipient_email}),
        "answer_form": AnswerForm(instance=position),
    }
    if can_speak:  # the names behind the count are for the office's leads and POS
        context["endorsements"] = position.endorsements.select_related("entrepreneur")
    context.update(forms)
    return context


@login_required
def position_detail(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk)
    return render(request, "influence/position_detail.html", _detail_context(viewer, position))


@login_required
@require_POST
def position_open(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "edit")
    try:
        services.position_open(position=position, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De leden kunnen het standpunt nu steunen."))
    return redirect(position)


def _my_entrepreneur(viewer, position) -> int:
    entrepreneur_id = rules.endorsing_entrepreneur(viewer, position)
    access.require(entrepreneur_id is not None)
    return entrepreneur_id


@login_required
@require_POST
def position_endorse(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "endorse")
    entrepreneur_id = _my_entrepreneur(viewer, position)
    form = EndorseForm(request.POST)
    form.is_valid()  # a single checkbox: always valid
    try:
        services.position_endorse(
            position=position,
            entrepreneur_id=entrepreneur_id,
            actor=request.user,
            show_name=form.cleaned_data["show_name"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("U steunt dit standpunt."))
    return redirect(position)


@login_required
@require_POST
def position_withdraw(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "endorse")
    try:
        services.position_withdraw(
            position=position, entrepreneur_id=_my_entrepreneur(viewer, position)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw steun is ingetrokken."))
    return redirect(position)


@login_required
def position_send(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "edit")
    if position.is_sent:
        return redirect(position)
    summary = documents.endorsement_summary(position)
    form = SendForm(request.POST or None, initial={"recipient_email": position.recipient_email})
    if summary.count:  # the confirmation is only asked when nobody endorses
        del form.fields["confirm_empty"]
    if request.method == "POST" and form.is_valid():
        try:
            services.position_send(
                position=position,
                recipient_email=form.cleaned_data["recipient_email"],
                actor=request.user,
                confirm_empty=form.cleaned_data.get("confirm_empty", False),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het standpunt is verstuurd en bewaard."))
            return redirect(position)
    context = {
        "office": position.office,
        "position": position,
        "form": form,
        "summary": summary,
    }
    return render(
        request, "influence/position_send.html", context, status=400 if form.errors else 200
    )


@login_required
def position_answer(request, slug, pk):
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk, "edit")
    form = AnswerForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.position_answer_record(
                position=Position.objects.get(pk=position.pk),
                outcome=data["outcome"],
                answered_on=data["answered_on"],
                answer=data["answer"],
                outcome_on=data["outcome_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het antwoord en de uitkomst zijn vastgelegd."))
            return redirect(position)
    return _form_page(request, position.office, form, _("Antwoord en uitkomst"), position=position)


@login_required
def position_pdf(request, slug, pk):
    """The PDF exactly as sent (or, before sending, a preview for the office's leads)."""
    viewer = access.viewer_for(request.user)
    position = rules.get_position_for(viewer, slug, pk)
    if position.pdf:
        try:
            handle = position.pdf.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(
            handle, as_attachment=True, filename=documents.pdf_filename(position),
            content_type="application/pdf",
        )  # fmt: skip
    access.require(rules.can_speak_for_office(viewer, position.office))
    content = documents.render_position_pdf(position, documents.endorsement_summary(position))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.pdf_filename(position)}"'
    return response


@login_required
def seat_edit(request, slug, pk=None):
    _viewer, office = _office(request, slug, edit=True)
    seat = get_object_or_404(Seat, pk=pk, office=office) if pk else Seat(office=office)
    form = SeatForm(request.POST or None, instance=seat, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_save(seat=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De zetel is opgeslagen."))
            return redirect("influence:office", slug=office.slug)
    title = _("Zetel bewerken") if pk else _("Zetel toevoegen")
    return _form_page(request, office, form, title)


@login_required
def achievement_add(request, slug):
    _viewer, office = _office(request, slug, edit=True)
    form = AchievementForm(
        request.POST or None, request.FILES or None, instance=Achievement(office=office),
        office=office,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.achievement_save(
                achievement=form.save(commit=False),
                upload=form.cleaned_data["evidence"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het resultaat is vastgelegd."))
            return redirect("influence:office", slug=office.slug)
    return _form_page(request, office, form, _("Behaald resultaat vastleggen"), multipart=True)


def achievement_evidence(request, slug, pk):
    """The evidence document: for everyone when the outcome is public, else the office's people."""
    achievement = get_object_or_404(
        Achievement.objects.select_related("office"), pk=pk, office__slug=slug
    )
    if not achievement.public:
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        access.require(access.can_view_office(access.viewer_for(request.user), achievement.office))
    if not achievement.evidence_file:
        raise Http404
    try:
        handle = achievement.evidence_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, as_attachment=True, filename=achievement.evidence_name or "bewijs",
        content_type=achievement.evidence_type,
    )  # fmt: skip


def _login_url():
    return resolve_url(settings.LOGIN_URL)


@login_required
def national(request):
    access.require(access.can_view_national_overview(access.viewer_for(request.user)))
    overview = selectors.national_overview()
    return render(request, "influence/national.html", {"overview": overview})


@login_required
def national_xlsx(request):
    access.require(access.can_view_national_overview(access.viewer_for(request.user)))
    content = exports.overview_workbook(selectors.national_overview())
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="invloed-{day}.xlsx"'
    return response
