"""Role agreement pages: an office's versions, one version with the views compared, the forms
for a party's own view, the tasks and the agreed version, and the confirmation per party.

Who may do what comes from `kapstok.accounts.access` (`agreement_parties_of`,
`can_manage_agreement`); the rules of a round live in `services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access
from kapstok.analysis import role_matrix
from kapstok.core.forms import apply_errors
from kapstok.network import rules as network_rules

from . import selectors, services
from .forms import MatrixForm, TasksForm
from .models import AgreementStatus, Party, RoleAgreement


def _load(request, slug, version=None):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view")
    agreement = None
    if version is not None:
        agreement = get_object_or_404(
            RoleAgreement.objects.select_related("office"), office=office, version=version
        )
    return viewer, office, agreement


def _warn(request, agreement, warnings) -> None:
    """Say which tasks have no deciding party or more than one (a warning, not a refusal)."""
    if not warnings:
        return
    names = {str(task.pk): task.name for task in agreement.tasks.all()}
    none = [names[t] for t, kind in warnings.items() if kind == "none" and t in names]
    many = [names[t] for t, kind in warnings.items() if kind == "many" and t in names]
    if none:
        messages.warning(
            request,
            _("Let op: bij deze taken beslist niemand: %(tasks)s.") % {"tasks": ", ".join(none)},
        )
    if many:
        messages.warning(
            request,
            _("Let op: bij deze taken beslist meer dan één partij: %(tasks)s.")
            % {"tasks": ", ".join(many)},
        )


@login_required
def office_agreements(request, slug):
    viewer, office, _agreement = _load(request, slug)
    versions = list(office.role_agreements.all())
    current = next((a for a in versions if a.status == AgreementStatus.AGREED), None)
    context = {
        "office": office,
        "versions": versions,
        "current": current,
        "current_rows": selectors.view_rows(current, current.cells) if current else [],
        "open_round": next((a for a in versions if a.status != AgreementStatus.AGREED), None),
        "can_manage": access.can_manage_agreement(viewer, office),
    }
    return render(request, "agreements/office.html", context)


@login_required
@require_POST
def agreement_start(request, slug):
    viewer, office, _agreement = _load(request, slug)
    access.require(access.can_manage_agreement(viewer, office))
    try:
        agreement = services.agreement_start(office=office, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreements:office", slug=office.slug)
    messages.success(
        request, _("Een nieuwe ronde is begonnen. Elke partij vult nu haar eigen beeld in.")
    )
    return redirect(agreement)


@login_required
def agreement_detail(request, slug, version):
    viewer, office, agreement = _load(request, slug, version)
    mine = [p for p in access.agreement_parties_of(viewer, office) if p in agreement.parties]
    context = {
        "office": office,
        "agreement": agreement,
        "my_parties": mine,
        "can_manage": access.can_manage_agreement(viewer, office),
        **selectors.agreement_detail(agreement),
    }
    return render(request, "agreements/detail.html", context)


@login_required
def tasks_edit(request, slug, version):
    viewer, office, agreement = _load(request, slug, version)
    access.require(access.can_manage_agreement(viewer, office))
    names = "\n".join(task.name for task in agreement.tasks.all())
    form = TasksForm(request.POST or None, initial={"tasks": names})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_tasks_save(
                agreement=agreement, names=form.cleaned_data["tasks"].splitlines()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De taken zijn opgeslagen."))
            return redirect(agreement)
    context = {"office": office, "agreement": agreement, "form": form}
    return render(request, "agreements/tasks.html", context, status=400 if form.errors else 200)


def _matrix_page(request, agreement, form, title, intro, status=200):
    context = {
        "office": agreement.office,
        "agreement": agreement,
        "form": form,
        "title": title,
        "intro": intro,
        "parties": agreement.party_choices,
    }
    return render(request, "agreements/matrix_form.html", context, status=status)


@login_required
def view_edit(request, slug, version, party):
    viewer, office, agreement = _load(request, slug, version)
    if party not in agreement.parties:
        raise Http404
    access.require(party in access.agreement_parties_of(viewer, office))
    existing = agreement.views.filter(party=party).first()
    form = MatrixForm(
        request.POST or None,
        tasks=agreement.tasks.all(),
        parties=agreement.parties,
        initial_cells=existing.cells if existing else services.starting_cells(agreement),
    )
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.view_submit(
                agreement=agreement, party=party, cells=form.cells(), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw beeld is opgeslagen."))
            _warn(request, agreement, warnings)
            return redirect(agreement)
    label = Party(party).label
    title = _("Het beeld van %(party)s") % {"party": label}
    intro = _(
        "Vul in hoe %(party)s de rollen ziet: per taak wie beslist, wie uitvoert, wie "
        "ondersteunt en wie wordt geïnformeerd. De andere partijen doen hetzelfde; daarna "
        "ziet u waar de beelden verschillen."
    ) % {"party": label}
    return _matrix_page(request, agreement, form, title, intro, 400 if form.errors else 200)


@login_required
def agreement_propose(request, slug, version):
    viewer, office, agreement = _load(request, slug, version)
    access.require(access.can_manage_agreement(viewer, office))
    if agreement.status == AgreementStatus.AGREED:
        return redirect(agreement)
    detail = selectors.agreement_detail(agreement)
    matrices = {view.party: view.cells for view in agreement.views.all()}
    task_ids = [str(task.pk) for task in detail["tasks"]]
    initial = agreement.cells or role_matrix.consensus(matrices, task_ids, agreement.parties)
    form = MatrixForm(
        request.POST or None,
        tasks=detail["tasks"],
        parties=agreement.parties,
        initial_cells=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.agreement_propose(
                agreement=agreement, cells=form.cells(), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het voorstel staat klaar. Elke partij bevestigt het nu."))
            _warn(request, agreement, warnings)
            return redirect(agreement)
    title = _("De gezamenlijke versie opstellen")
    intro = _(
        "Waar de beelden hetzelfde zeggen, is het al ingevuld; waar ze verschillen, staat het "
        "vak leeg. Kies na het gesprek één versie. Daarna bevestigt elke partij die."
    )
    return _matrix_page(request, agreement, form, title, intro, 400 if form.errors else 200)


@login_required
@require_POST
def agreement_acknowledge(request, slug, version, party):
    viewer, office, agreement = _load(request, slug, version)
    access.require(party in access.agreement_parties_of(viewer, office))
    try:
        agreement = services.agreement_acknowledge(
            agreement=agreement, party=party, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if agreement.status == AgreementStatus.AGREED:
            messages.success(request, _("Alle partijen hebben bevestigd: de rollenafspraak staat."))
        else:
            messages.success(request, _("Uw bevestiging is vastgelegd."))
    return redirect(agreement)
