"""The Dutch words of phases and signals: every rule explained, with its figures filled in."""

import datetime

from kapstok.analysis.phases import OfficeFacts, derive_phase
from kapstok.analysis.stall_rules import RULES, MemberCheckFacts, OfficeStallFacts, evaluate
from kapstok.progress.models import Rule
from kapstok.progress.texts import (
    phase_evidence_lines,
    signal_explanation,
    signal_next_step,
)


def as_stored(params):
    """Signal params as they come back from the JSON field: dates as ISO strings."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in params.items()}


def test_every_rule_of_the_analysis_is_a_signal_the_app_can_store():
    assert set(Rule.values) == set(RULES)


def test_every_tripped_rule_is_explained_with_all_its_figures_and_a_next_step():
    facts = OfficeStallFacts(
        today=datetime.date(2025, 6, 1),
        founded_on=datetime.date(2023, 1, 1),
        sessions=0,
        last_session_held_on=datetime.date(2024, 9, 15),
        smart_goals=0,
        last_activity_on=datetime.date(2024, 12, 1),
        members_now=8,
        members_before=12,
        recent_actors=1,
        recent_actions=7,
        overdue_support_requests=2,
        member_check=MemberCheckFacts(
            "Ledencheck najaar 2024", members=40, responses=6, value=2.4, previous_value=3.6
        ),
    )
    findings = evaluate(facts)
    assert [finding.rule for finding in findings] == list(RULES)
    for finding in findings:
        text = signal_explanation(finding.rule, as_stored(finding.params))
        assert "?" not in text, finding.rule
        assert "%(" not in text, finding.rule
        assert signal_next_step(finding.rule)


def test_dates_in_an_explanation_are_written_out_in_dutch():
    text = signal_explanation("no_smart_goal", {"months": 3, "session_on": "2024-09-15"})
    assert text.startswith("De laatste sessie was op 15 september 2024, en 3 maanden later")


def test_a_shrinking_office_is_told_its_member_counts():
    text = signal_explanation("shrinking", {"months": 6, "before": 12, "now": 8})
    assert text == "Het ledental daalde de afgelopen 6 maanden van 12 naar 8."


def test_a_missing_figure_shows_as_a_question_mark_instead_of_breaking_the_page():
    text = signal_explanation("no_activity", {"days": 120})
    assert "Al 120 dagen geen projectupdate" in text
    assert "(laatste: ?)" in text


def test_a_text_that_is_not_a_date_is_shown_as_it_is():
    text = signal_explanation("no_activity", {"days": 95, "last": "onbekend"})
    assert "(laatste: onbekend)" in text


def test_evidence_lines_say_what_was_met_and_what_is_missing():
    phase = derive_phase(
        OfficeFacts(
            member_count=12,
            sessions_planned_or_held=2,
            smart_goals_with_running_project=0,
            measured_periods=1,
        )
    )
    lines = phase_evidence_lines(phase)
    assert [(line["phase"], line["met"]) for line in lines] == [
        ("opgericht", True),
        ("netwerk bouwen", True),
        ("strategie bepalen", True),
        ("uitvoeren", False),
        ("geborgd", False),
    ]
    assert lines[1]["text"] == "Er hebben zich ondernemers aangesloten (nu 12 leden)."
    assert lines[2]["text"] == "Er is een strategische sessie gepland of gehouden (2 in totaal)."
    assert lines[3]["text"] == "Nog geen SMART-doel met een lopend project."
    assert lines[4]["text"] == "Indicatoren nog niet in twee kwartalen gemeten (nu 1)."


def test_an_embedded_office_has_every_line_met():
    phase = derive_phase(
        OfficeFacts(
            member_count=30,
            sessions_planned_or_held=3,
            smart_goals_with_running_project=2,
            measured_periods=4,
        )
    )
    lines = phase_evidence_lines(phase)
    assert all(line["met"] for line in lines)
    assert lines[-1]["text"] == "Indicatoren zijn in minstens twee kwartalen gemeten (4 kwartalen)."
