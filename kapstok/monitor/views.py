"""Monitor pages: the builder and waves for researchers and POS, and the respondent's link.

Researchers and POS staff reach everything under /onderzoek/monitor/ (`access.can_run_monitor`);
researchers see offices and respondents only by pseudonym (`access.sees_monitor_identities`).
The respondent's pages under /vragenlijst/<token>/ need no account: the token is the key, and
a token that does not exist is a plain 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.network.models import Office

from . import selectors, services
from .forms import InvitationForm, QuestionForm, QuestionnaireForm, WaveForm
from .models import Audience, Invitation, Question, Questionnaire, Wave

# --- researchers and POS -------------------------------------------------------------------


def _monitor_viewer(request):
    viewer = access.viewer_for(request.user)
    access.require(access.can_run_monitor(viewer))
    return viewer


@login_required
def overview(request):
    _monitor_viewer(request)
    questionnaires = Questionnaire.objects.annotate(question_count=Count("questions"))
    context = {
        "waves": Wave.objects.all(),
        "templates": [q for q in questionnaires if q.is_template],
        "questionnaires": [q for q in questionnaires if not q.is_template],
    }
    return render(request, "monitor/overview.html", context)


@login_required
def questionnaire_create(request):
    _monitor_viewer(request)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.questionnaire_save(
                questionnaire=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vragenlijst is aangemaakt. Voeg nu vragen toe."))
            return redirect("monitor:questionnaire_detail", created.pk)
    return render(request, "monitor/questionnaire_form.html", {"form": form})


@login_required
def questionnaire_edit(request, pk):
    _monitor_viewer(request)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_save(questionnaire=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("monitor:questionnaire_detail", questionnaire.pk)
    context = {"form": form, "questionnaire": questionnaire}
    return render(request, "monitor/questionnaire_form.html", context)


@login_required
def questionnaire_detail(request, pk):
    _monitor_viewer(request)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    questions = list(questionnaire.questions.select_related("show_if_question"))
    context = {
        "questionnaire": questionnaire,
        "questions": questions,
        "locked": services.is_locked(questionnaire),
        "waves": Wave.objects.filter(wave_questionnaires__questionnaire=questionnaire),
    }
    return render(request, "monitor/questionnaire_detail.html", context)


@login_required
def questionnaire_preview(request, pk):
    """Every section as the respondent will see it (nothing can be saved here)."""
    _monitor_viewer(request)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    state = selectors.questionnaire_preview(questionnaire)
    sections = [(s, selectors.section_fields(s, {}, {})) for s in state.sections]
    context = {"questionnaire": questionnaire, "state": state, "sections": sections}
    return render(request, "monitor/questionnaire_preview.html", context)


@login_required
@require_POST
def questionnaire_copy(request, pk):
    _monitor_viewer(request)
    source = get_object_or_404(Questionnaire, pk=pk)
    copy = services.questionnaire_copy(source=source, actor=request.user)
    messages.success(request, _("Kopie gemaakt; deze kunt u aanpassen."))
    return redirect("monitor:questionnaire_detail", copy.pk)


def _question_form(request, questionnaire, question):
    form = QuestionForm(request.POST or None, instance=question, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(question=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect("monitor:questionnaire_detail", questionnaire.pk)
    context = {"form": form, "questionnaire": questionnaire, "question": question}
    status = 400 if form.errors else 200
    return render(request, "monitor/question_form.html", context, status=status)


@login_required
def question_create(request, pk):
    _monitor_viewer(request)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if services.is_locked(questionnaire):
        messages.error(request, _("Deze vragenlijst is vergrendeld; maak een kopie."))
        return redirect("monitor:questionnaire_detail", questionnaire.pk)
    return _question_form(request, questionnaire, Question(questionnaire=questionnaire))


@login_required
def question_edit(request, pk):
    _monitor_viewer(request)
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    if services.is_locked(question.questionnaire):
        messages.error(request, _("Deze vragenlijst is vergrendeld; maak een kopie."))
        return redirect("monitor:questionnaire_detail", question.questionnaire_id)
    return _question_form(request, question.questionnaire, question)


@login_required
@require_POST
def question_move(request, pk):
    _monitor_viewer(request)
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    try:
        services.question_move(question=question, up=request.POST.get("richting") == "op")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("monitor:questionnaire_detail", question.questionnaire_id)


@login_required
@require_POST
def question_delete(request, pk):
    _monitor_viewer(request)
    question = get_object_or_404(Question.objects.select_related("questionnaire"), pk=pk)
    if request.POST.get("bevestigd") != "ja":
        # The button carries the confirmation; a bare POST (a stray request) deletes nothing.
        messages.error(request, _("De vraag is niet verwijderd: bevestig het verwijderen."))
        return redirect("monitor:questionnaire_detail", question.questionnaire_id)
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vraag is verwijderd."))
    return redirect("monitor:questionnaire_detail", question.questionnaire_id)


def _office_labels(viewer) -> dict[int, str]:
    """Offices a wave can ask, named for this viewer (pseudonyms for researchers)."""
    ids = Office.objects.working().values_list("pk", flat=True)
    return selectors.office_labels(list(ids), real_names=access.sees_monitor_identities(viewer))


@login_required
def wave_create(request):
    viewer = _monitor_viewer(request)
    form = WaveForm(request.POST or None, office_labels=_office_labels(viewer))
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_start(
                wave=form.save(commit=False),
                office_ids=form.cleaned_data["offices"],
                questionnaires=form.questionnaires(),
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("De meetronde is aangemaakt met %(count)s uitnodigingen.")
                % {"count": wave.invitations.count()},
            )
            return redirect("monitor:wave_detail", wave.pk)
    status = 400 if form.errors else 200
    return render(request, "monitor/wave_form.html", {"form": form}, status=status)


def _asks_members(wave) -> bool:
    """A round of the member check (kapstok.membercheck) rather than a research wave."""
    return wave.wave_questionnaires.filter(audience=Audience.MEMBER).exists()


def _real_names(viewer, wave) -> bool:
    """POS sees who answered a research wave; nobody sees which member answered the member
    check (its promise to the members: the results never carry a name)."""
    return access.sees_monitor_identities(viewer) and not _asks_members(wave)


@login_required
def wave_detail(request, pk):
    viewer = _monitor_viewer(request)
    wave = get_object_or_404(Wave, pk=pk)
    real_names = _real_names(viewer, wave)
    context = {
        "wave": wave,
        "rates": selectors.wave_rates(wave, real_names=real_names),
        "real_names": real_names,
        "links": wave.wave_questionnaires.select_related("questionnaire"),
        "snapshots": selectors.snapshot_rows(wave, real_names=real_names),
        "invite_form": InvitationForm(offices=wave.offices.all())
        if access.can_invite_to_monitor(viewer)
        and wave.status != "closed"
        and not _asks_members(wave)  # members answer from their start page, not by email
        else None,
    }
    return render(request, "monitor/wave_detail.html", context)


@login_required
@require_POST
def wave_remind(request, pk):
    _monitor_viewer(request)
    wave = get_object_or_404(Wave, pk=pk)
    try:
        count = services.wave_remind(wave=wave)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s herinneringen verstuurd.") % {"count": count})
    return redirect("monitor:wave_detail", wave.pk)


@login_required
@require_POST
def wave_close(request, pk):
    _monitor_viewer(request)
    wave = get_object_or_404(Wave, pk=pk)
    try:
        services.wave_close(wave=wave)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De meetronde is gesloten; de kengetallen zijn vastgelegd."))
    return redirect("monitor:wave_detail", wave.pk)


@login_required
def invitation_add(request, pk):
    viewer = access.viewer_for(request.user)
    access.require(access.can_invite_to_monitor(viewer))
    wave = get_object_or_404(Wave, pk=pk)
    form = InvitationForm(request.POST or None, offices=wave.offices.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_add(
                wave=wave,
                office=wave.offices.get(pk=form.cleaned_data["office"]),
                audience=form.cleaned_data["audience"],
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De uitnodiging is toegevoegd."))
            return redirect("monitor:wave_detail", wave.pk)
    status = 400 if form.errors else 200
    context = {"wave": wave, "form": form}
    return render(request, "monitor/invitation_form.html", context, status=status)


@login_required
def wave_answers(request, pk, audience):
    viewer = _monitor_viewer(request)
    wave = get_object_or_404(Wave, pk=pk)
    if audience not in Audience.values:
        raise Http404
    real_names = _real_names(viewer, wave)
    context = {
        "wave": wave,
        "audience": Audience(audience),
        "real_names": real_names,
        **selectors.wave_answers(wave, audience, real_names=real_names),
    }
    return render(request, "monitor/wave_answers.html", context)


# --- the respondent (no account: the token is the key) ---------------------------------------


def _invitation(token) -> Invitation:
    try:
        return Invitation.objects.select_related("wave", "questionnaire", "office").get(token=token)
    except Invitation.DoesNotExist as missing:
        raise Http404 from missing


def _closed_page(request, invitation, problem):
    context = {"invitation": invitation, "problem": problem}
    return render(request, "monitor/respond_closed.html", context, status=410)


def respond(request, token):
    """The start page: introduction, progress, and the way in (or back in)."""
    invitation = _invitation(token)
    state = selectors.questionnaire_form(invitation)
    if state.response and state.response.is_submitted:
        return render(request, "monitor/respond_done.html", {"invitation": invitation})
    problem = selectors.link_problem(invitation)
    if problem:
        return _closed_page(request, invitation, problem)
    context = {"invitation": invitation, "state": state}
    return render(request, "monitor/respond_start.html", context)


def respond_section(request, token, index):
    invitation = _invitation(token)
    state = selectors.questionnaire_form(invitation)
    if state.response and state.response.is_submitted:
        return render(request, "monitor/respond_done.html", {"invitation": invitation})
    problem = selectors.link_problem(invitation)
    if problem:
        return _closed_page(request, invitation, problem)
    if not 0 <= index < len(state.sections):
        raise Http404
    errors, raw = {}, {}
    if request.method == "POST":
        questions = [q.question for q in state.sections[index].questions]
        errors = services.section_save(
            invitation=invitation, questions=questions, data=request.POST
        )
        if not errors:
            return redirect(
                _next_url(request.POST.get("ga"), invitation, index, len(state.sections))
            )
        raw = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        state = selectors.questionnaire_form(invitation)
    context = {
        "invitation": invitation,
        "state": state,
        "section": state.sections[index],
        "fields": selectors.section_fields(state.sections[index], raw, errors),
        "errors": errors,
        "is_last": index == len(state.sections) - 1,
    }
    return render(request, "monitor/respond_section.html", context, status=400 if errors else 200)


def _next_url(choice: str | None, invitation, index: int, count: int) -> str:
    from django.urls import reverse

    if choice == "vorige" and index > 0:
        return reverse("monitor:respond_section", args=[invitation.token, index - 1])
    if choice == "later":
        return reverse("monitor:respond", args=[invitation.token]) + "?opgeslagen=1"
    if index + 1 < count:
        return reverse("monitor:respond_section", args=[invitation.token, index + 1])
    return reverse("monitor:respond_submit", args=[invitation.token])


def respond_submit(request, token):
    """The overview before handing in, and handing in (POST)."""
    invitation = _invitation(token)
    state = selectors.questionnaire_form(invitation)
    if state.response and state.response.is_submitted:
        return render(request, "monitor/respond_done.html", {"invitation": invitation})
    problem = selectors.link_problem(invitation)
    if problem:
        return _closed_page(request, invitation, problem)
    if request.method == "POST":
        try:
            services.response_submit(invitation=invitation)
        except ValidationError:
            pass  # the page lists the required questions still open
        else:
            return redirect("monitor:respond", invitation.token)
    context = {"invitation": invitation, "state": state, "tried": request.method == "POST"}
    status = 400 if request.method == "POST" else 200
    return render(request, "monitor/respond_submit.html", context, status=status)
