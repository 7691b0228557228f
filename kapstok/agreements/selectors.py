"""Reads for role agreements: the grid of one version, with the views side by side."""

from dataclasses import dataclass

from kapstok.analysis import role_matrix

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
