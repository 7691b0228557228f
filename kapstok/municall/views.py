"""Pages for calls from the municipality and members' questions to it, under the office.

Every view loads its office or object through the rules (`network.rules.get_office_for`,
`rules.can_view_call`, ...); what may happen is in `services`. A form with errors comes back
with status 400 and nothing stored.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors, posted
from kapstok.network import rules as network_rules

from . import rules, selectors, services
from .forms import (
    AnswerChangeForm,
    AnswerForm,
    CallForm,
    ForwardForm,
    QuestionAnswerForm,
    QuestionForm,
    ReasonForm,
)
from .models import Call, CallStatus, Question, QuestionStatus


def _office(request, slug, rule):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, rule)


# --- calls -----------------------------------------------------------------------------------


@login_required
def call_list(request, slug):
    viewer, office = _office(request, slug, rules.can_view_calls)
    context = {
        "office": office,
        "rows": selectors.call_rows(viewer, office),
        "can_write": rules.can_write_call(viewer, office),
        "can_ask": rules.can_ask_question(viewer, office),
    }
    return render(request, "municall/call_list.html", context)


@login_required
def call_create(request, slug):
    viewer, office = _office(request, slug, rules.can_write_call)
    municipalities = list(rules.call_municipalities(viewer, office))
    form = CallForm(posted(request), municipalities=rules.call_municipalities(viewer, office))
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(
                office=office,
                viewer=viewer,
                author=request.user,
                municipality=form.cleaned_data["municipality"],
                **{k: form.cleaned_data[k] for k in ("title", "text", "ask", "deadline")},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if call.status == CallStatus.PENDING:
                messages.success(request, _("Uw oproep wacht nu op goedkeuring van de kartrekker."))
            else:
                messages.success(request, _("Uw oproep is via het kantoor met de leden gedeeld."))
            return redirect(call)
    context = {
        "office": office,
        "form": form,
        "municipalities": municipalities,
        "needs_approval": not services.auto_approves(office),
        "member_count": len(services.member_addresses(office)),
    }
    return render(request, "municall/call_form.html", context, status=400 if form.errors else 200)


def _call(request, slug, pk):
    viewer = access.viewer_for(request.user)
    call = get_object_or_404(
        Call.objects.select_related("office", "municipality", "author", "decided_by"),
        pk=pk,
        office__slug=slug,
    )
    access.require(rules.can_view_call(viewer, call))
    return viewer, call


def _call_page(request, viewer, call, status=200, **forms):
    today = timezone.localdate()
    own = services.own_answer(viewer, call) if rules.can_answer_call(viewer, call) else None
    can_answer = rules.can_answer_call(viewer, call) and call.is_open_on(today)
    businesses = rules.member_businesses(viewer, call.office)
    context = {
        "office": call.office,
        "call": call,
        "is_open": call.is_open_on(today),
        "answers": selectors.answers_for(viewer, call),
        "sees_details": rules.sees_opted_in_answers(viewer, call),
        "sees_all": rules.sees_all_answers(viewer, call),
        "is_member": rules.is_member_of(viewer, call.office),
        "own_answer": own,
        "can_answer": can_answer and own is None,
        "can_change": can_answer and own is not None,
        "can_decide": rules.can_decide_call(viewer, call) and call.status == CallStatus.PENDING,
        "answer_form": forms.get("answer_form") or AnswerForm(businesses=businesses),
        "change_form": forms.get("change_form")
        or AnswerChangeForm(
            initial={"reply": own.reply, "shares_contact": own.shares_contact} if own else None
        ),
        "reject_form": forms.get("reject_form") or ReasonForm(),
    }
    return render(request, "municall/call_detail.html", context, status=status)


@login_required
def call_detail(request, slug, pk):
    viewer, call = _call(request, slug, pk)
    return _call_page(request, viewer, call)


def _decider_call(request, slug, pk):
    viewer, call = _call(request, slug, pk)
    access.require(rules.can_decide_call(viewer, call))
    return viewer, call


@login_required
@require_POST
def call_approve(request, slug, pk):
    _viewer, call = _decider_call(request, slug, pk)
    try:
        services.call_approve(call=call, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Goedgekeurd: de oproep staat nu bij de leden."))
    return redirect(call)


@login_required
@require_POST
def call_reject(request, slug, pk):
    viewer, call = _decider_call(request, slug, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.call_reject(call=call, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De oproep is afgewezen; de gemeente ziet uw reden."))
            return redirect(call)
    return _call_page(request, viewer, call, status=400, reject_form=form)


def _answering_call(request, slug, pk):
    viewer, call = _call(request, slug, pk)
    access.require(rules.can_answer_call(viewer, call))
    return viewer, call


@login_required
@require_POST
def answer_create(request, slug, pk):
    viewer, call = _answering_call(request, slug, pk)
    form = AnswerForm(request.POST, businesses=rules.member_businesses(viewer, call.office))
    if form.is_valid():
        try:
            services.answer_create(
                call=call,
                viewer=viewer,
                person=request.user,
                entrepreneur=form.cleaned_data["entrepreneur"],
                reply=form.cleaned_data["reply"],
                shares_contact=form.cleaned_data["shares_contact"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Dank u: u doet mee. De kartrekker en de gemeente zien het.")
            )
            return redirect(call)
    return _call_page(request, viewer, call, status=400, answer_form=form)


@login_required
@require_POST
def answer_change(request, slug, pk):
    viewer, call = _answering_call(request, slug, pk)
    form = AnswerChangeForm(request.POST)
    if form.is_valid():
        try:
            services.answer_change(
                call=call,
                viewer=viewer,
                reply=form.cleaned_data["reply"],
                shares_contact=form.cleaned_data["shares_contact"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is gewijzigd."))
            return redirect(call)
    return _call_page(request, viewer, call, status=400, change_form=form)


@login_required
@require_POST
def answer_withdraw(request, slug, pk):
    viewer, call = _answering_call(request, slug, pk)
    try:
        services.answer_withdraw(call=call, viewer=viewer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw reactie is ingetrokken; u doet niet meer mee."))
    return redirect(call)


# --- questions -------------------------------------------------------------------------------


@login_required
def question_list(request, slug):
    viewer, office = _office(request, slug, rules.can_view_questions)
    context = {
        "office": office,
        "questions": selectors.question_rows(viewer, office),
        "can_ask": rules.can_ask_question(viewer, office),
    }
    return render(request, "municall/question_list.html", context)


@login_required
def question_create(request, slug):
    viewer, office = _office(request, slug, rules.can_ask_question)
    businesses = rules.member_businesses(viewer, office)
    form = QuestionForm(posted(request), businesses=businesses)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                office=office,
                viewer=viewer,
                asker=request.user,
                **{
                    k: form.cleaned_data[k]
                    for k in ("entrepreneur", "subject", "text", "shares_identity")
                },
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Uw vraag staat bij de kartrekker, die haar naar de gemeente stuurt.")
            )
            return redirect(question)
    status = 400 if form.errors else 200
    return render(
        request, "municall/question_form.html", {"office": office, "form": form}, status=status
    )


def _question(request, slug, pk):
    viewer = access.viewer_for(request.user)
    question = get_object_or_404(
        Question.objects.select_related(
            "office", "entrepreneur", "asker", "municipality", "routed_by", "answered_by"
        ),
        pk=pk,
        office__slug=slug,
    )
    access.require(rules.can_view_question(viewer, question))
    return viewer, question


def _question_page(request, viewer, question, status=200, **forms):
    can_route = (
        rules.can_route_question(viewer, question) and question.status == QuestionStatus.SUBMITTED
    )
    context = {
        "office": question.office,
        "question": question,
        "asker": selectors.asker_of(viewer, question),
        "is_asker": rules.asked_by_viewer(viewer, question),
        "is_addressee": rules.reads_forwarded_wording(viewer, question),
        "can_route": can_route,
        "can_answer": rules.can_answer_question(viewer, question),
        "forward_form": forms.get("forward_form")
        or ForwardForm(
            office=question.office,
            initial={"subject": question.subject, "text": question.text},
        ),
        "decline_form": forms.get("decline_form") or ReasonForm(),
        "answer_form": forms.get("answer_form") or QuestionAnswerForm(),
    }
    return render(request, "municall/question_detail.html", context, status=status)


@login_required
def question_detail(request, slug, pk):
    viewer, question = _question(request, slug, pk)
    if rules.asked_by_viewer(viewer, question):
        services.question_mark_seen(question=question)
    return _question_page(request, viewer, question)


def _routed_question(request, slug, pk):
    viewer, question = _question(request, slug, pk)
    access.require(rules.can_route_question(viewer, question))
    return viewer, question


@login_required
@require_POST
def question_forward(request, slug, pk):
    viewer, question = _routed_question(request, slug, pk)
    form = ForwardForm(request.POST, office=question.office)
    if form.is_valid():
        try:
            services.question_forward(question=question, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vraag is doorgestuurd naar de gemeente."))
            return redirect(question)
    return _question_page(request, viewer, question, status=400, forward_form=form)


@login_required
@require_POST
def question_decline(request, slug, pk):
    viewer, question = _routed_question(request, slug, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.question_decline(
                question=question, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vraag is niet doorgestuurd; het lid ziet uw reden."))
            return redirect(question)
    return _question_page(request, viewer, question, status=400, decline_form=form)


@login_required
@require_POST
def question_answer(request, slug, pk):
    viewer, question = _question(request, slug, pk)
    access.require(rules.is_addressee(viewer, question))
    form = QuestionAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(
                question=question, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw antwoord is verstuurd; het lid leest het in Kapstok."))
            return redirect(question)
    return _question_page(request, viewer, question, status=400, answer_form=form)
