"""Writes for role agreements: start a round, edit its tasks, submit a view, propose, confirm.

A round (`RoleAgreement`) moves views → proposed → agreed. Tasks can change only while views
are collected; a party may resubmit its view until a proposal is made; a new proposal clears
the acknowledgements, because they confirmed a different matrix. Missing or double deciders
are warnings returned to the caller, never refusals (see `kapstok.analysis.role_matrix`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.analysis import role_matrix

from .models import (
    Acknowledgement,
    AgreementStatus,
    AgreementTask,
    Party,
    PartyView,
    Responsibility,
    RoleAgreement,
)
from .starting_point import TEMPLATE

MAX_TASKS = 30


def agreement_parties(office) -> list[str]:
    """POS, the office and the municipality always; a partner when the office has one."""
    parties = [Party.POS, Party.OFFICE, Party.MUNICIPALITY]
    if office.partners.exists():
        parties.append(Party.PARTNER)
    return [str(party) for party in parties]


def last_agreed(office) -> RoleAgreement | None:
    return office.role_agreements.filter(status=AgreementStatus.AGREED).order_by("-version").first()


def open_round(office) -> RoleAgreement | None:
    return office.role_agreements.exclude(status=AgreementStatus.AGREED).first()


@transaction.atomic
def agreement_start(*, office, actor) -> RoleAgreement:
    """Open a new round: tasks from the last agreed version, or the report's template."""
    if open_round(office):
        raise ValidationError(_("Er loopt al een ronde; rond die eerst af."))
    previous = last_agreed(office)
    version = (office.role_agreements.aggregate(v=Max("version"))["v"] or 0) + 1
    agreement = RoleAgreement.objects.create(
        office=office, version=version, parties=agreement_parties(office), created_by=actor
    )
    names = (
        [task.name for task in previous.tasks.all()] if previous else [name for name, _ in TEMPLATE]
    )
    AgreementTask.objects.bulk_create(
        AgreementTask(agreement=agreement, position=i, name=name) for i, name in enumerate(names)
    )
    return agreement


def starting_cells(agreement: RoleAgreement) -> dict[str, dict[str, str]]:
    """What a view form starts with: the last agreed matrix, else the template, by task name."""
    previous = last_agreed(agreement.office)
    by_name: dict[str, dict[str, str]] = dict(TEMPLATE)
    if previous:
        by_name = {task.name: previous.cells.get(str(task.pk), {}) for task in previous.tasks.all()}
    return {
        str(task.pk): {p: by_name.get(task.name, {}).get(p, "") for p in agreement.parties}
        for task in agreement.tasks.all()
    }


def agreement_tasks_save(*, agreement: RoleAgreement, names: list[str]) -> None:
    """Replace the task list, keeping tasks whose name stays (and so the cells filled for them)."""
    if agreement.status != AgreementStatus.VIEWS:
        raise ValidationError(_("De taken liggen vast zodra er een voorstel is."))
    names = [name.strip() for name in names if name.strip()]
    if not names:
        raise ValidationError({"tasks": _("Noem minstens één taak.")})
    if len(names) > MAX_TASKS:
        raise ValidationError({"tasks": _("Hoogstens 30 taken.")})
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValidationError(
            {
                "tasks": _("Deze taak staat er dubbel in: %(names)s")
                % {"names": ", ".join(duplicates)}
            }
        )
    if any(len(name) > 120 for name in names):
        raise ValidationError({"tasks": _("Een taak is hoogstens 120 tekens lang.")})
    existing = {task.name: task for task in agreement.tasks.all()}
    with transaction.atomic():
        agreement.tasks.exclude(name__in=names).delete()
        for position, name in enumerate(names):
            task = existing.get(name) or AgreementTask(agreement=agreement, name=name)
            task.position = position
            task.save()


def _clean_cells(agreement: RoleAgreement, cells: dict) -> dict[str, dict[str, str]]:
    """Only known tasks, parties and responsibilities; empty cells are dropped."""
    allowed = set(Responsibility.values)
    task_ids = {str(pk) for pk in agreement.tasks.values_list("pk", flat=True)}
    return {
        task: {
            party: value
            for party, value in row.items()
            if party in agreement.parties and value in allowed
        }
        for task, row in cells.items()
        if task in task_ids
    }


def warnings_for(agreement: RoleAgreement, cells: dict) -> dict[str, str]:
    task_ids = [str(pk) for pk in agreement.tasks.values_list("pk", flat=True)]
    return role_matrix.decision_warnings(cells, task_ids, agreement.parties)


def view_submit(*, agreement: RoleAgreement, party: str, cells: dict, actor) -> dict[str, str]:
    """Save one party's view (again); return the decision warnings for it."""
    if agreement.status != AgreementStatus.VIEWS:
        raise ValidationError(
            _("Er ligt al een voorstel; de beelden kunnen niet meer worden gewijzigd.")
        )
    if party not in agreement.parties:
        raise ValidationError(_("Deze partij doet niet mee aan deze rollenafspraak."))
    cells = _clean_cells(agreement, cells)
    PartyView.objects.update_or_create(
        agreement=agreement,
        party=party,
        defaults={"cells": cells, "submitted_by": actor, "submitted_at": timezone.now()},
    )
    return warnings_for(agreement, cells)


@transaction.atomic
def agreement_propose(*, agreement: RoleAgreement, cells: dict, actor) -> dict[str, str]:
    """Put the agreed version to the parties; every earlier confirmation lapses."""
    if agreement.status == AgreementStatus.AGREED:
        raise ValidationError(_("Deze versie is al vastgesteld. Begin een nieuwe ronde."))
    if not agreement.views.exists():
        raise ValidationError(
            _(
                "Er is nog geen enkel beeld ingevuld. "
                "Laat de partijen eerst hun eigen beeld invullen."
            )
        )
    agreement.cells = _clean_cells(agreement, cells)
    agreement.status = AgreementStatus.PROPOSED
    agreement.proposed_by, agreement.proposed_at = actor, timezone.now()
    agreement.save(update_fields=["cells", "status", "proposed_by", "proposed_at"])
    agreement.acknowledgements.all().delete()
    return warnings_for(agreement, agreement.cells)


@transaction.atomic
def agreement_acknowledge(*, agreement: RoleAgreement, party: str, actor) -> RoleAgreement:
    """One party confirms the proposal; with the last confirmation the version is agreed."""
    agreement = RoleAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.PROPOSED:
        raise ValidationError(_("Er ligt geen voorstel om te bevestigen."))
    if party not in agreement.parties:
        raise ValidationError(_("Deze partij doet niet mee aan deze rollenafspraak."))
    Acknowledgement.objects.get_or_create(
        agreement=agreement, party=party, defaults={"acknowledged_by": actor}
    )
    confirmed = set(agreement.acknowledgements.values_list("party", flat=True))
    if confirmed >= set(agreement.parties):
        agreement.status, agreement.agreed_at = AgreementStatus.AGREED, timezone.now()
        agreement.save(update_fields=["status", "agreed_at"])
    return agreement
