"""The phase of an office, derived from evidence — never typed in.

The phases follow the report's path from founding to "doorpakken":

1. ``founded`` (opgericht): the office exists;
2. ``building`` (netwerk bouwen): entrepreneurs have joined;
3. ``strategy`` (strategie bepalen): a strategy session is planned or held;
4. ``executing`` (uitvoeren): at least one SMART goal has a running project;
5. ``embedded`` (geborgd): goal indicators were measured in at least two periods (quarters).

An office is in the highest phase whose condition holds *and* whose earlier conditions hold
too: an office that measures indicators without any member is not "embedded". Every check is
returned as evidence, met or not, so the page can say why an office is where it is.

>>> facts = OfficeFacts(member_count=12, sessions_planned_or_held=1,
...                     smart_goals_with_running_project=0, measured_periods=0)
>>> derive_phase(facts).phase
'strategy'
>>> [e.met for e in derive_phase(facts).evidence]
[True, True, True, False, False]
"""

from dataclasses import dataclass

PHASES = ("founded", "building", "strategy", "executing", "embedded")
MIN_MEASURED_PERIODS = 2


@dataclass(frozen=True)
class OfficeFacts:
    member_count: int
    sessions_planned_or_held: int
    smart_goals_with_running_project: int
    measured_periods: int


@dataclass(frozen=True)
class Evidence:
    phase: str
    met: bool
    value: int


@dataclass(frozen=True)
class PhaseResult:
    phase: str
    evidence: tuple[Evidence, ...]

    @property
    def index(self) -> int:
        return PHASES.index(self.phase)


def derive_phase(facts: OfficeFacts) -> PhaseResult:
    checks = (
        Evidence("founded", True, 1),
        Evidence("building", facts.member_count > 0, facts.member_count),
        Evidence("strategy", facts.sessions_planned_or_held > 0, facts.sessions_planned_or_held),
        Evidence(
            "executing",
            facts.smart_goals_with_running_project > 0,
            facts.smart_goals_with_running_project,
        ),
        Evidence(
            "embedded", facts.measured_periods >= MIN_MEASURED_PERIODS, facts.measured_periods
        ),
    )
    phase = "founded"
    for check in checks:
        if not check.met:
            break
        phase = check.phase
    return PhaseResult(phase=phase, evidence=checks)
