"""Own data (view, download, erase) for every signed-in person; the data inventory for admins."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import consent, personal_data, registry, retention
from .models import ConsentPurpose, ConsentRecord
from .my_data import personal_data_document

CONSENT_LIST_LIMIT = 200
RECORDS_PER_KIND_ON_PAGE = 25  # the downloads have them all


def _require_site_admin(user) -> None:
    """The access layer decides (`kapstok.accounts` registers the check; trust imports no app)."""
    if not registry.is_site_admin(user):
        raise PermissionDenied


@login_required
def my_data(request):
    """What Kapstok keeps about the person, each kind described (`trust.my_data`), and who sees
    their contact details now, with the way to withdraw a consent."""
    data = personal_data_document(request.user)
    current = consent.consents_current(request.user)
    withdrawable = [r for r in current if r.given and consent.current_text(r.purpose).withdrawable]
    context = {
        "data": data,
        "consents": current,
        "withdrawable": withdrawable,
        "page_limit": RECORDS_PER_KIND_ON_PAGE,
    }
    return render(request, "trust/my_data.html", context)


@login_required
def my_data_json(request):
    """The same document as the page, complete, as JSON (format: see `trust.my_data`)."""
    data = personal_data_document(request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The data export may not load external resources ({url}).")


@login_required
def my_data_pdf(request):
    """The same data as the JSON download, readable (WeasyPrint)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    data = personal_data_document(request.user)
    html = render_to_string("trust/my_data_pdf.html", {"data": data})
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.pdf"'
    return response


@login_required
def erase_confirm(request):
    return render(request, "trust/erase_confirm.html")


@require_POST
@login_required
def erase(request):
    if request.POST.get("confirm") != "ja":
        messages.error(request, _("Vink aan dat u uw gegevens wilt laten wissen."))
        return redirect("trust:erase_confirm")
    personal_data.personal_data_erase(user=request.user)
    logout(request)
    messages.success(request, _("Uw gegevens zijn gewist en uw account is opgeheven."))
    return redirect("public:home")


@login_required
def data_inventory(request):
    _require_site_admin(request.user)
    return render(request, "trust/data_inventory.html", {"rows": retention.inventory()})


@require_POST
@login_required
def consent_withdraw(request):
    """Withdraw a consent (POST `purpose`; `municipality`: only the consent for that one)."""
    purpose = request.POST.get("purpose", "")
    if purpose not in ConsentPurpose.values or not consent.current_text(purpose).withdrawable:
        messages.error(request, _("Deze toestemming kunt u hier niet intrekken."))
        return redirect("trust:my_data")
    municipality = request.POST.get("municipality", "")
    municipality_id = int(municipality) if municipality.isdigit() else None
    consent.consent_withdraw(user=request.user, purpose=purpose, municipality_id=municipality_id)
    messages.success(request, _("Uw toestemming is ingetrokken."))
    return redirect("trust:my_data")


@login_required
def consent_overview(request):
    """Site admins: per purpose the counts and the current text, and the latest records."""
    _require_site_admin(request.user)
    purpose = request.GET.get("waarvoor", "")
    records = ConsentRecord.objects.select_related("user", "entrepreneur")
    if purpose in ConsentPurpose.values:
        records = records.filter(purpose=purpose)
    context = {
        "rows": consent.consents_by_purpose(),
        "records": records[:CONSENT_LIST_LIMIT],
        "limit": CONSENT_LIST_LIMIT,
        "purpose": purpose,
    }
    return render(request, "trust/consent_overview.html", context)
