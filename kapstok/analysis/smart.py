"""The SMART check of a goal: what is still missing before a goal is concrete.

The report's central finding is that goals stay "abstract ambitions". A goal counts as SMART
when it is Specific (a description of at least a few words), Measurable (an indicator with a
target value and a unit), Assigned (an owner — the A the report's leads lacked most), and
Time-bound (a deadline). Realism cannot be checked by software; we leave it to the people.

>>> missing_for_smart(GoalFacts(description="Meer leden", indicator="", target_value=None,
...                             unit="", has_owner=True, deadline_set=True))
['specific', 'indicator', 'target']
>>> missing_for_smart(GoalFacts("Tien nieuwe padel- en tennisaanbieders aangesloten",
...                             "aantal leden", 10, "ondernemers", True, True))
[]
"""

from dataclasses import dataclass

MIN_DESCRIPTION_WORDS = 4


@dataclass(frozen=True)
class GoalFacts:
    description: str
    indicator: str
    target_value: float | None
    unit: str
    has_owner: bool
    deadline_set: bool


def missing_for_smart(goal: GoalFacts) -> list[str]:
    """Codes of what is missing, in the order a lead would fix them."""
    missing = []
    if len(goal.description.split()) < MIN_DESCRIPTION_WORDS:
        missing.append("specific")
    if not goal.indicator.strip():
        missing.append("indicator")
    if goal.target_value is None:
        missing.append("target")
    elif not goal.unit.strip():
        missing.append("unit")
    if not goal.has_owner:
        missing.append("owner")
    if not goal.deadline_set:
        missing.append("deadline")
    return missing


def is_smart(goal: GoalFacts) -> bool:
    return not missing_for_smart(goal)
