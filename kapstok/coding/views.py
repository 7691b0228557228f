"""Pages for coding the monitor's answers: projects, codebook, coding, agreement, frequencies,
which open questions may be exported, and the pseudonymised export.

Researchers and POS staff only (`rules.can_code_answers`); every page shows offices and
respondents by pseudonym. Views parse the request and call `services` or `selectors`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.monitor.models import Answer, QuestionKind

from . import exports, rules, selectors, services
from .forms import (
    AgreementForm,
    ClearForm,
    CodeEditForm,
    CodeForm,
    CodingForm,
    ProjectForm,
    WavesForm,
)
from .models import Coding


def _coder(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_code_answers(viewer))
    return viewer


def _project(request, pk):
    return rules.get_research_project_for(access.viewer_for(request.user), pk)


@login_required
def project_list(request):
    _coder(request)
    return render(request, "coding/project_list.html", {"projects": selectors.projects()})


@login_required
def project_create(request):
    _coder(request)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(**form.cleaned_data, actor=request.user)
        messages.success(request, _("Het onderzoeksproject is aangemaakt."))
        return redirect(project)
    return render(request, "coding/project_form.html", {"form": form})


@login_required
def project_detail(request, pk):
    project = _project(request, pk)
    waves = project.waves.order_by("-year", "name")
    form = WavesForm(initial={"waves": list(waves)})
    context = {"project": project, "waves": waves, "form": form}
    return render(request, "coding/project_detail.html", context)


@login_required
@require_POST
def project_waves(request, pk):
    project = _project(request, pk)
    form = WavesForm(request.POST)
    if form.is_valid():
        services.project_set_waves(project=project, waves=form.cleaned_data["waves"])
        messages.success(request, _("De meetrondes van het project zijn bijgewerkt."))
    return redirect(project)


@login_required
def codebook(request, pk):
    project = _project(request, pk)
    form = CodeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_add(project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De code is toegevoegd."))
            return redirect("coding:codebook", pk=project.pk)
    context = {"project": project, "codes": selectors.codebook(project), "form": form}
    return render(request, "coding/codebook.html", context, status=400 if form.errors else 200)


@login_required
def code_edit(request, pk, code_pk):
    project = _project(request, pk)
    code = get_object_or_404(project.codes, pk=code_pk)
    initial = {
        "label": code.label,
        "parent": code.parent,
        "description": code.description,
        "order": code.order,
    }
    form = CodeEditForm(request.POST or None, code=code, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_update(code=code, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De code is bijgewerkt."))
            return redirect("coding:codebook", pk=project.pk)
    context = {"project": project, "code": code, "form": form}
    return render(request, "coding/code_form.html", context, status=400 if form.errors else 200)


def _wave(project, wave_pk):
    wave = project.waves.filter(pk=wave_pk).first()
    if wave is None:
        raise Http404
    return wave


@login_required
def wave_answers(request, pk, wave_pk):
    project = _project(request, pk)
    wave = _wave(project, wave_pk)
    page = selectors.answers_page(project, wave, coder=request.user, page=request.GET.get("pagina"))
    return render(request, "coding/wave_answers.html", {"project": project, "wave": wave, **page})


def _answer(project, answer_pk) -> Answer:
    answer = get_object_or_404(
        Answer.objects.select_related("question", "response__invitation"),
        pk=answer_pk,
        question__kind=QuestionKind.OPEN,
    )
    if not services.answer_in_project(answer, project):
        raise Http404
    return answer


def _answer_context(project, answer, coder, form=None) -> dict:
    """What `coding/_answer.html` needs for one answer after a change."""
    own = list(answer.codings.filter(coder=coder).select_related("code").order_by("start", "end"))
    selectors.prepare_answer(answer, own, selectors.project_masker(project))
    answer.suggestions = []
    if not answer.own_codings:
        answer.suggestions = selectors.suggestions_for(project, [answer])["per_answer"].get(
            answer.pk, []
        )
    return {
        "project": project,
        "answer": answer,
        "codes": selectors.codebook(project),
        "form": form,
    }


def _back_to_answer(project, answer):
    wave_id = answer.response.invitation.wave_id
    url = reverse("coding:wave_answers", args=[project.pk, wave_id])
    return redirect(f"{url}#antwoord-{answer.pk}")


@login_required
@require_POST
def coding_create(request, pk, answer_pk):
    project = _project(request, pk)
    answer = _answer(project, answer_pk)
    form = CodingForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.coding_add(
                project=project,
                answer=answer,
                code=data["code"],
                coder=request.user,
                start=data["start"],
                end=data["end"],
                confirmed=not data["tentative"],
            )
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        context = _answer_context(project, answer, request.user, form)
        template = "coding/_answer.html" if request.htmx else "coding/coding_form.html"
        # htmx swaps only 2xx answers by default; the errors are in the fragment itself.
        return render(request, template, context, status=200 if request.htmx else 400)
    if request.htmx:
        return render(
            request, "coding/_answer.html", _answer_context(project, answer, request.user)
        )
    messages.success(request, _("Het fragment is gecodeerd."))
    return _back_to_answer(project, answer)


def _own_coding(request, project, coding_pk) -> Coding:
    coding = get_object_or_404(
        Coding.objects.select_related("answer__response__invitation", "code"),
        pk=coding_pk,
        code__project=project,
    )
    access.require(rules.can_change_coding(access.viewer_for(request.user), coding))
    return coding


def _after_change(request, project, answer):
    if request.htmx:
        return render(
            request, "coding/_answer.html", _answer_context(project, answer, request.user)
        )
    return _back_to_answer(project, answer)


@login_required
@require_POST
def coding_delete(request, pk, coding_pk):
    project = _project(request, pk)
    coding = _own_coding(request, project, coding_pk)
    answer = coding.answer
    services.coding_remove(coding=coding)
    return _after_change(request, project, answer)


@login_required
@require_POST
def coding_confirm(request, pk, coding_pk):
    project = _project(request, pk)
    coding = _own_coding(request, project, coding_pk)
    services.coding_confirm(coding=coding)
    return _after_change(request, project, coding.answer)


@login_required
def agreement(request, pk):
    """Kappa between two coders. Researchers see the coders as "codeur 1", "codeur 2"; the
    form's values are those numbers, not account ids."""
    project = _project(request, pk)
    viewer = access.viewer_for(request.user)
    coders = selectors.coders(project)
    choices = selectors.coder_choices(
        coders, names=access.sees_monitor_identities(viewer), me=request.user.pk
    )
    waves = project.waves.order_by("-year", "name")
    data = request.GET or None
    if len(coders) >= 2 and not request.GET:
        data = {"coder_a": 1, "coder_b": 2}
    form = AgreementForm(data, coders=choices, waves=waves)
    result = None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        coder_a, coder_b = coders[chosen["coder_a"] - 1], coders[chosen["coder_b"] - 1]
        result = selectors.agreement(project, coder_a, coder_b, chosen["wave"])
    context = {"project": project, "form": form, "coders": coders, "result": result}
    return render(request, "coding/agreement.html", context)


@login_required
def frequencies(request, pk):
    project = _project(request, pk)
    grouping = request.GET.get("per", "initiative")
    if grouping not in selectors.GROUPINGS:
        grouping = "initiative"
    context = {
        "project": project,
        "groupings": selectors.GROUPINGS,
        **selectors.frequencies(project, grouping),
    }
    return render(request, "coding/frequencies.html", context)


@login_required
def questions_clear(request, pk):
    project = _project(request, pk)
    questions = services.open_questions(project).select_related("questionnaire")
    form = ClearForm(
        request.POST or None,
        questions=questions,
        initial={"questions": list(project.cleared_questions.all())},
    )
    if request.method == "POST" and form.is_valid():
        services.questions_clear(
            project=project, questions=form.cleaned_data["questions"], actor=request.user
        )
        messages.success(request, _("De vrijgegeven vragen zijn opgeslagen."))
        return redirect(project)
    return render(request, "coding/questions_clear.html", {"project": project, "form": form})


@login_required
def export_zip(request, pk):
    project = _project(request, pk)
    content = exports.project_zip(project)
    services.export_record(project=project, actor=request.user)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="onderzoek-{project.pk}-{stamp}.zip"'
    return response
