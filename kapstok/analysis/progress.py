"""Progress roll-up through the kapstok: activities → projects → strategies → goals.

A node's progress is its own percentage when it has no children, otherwise the weighted mean
of its children's progress. Stopped children (status ``stopped``) do not count: a project that
was consciously stopped should not drag its strategy down forever. A weight of ``None`` counts
as 1; a weight of 0 leaves the child out of the mean. A node whose children are all stopped or
weightless falls back to its own percentage.

>>> activity_a = Node(progress=100, weight=1)
>>> activity_b = Node(progress=0, weight=3)
>>> project = Node(progress=10, children=(activity_a, activity_b))
>>> rolled_up(project)
25.0
>>> rolled_up(Node(progress=40, children=(Node(progress=90, status="stopped"),)))
40.0
"""

from dataclasses import dataclass

STOPPED = "stopped"


@dataclass(frozen=True)
class Node:
    progress: float = 0.0
    weight: float | None = None
    status: str = ""
    children: tuple["Node", ...] = ()


def rolled_up(node: Node) -> float:
    """The node's progress in percent (0–100), rolled up from its children."""
    counted = [
        (rolled_up(child), 1.0 if child.weight is None else float(child.weight))
        for child in node.children
        if child.status != STOPPED
    ]
    total_weight = sum(weight for _progress, weight in counted)
    if total_weight <= 0:
        return float(node.progress)
    return round(sum(progress * weight for progress, weight in counted) / total_weight, 1)
