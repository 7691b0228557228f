"""The office's money pages: structure (legal form) and totals for its people, the fee, who
paid, income, spending and the export for who keeps the books, and the guide to legal forms.

Who may do what comes from `rules`; the rules of each write live in `services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors, posted
from kapstok.network import rules as network_rules

from . import export, rules, selectors, services
from . import guide as legal_guide
from .forms import ExpenseForm, FeePaymentForm, FeeScheduleForm, IncomeForm, LegalFormForm
from .models import FeePayment, FeeSchedule


def _load(request, slug, rule):
    viewer = access.viewer_for(request.user)
    return viewer, network_rules.get_office_for(viewer, slug, rule)


def _year(request) -> int:
    """The year asked for (`?jaar=2025`), this year when absent or not a sensible year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def _status(form) -> int:
    return 400 if form.errors else 200


@login_required
def office_finances(request, slug):
    viewer, office = _load(request, slug, rules.can_view_finances)
    year = _year(request)
    can_manage = rules.can_manage_finances(viewer, office)
    context = {
        "office": office,
        "year": year,
        "years": selectors.ledger_years(timezone.localdate()),
        "ledger": selectors.ledger_year(office, year),
        "consequences": legal_guide.consequences(office.legal_form),
        "schedule": selectors.schedule_on(office, timezone.localdate()),
        "can_manage": can_manage,
        "entries": selectors.ledger_entries(office, year) if can_manage else None,
        "legal_form_form": (
            LegalFormForm(initial={"legal_form": office.legal_form}) if can_manage else None
        ),
    }
    return render(request, "finances/office.html", context)


@login_required
@require_POST
def legal_form_edit(request, slug):
    viewer, office = _load(request, slug, rules.can_manage_finances)
    form = LegalFormForm(request.POST)
    if form.is_valid():
        services.legal_form_set(
            office=office, legal_form=form.cleaned_data["legal_form"], actor=request.user
        )
        messages.success(request, _("De rechtsvorm is opgeslagen."))
    else:
        messages.error(request, _("Kies een van de rechtsvormen uit de lijst."))
    return redirect("finances:office", slug=office.slug)


@login_required
def fee_schedules(request, slug):
    viewer, office = _load(request, slug, rules.can_manage_finances)
    form = FeeScheduleForm(posted(request), instance=FeeSchedule(office=office))
    if request.method == "POST" and form.is_valid():
        try:
            services.fee_schedule_set(office=office, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De contributieregeling is opgeslagen."))
            return redirect("finances:fee_schedules", slug=office.slug)
    context = {"office": office, "schedules": selectors.schedules(office), "form": form}
    return render(request, "finances/fee_schedules.html", context, status=_status(form))


def _chosen_period(request, periods):
    """The period asked for (`?periode=2026-04-01`), else the one running today, else the last."""
    asked = request.GET.get("periode") or request.POST.get("period_start")
    today = timezone.localdate()
    by_start = {period.start.isoformat(): period for period in periods}
    if asked in by_start:
        return by_start[asked]
    started = [period for period in periods if period.start <= today]
    return (started or periods)[-1] if periods else None


@login_required
def payments(request, slug):
    viewer, office = _load(request, slug, rules.can_see_payers)
    year = _year(request)
    all_schedules = selectors.schedules(office)
    periods = selectors.fee_periods(office, year, all_schedules)
    choosable = selectors.fee_periods(office, year - 1, all_schedules) + periods
    period = _chosen_period(request, periods) if periods else None
    form = FeePaymentForm(
        posted(request),
        members=selectors.current_members(office),
        periods=choosable,
        initial={
            "paid_on": timezone.localdate(),
            "period_start": period.start.isoformat() if period else None,
            "amount": period.schedule.amount if period else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.fee_payment_record(
                office=office, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De betaling is vastgelegd."))
            url = reverse("finances:payments", args=[office.slug])
            start = payment.period_start
            return redirect(f"{url}?jaar={start.year}&periode={start.isoformat()}")
    context = {
        "office": office,
        "year": year,
        "years": selectors.ledger_years(timezone.localdate()),
        "periods": periods,
        "period": period,
        "status": selectors.period_status(office, period) if period else None,
        "form": form if choosable else None,
    }
    return render(request, "finances/payments.html", context, status=_status(form))


@login_required
@require_POST
def payment_delete(request, slug, pk):
    viewer, office = _load(request, slug, rules.can_manage_finances)
    url = reverse("finances:payments", args=[office.slug])
    payment = FeePayment.objects.filter(office=office, pk=pk).first()
    if payment is None:
        # Sent twice, or from a page opened before someone else removed it: nothing to undo.
        messages.info(request, _("Deze betaling was al verwijderd."))
        return redirect(url)
    start = payment.period_start
    services.fee_payment_delete(payment=payment)
    messages.success(request, _("De betaling is verwijderd."))
    return redirect(f"{url}?jaar={start.year}&periode={start.isoformat()}")


def _entry_page(request, slug, form_class, record, template, done, form_options):
    """The shared shape of "add income" and "add spending": a form, its service, back."""
    viewer, office = _load(request, slug, rules.can_manage_finances)
    model = form_class._meta.model
    form = form_class(posted(request), instance=model(office=office), **form_options(office))
    if request.method == "POST" and form.is_valid():
        try:
            record(office=office, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("finances:office", slug=office.slug)
    return render(request, template, {"office": office, "form": form}, status=_status(form))


@login_required
def income_add(request, slug):
    return _entry_page(
        request,
        slug,
        IncomeForm,
        services.income_record,
        "finances/income_form.html",
        _("De inkomst is vastgelegd."),
        form_options=lambda office: {},
    )


@login_required
def expense_add(request, slug):
    return _entry_page(
        request,
        slug,
        ExpenseForm,
        services.expense_record,
        "finances/expense_form.html",
        _("De uitgave is vastgelegd."),
        form_options=lambda office: {"projects": selectors.office_projects(office)},
    )


EXPORTS = {
    "csv": (export.ledger_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        export.ledger_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@login_required
def ledger_export(request, slug, year, fmt):
    viewer, office = _load(request, slug, rules.can_manage_finances)
    if fmt not in EXPORTS or not 2000 <= year <= 2100:
        raise Http404
    write, content_type = EXPORTS[fmt]
    body = write(selectors.ledger_year(office, year), selectors.ledger_entries(office, year))
    response = HttpResponse(body, content_type=content_type)
    filename = f"kasboek-{office.slug}-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def guide(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_read_legal_form_guide(viewer))
    context = {
        "forms": [name for _key, name in legal_guide.FORMS],
        "rows": legal_guide.table(),
        "disclaimer": legal_guide.DISCLAIMER,
    }
    return render(request, "finances/guide.html", context)
