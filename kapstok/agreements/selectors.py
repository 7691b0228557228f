"""Reads for role agreements: the grid of one version, with the views side by side."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.analysis import role_matrix
from kapstok.core.todo import ToDo

from . import rules
from .models import AgreementStatus, Party, Responsibility, RoleAgreement

PARTY_LABELS = dict(Party.choices)
LABELS = dict(Responsibility.choices)


@dataclass(frozen=True)
class Cell:
    party: str
    value: str
    differs: bool = False
    said: tuple = ()  # (author label, value label) per view, where the views differ

    @property
    def label(self) -> str:
        return str(LABELS.get(self.value, ""))


@dataclass(frozen=True)
class Row:
    task: object
    cells: list
    warning: str = ""  # "none" or "many"


def _rows(tasks, parties, matrix, warnings, diffs=None) -> list[Row]:
    rows = []
    for task in tasks:
        key = str(task.pk)
        cells = []
        for party in parties:
            said = (diffs or {}).get((key, party))
            cells.append(
                Cell(
                    party=party,
                    value=role_matrix.cell(matrix, key, party),
                    differs=said is not None,
                    said=tuple(
                        (str(PARTY_LABELS[author]), str(LABELS.get(value, "")))
                        for author, value in (said or {}).items()
                    ),
                )
            )
        rows.append(Row(task=task, cells=cells, warning=warnings.get(key, "")))
    return rows


def agreement_detail(agreement: RoleAgreement) -> dict:
    """Everything the version page shows, in four queries."""
    tasks = list(agreement.tasks.all())
    task_ids = [str(task.pk) for task in tasks]
    views = {view.party: view for view in agreement.views.select_related("submitted_by")}
    matrices = {party: view.cells for party, view in views.items()}
    diffs = role_matrix.differences(matrices, task_ids, agreement.parties) if len(views) > 1 else {}
    consensus = role_matrix.consensus(matrices, task_ids, agreement.parties)
    acknowledged = {
        a.party: a for a in agreement.acknowledgements.select_related("acknowledged_by")
    }
    has_proposal = agreement.status != AgreementStatus.VIEWS
    matrix = agreement.cells if has_proposal else consensus
    warnings = role_matrix.decision_warnings(matrix, task_ids, agreement.parties)
    return {
        "tasks": tasks,
        "parties": agreement.party_choices,
        "views": [(party, label, views.get(party)) for party, label in agreement.party_choices],
        "view_count": len(views),
        "difference_count": len(diffs),
        "compare_rows": _rows(tasks, agreement.parties, consensus, {}, diffs),
        "has_proposal": has_proposal,
        "matrix_rows": _rows(tasks, agreement.parties, matrix, warnings),
        "warning_count": len(warnings),
        "acknowledgements": [
            (party, label, acknowledged.get(party)) for party, label in agreement.party_choices
        ],
    }


def view_rows(agreement: RoleAgreement, cells: dict) -> list[Row]:
    """One matrix (a single view) as rows, with its decision warnings."""
    tasks = list(agreement.tasks.all())
    warnings = role_matrix.decision_warnings(cells, [str(t.pk) for t in tasks], agreement.parties)
    return _rows(tasks, agreement.parties, cells, warnings)


# --- the start page's to-do items (three queries) -------------------------------------------


def rounds_waiting_for(viewer) -> list[ToDo]:
    """Open rounds where a party the viewer speaks for still has to give its view, or to
    confirm the proposal: the office (its leads), the municipality (its contacts) and the
    partner (its staff). POS is left out: as a party of every office, it follows the rounds
    from the offices' pages instead."""
    rounds = (
        rules.agreements_with_a_party_of(viewer)
        .exclude(status=AgreementStatus.AGREED)
        .select_related("office")
        .prefetch_related("views", "acknowledgements")
        .order_by("office__name")
    )
    items = []
    for agreement in rounds:
        parties = [
            party
            for party in access.agreement_parties_of(viewer, agreement.office)
            if party != Party.POS and party in agreement.parties
        ]
        values = {"office": agreement.office.name, "version": agreement.version}
        if agreement.status == AgreementStatus.VIEWS:
            given = {view.party for view in agreement.views.all()}
            for party in parties:
                if party in given:
                    continue
                values["party"] = PARTY_LABELS[party]
                items.append(
                    ToDo(
                        title=_("Geef uw beeld van de rolverdeling bij %(office)s") % values,
                        detail=_("Ronde %(version)s van de rollenafspraak, namens: %(party)s.")
                        % values,
                        url=reverse(
                            "agreements:view_edit",
                            args=[agreement.office.slug, agreement.version, party],
                        ),
                    )
                )
        else:
            confirmed = {ack.party for ack in agreement.acknowledgements.all()}
            if any(party not in confirmed for party in parties):
                items.append(
                    ToDo(
                        title=_("Bevestig de voorgestelde rollenafspraak van %(office)s") % values,
                        detail=_("Ronde %(version)s: het voorstel wacht op uw bevestiging.")
                        % values,
                        url=agreement.get_absolute_url(),
                    )
                )
    return items
