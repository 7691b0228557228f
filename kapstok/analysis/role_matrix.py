"""Comparing the parties' views of a role agreement (rollenafspraak), and checking a matrix.

A matrix maps a task to, per party, what that party does: "decides", "executes", "supports",
"informed", or nothing (an empty string or a missing key). Every party of the agreement first
fills in its own view of the whole matrix; `differences` lists the cells where the submitted
views do not say the same, `consensus` keeps the cells where they do, and `decision_warnings`
flags a task with no deciding party or more than one (report ch. 5.2: make roles clear —
a warning, because two deciders can be a deliberate choice).

>>> views = {
...     "office": {"strategy": {"office": "decides", "municipality": "informed"}},
...     "municipality": {"strategy": {"office": "decides", "municipality": "decides"}},
... }
>>> differences(views, ["strategy"], ["office", "municipality"])
{('strategy', 'municipality'): {'office': 'informed', 'municipality': 'decides'}}
>>> consensus(views, ["strategy"], ["office", "municipality"])
{'strategy': {'office': 'decides', 'municipality': ''}}
>>> decision_warnings(views["municipality"], ["strategy"], ["office", "municipality"])
{'strategy': 'many'}
"""

from __future__ import annotations

DECIDES = "decides"

Matrix = dict[str, dict[str, str]]


def cell(matrix: Matrix, task: str, party: str) -> str:
    return (matrix.get(task) or {}).get(party) or ""


def differences(
    views: dict[str, Matrix], tasks: list[str], parties: list[str]
) -> dict[tuple[str, str], dict[str, str]]:
    """Per (task, party) where the views disagree: what each view says there.

    An empty cell counts as an answer ("does nothing here"), so one view leaving a cell empty
    and another filling it in is a difference too.
    """
    found = {}
    for task in tasks:
        for party in parties:
            said = {author: cell(matrix, task, party) for author, matrix in views.items()}
            if len(set(said.values())) > 1:
                found[(task, party)] = said
    return found


def consensus(views: dict[str, Matrix], tasks: list[str], parties: list[str]) -> Matrix:
    """The cells every view agrees on; an empty string where they differ (or there is no view).

    >>> consensus({}, ["t"], ["pos"])
    {'t': {'pos': ''}}
    """
    agreed: Matrix = {}
    for task in tasks:
        agreed[task] = {}
        for party in parties:
            said = {cell(matrix, task, party) for matrix in views.values()}
            agreed[task][party] = said.pop() if len(said) == 1 else ""
    return agreed


def decision_warnings(matrix: Matrix, tasks: list[str], parties: list[str]) -> dict[str, str]:
    """Tasks whose deciding party is missing ("none") or not unique ("many").

    >>> decision_warnings({"t": {"pos": "supports"}}, ["t"], ["pos"])
    {'t': 'none'}
    >>> decision_warnings({"t": {"pos": "decides"}}, ["t"], ["pos"])
    {}
    """
    warnings = {}
    for task in tasks:
        deciders = sum(1 for party in parties if cell(matrix, task, party) == DECIDES)
        if deciders == 0:
            warnings[task] = "none"
        elif deciders > 1:
            warnings[task] = "many"
    return warnings
