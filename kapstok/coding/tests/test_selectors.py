"""What the coding pages are built from: segments, examples to learn from, code sets per coder,
agreement counts, office types and frequencies."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.coding import office_types, selectors, services
from kapstok.coding.factories import GOALS
from kapstok.coding.models import Coding
from kapstok.monitor.models import Answer, Snapshot


def code(study, answer, key, coder, start=None, end=None, confirmed=True):
    return services.coding_add(
        project=study.project,
        answer=answer,
        code=study.codes[key],
        coder=study.world.users[coder],
        start=start,
        end=end,
        confirmed=confirmed,
    )


def goals(study, year, lead="lead"):
    return study.responses[(year, lead)].answers[0]


# --- the rules of a coding -----------------------------------------------------------------


def test_a_start_without_an_end_is_refused(study, goals_answer):
    with pytest.raises(ValidationError, match="zowel het begin als het einde"):
        code(study, goals_answer, "leden", "researcher", start=3)
    assert not Coding.objects.exists()


def test_an_answer_without_text_cannot_be_coded(study, goals_answer):
    empty = study.responses[(2025, "lead")].answers[5]  # the open remark
    Answer.objects.filter(pk=empty.pk).update(text="   ")
    empty.refresh_from_db()
    with pytest.raises(ValidationError, match="geen tekst om te coderen"):
        code(study, empty, "leden", "researcher")


def test_a_coding_may_end_at_the_last_character(study, goals_answer):
    coding = code(
        study, goals_answer, "gemeente", "researcher", start=len(GOALS) - 8, end=len(GOALS)
    )
    assert coding.fragment == "steunen."


def test_confirming_a_tentative_coding_makes_it_count(study, goals_answer):
    coding = code(study, goals_answer, "leden", "researcher", confirmed=False)
    assert selectors.training_examples(study.project) == []
    services.coding_confirm(coding=coding)
    [example] = selectors.training_examples(study.project)
    assert (example.text, example.theme) == (GOALS, str(study.codes["leden"].pk))


# --- segments ------------------------------------------------------------------------------


class Mark:
    def __init__(self, start, end, label):
        self.start, self.end = start, end
        self.code = type("Code", (), {"label": label})


def test_overlapping_codings_share_the_overlap():
    parts = selectors.segments("abcdefgh", [Mark(0, 4, "x"), Mark(2, 6, "y")])
    assert [(p["text"], p["codes"], p["start"]) for p in parts] == [
        ("ab", ["x"], 0),
        ("cd", ["x", "y"], 2),
        ("ef", ["y"], 4),
        ("gh", [], 6),
    ]


def test_an_uncoded_text_is_one_segment():
    assert selectors.segments("Meer leden", []) == [{"text": "Meer leden", "codes": [], "start": 0}]


def test_segments_put_the_text_back_together():
    text = "Wij willen meer leden werven."
    parts = selectors.segments(text, [Mark(4, 10, "a"), Mark(16, 21, "b"), Mark(4, 21, "c")])
    assert "".join(p["text"] for p in parts) == text


# --- learning from confirmed codings -------------------------------------------------------


def test_examples_are_the_newest_confirmed_codings_of_this_project(study, monkeypatch):
    code(study, goals(study, 2025), "leden", "researcher", 0, 28)
    code(study, goals(study, 2026), "gemeente", "researcher", 29, len(GOALS))
    code(study, goals(study, 2025, "other_lead"), "leden", "pos", confirmed=False)
    monkeypatch.setattr(selectors, "TRAINING_LIMIT", 1)
    [newest] = selectors.training_examples(study.project)
    assert newest.text == "De gemeente moet ons meer steunen."


def test_suggestions_explain_too_few_codes(study, monkeypatch):
    from kapstok.analysis import code_suggestions

    monkeypatch.setattr(
        selectors,
        "suggest_codes",
        lambda examples, texts: code_suggestions.suggest_codes(examples, texts, min_examples=1),
    )
    code(study, goals(study, 2025), "leden", "researcher")
    result = selectors.suggestions_for(study.project, [goals(study, 2026)])
    assert result["per_answer"] == {}
    assert "gebruiken nog maar één code" in result["note"]


# --- coders and agreement ------------------------------------------------------------------


def test_coders_are_listed_with_their_number_of_codings(study):
    code(study, goals(study, 2025), "leden", "researcher")
    code(study, goals(study, 2026), "leden", "researcher")
    code(study, goals(study, 2025), "gemeente", "pos")
    counted = [(user.full_name, user.coding_count) for user in selectors.coders(study.project)]
    assert counted == [("Petra POS", 1), ("Rob Onderzoeker", 2)]


def test_code_sets_collect_every_code_a_coder_gave_an_answer(study):
    answer = goals(study, 2025)
    code(study, answer, "leden", "researcher", 0, 28)
    code(study, answer, "gemeente", "researcher", 29, len(GOALS))
    code(study, goals(study, 2026), "leden", "researcher")
    sets = selectors.code_sets(study.project, study.world.users["researcher"].pk)
    assert sets[answer.pk] == {study.codes["leden"].pk, study.codes["gemeente"].pk}
    only_2025 = selectors.code_sets(
        study.project, study.world.users["researcher"].pk, wave=study.waves[0]
    )
    assert set(only_2025) == {answer.pk}


def test_agreement_counts_answers_coded_by_both_and_by_one_only(study):
    users = study.world.users
    code(study, goals(study, 2025), "leden", "researcher")
    code(study, goals(study, 2025), "leden", "pos")
    code(study, goals(study, 2026), "leden", "researcher")
    code(study, goals(study, 2025, "other_lead"), "gemeente", "pos")
    code(study, goals(study, 2026, "other_lead"), "gemeente", "pos")
    result = selectors.agreement(study.project, users["researcher"], users["pos"])
    assert (result["common"], result["only_a"], result["only_b"]) == (1, 1, 2)
    assert [row["node"].code.label for row in result["rows"]] == [
        "Samenstelling",
        "Werving van leden",
        "Rol van de gemeente",
    ]


def test_agreement_on_a_single_common_answer_cannot_vary(study):
    users = study.world.users
    code(study, goals(study, 2025), "leden", "researcher")
    code(study, goals(study, 2025), "leden", "pos")
    overall = selectors.agreement(study.project, users["researcher"], users["pos"])["overall"]
    assert overall["kappa"] is None
    assert overall["reason"].startswith("niet te berekenen: beide codeurs deden")


# --- office types and frequencies ----------------------------------------------------------


def test_the_snapshot_describes_the_office_as_it_was(study):
    wave = study.waves[0]
    Snapshot.objects.filter(wave=wave, office=study.world.office).update(
        indicators={"members": 45, "phase": "executing"}
    )
    facts = office_types.office_facts({(wave.pk, study.world.office.pk)})
    assert facts[(wave.pk, study.world.office.pk)] == {
        "size": 45,
        "initiative": study.world.office.initiative,
        "phase": "executing",
    }


def test_without_a_snapshot_the_office_is_described_as_it_is_now(study):
    wave = study.waves[0]
    Snapshot.objects.filter(wave=wave, office=study.world.office).delete()
    facts = office_types.office_facts({(wave.pk, study.world.office.pk)})
    fact = facts[(wave.pk, study.world.office.pk)]
    assert fact["size"] == 1  # one member today
    assert fact["initiative"] == study.world.office.initiative
    assert fact["phase"]  # today's phase, as the dashboard computes it


def test_an_unknown_office_has_no_type(study):
    assert office_types.office_facts({(study.waves[0].pk, 999999)}) == {}


def test_tentative_codings_do_not_count_in_the_frequencies(study):
    code(study, goals(study, 2025), "gemeente", "researcher", confirmed=False)
    rows = selectors.frequencies(study.project, "initiative")["rows"]
    assert {row["node"].code.label: row["total"] for row in rows}["Rol van de gemeente"] == 0


def test_frequencies_give_a_percentage_per_group(study):
    code(study, goals(study, 2025), "gemeente", "researcher")
    code(study, goals(study, 2026), "gemeente", "pos")
    result = selectors.frequencies(study.project, "phase")
    assert result["responses"] == 4
    # One office alone would be recognisable: k-anonymity (k = 3) hides its phase.
    assert result["groups"] == [{"label": "afgeschermd", "responses": 4}]
    [row] = [r for r in result["rows"] if r["node"].code.label == "Rol van de gemeente"]
    assert row["cells"] == [{"count": 2, "percent": 50}]
    assert result["grouping_label"] == "fase"
