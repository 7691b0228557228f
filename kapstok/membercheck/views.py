"""The member check's pages: a member answers (or changes the answer), a lead reads the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kapstok.accounts import access
from kapstok.core.forms import posted
from kapstok.monitor.models import Audience
from kapstok.network import rules as network_rules
from kapstok.network import selectors as network_selectors

from . import rules, selectors, services
from .forms import MemberCheckForm


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, rules.can_answer)
    wave = selectors.open_round_for(office)
    if wave is None:
        return render(request, "membercheck/closed.html", {"office": office}, status=200)
    questions = list(
        wave.wave_questionnaires.get(audience=Audience.MEMBER).questionnaire.questions.all()
    )
    response = selectors.own_response(wave, office, request.user)
    initial = {
        **selectors.own_values(response),
        "answered_before": services.answered_stamp(response),
    }
    form = MemberCheckForm(posted(request), initial=initial, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(
                wave=wave,
                office=office,
                user=request.user,
                data=form.answers(),
                answered_before=form.cleaned_data["answered_before"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("membercheck:answer", slug=office.slug)
        messages.success(
            request,
            _("Dank u! Uw antwoord is opgeslagen; u kunt het wijzigen tot en met %(date)s.")
            % {"date": date_format(wave.closes_on, "j F Y")},
        )
        return redirect("membercheck:answer", slug=office.slug)
    context = {"office": office, "wave": wave, "form": form, "answered": response is not None}
    return render(request, "membercheck/answer.html", context)


@login_required
def results(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, rules.can_view_results)
    rounds = selectors.office_rounds(office)
    context = {
        "office": office,
        "rounds": rounds,
        "latest": next((r for r in rounds if r.disclosed), None),
        "leave_reasons": network_selectors.leave_reasons(office),
        "small_count_from": selectors.SMALL_COUNT_FROM,
    }
    return render(request, "membercheck/results.html", context)
