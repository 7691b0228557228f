"""Writing codings and the codebook: the rules of `kapstok.coding.services`."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.coding import services
from kapstok.coding.factories import GOALS
from kapstok.coding.models import Coding


def test_coding_a_fragment_keeps_its_offsets_and_text(study, goals_answer):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
        start=0,
        end=28,
    )
    assert coding.fragment == "Wij willen meer leden werven"
    assert coding.confirmed


def test_spaces_around_a_selection_are_trimmed(study, goals_answer):
    start = GOALS.index("De gemeente") - 1
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["gemeente"],
        coder=study.world.users["researcher"],
        start=start,
        end=len(GOALS),
    )
    assert coding.start == start + 1
    assert coding.fragment.startswith("De gemeente")


def test_without_offsets_the_whole_answer_is_coded(study, goals_answer):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    assert (coding.start, coding.end, coding.fragment) == (0, len(GOALS), GOALS)


@pytest.mark.parametrize("start,end", [(0, 500), (-1, 4), (10, 10), (20, 5)])
def test_offsets_outside_the_answer_are_refused_in_dutch(study, goals_answer, start, end):
    with pytest.raises(ValidationError) as refused:
        services.coding_add(
            project=study.project,
            answer=goals_answer,
            code=study.codes["leden"],
            coder=study.world.users["researcher"],
            start=start,
            end=end,
        )
    assert "Het fragment valt buiten het antwoord" in str(refused.value)
    assert f"tussen 0 en {len(GOALS)}" in str(refused.value)
    assert not Coding.objects.exists()


def test_a_fragment_of_only_spaces_is_refused(study, goals_answer):
    space = GOALS.index(" ")
    with pytest.raises(ValidationError, match="alleen spaties"):
        services.coding_add(
            project=study.project,
            answer=goals_answer,
            code=study.codes["leden"],
            coder=study.world.users["researcher"],
            start=space,
            end=space + 1,
        )


def test_the_same_fragment_and_code_twice_is_refused(study, goals_answer):
    arguments = dict(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    services.coding_add(**arguments)
    with pytest.raises(ValidationError, match="al deze code gegeven"):
        services.coding_add(**arguments)


def test_two_coders_may_give_the_same_code_to_the_same_fragment(study, goals_answer):
    for persona in ("researcher", "pos"):
        services.coding_add(
            project=study.project,
            answer=goals_answer,
            code=study.codes["leden"],
            coder=study.world.users[persona],
        )
    assert Coding.objects.count() == 2


def test_a_code_of_another_project_is_refused(study, goals_answer):
    other = services.project_create(name="Ander project", waves=study.waves)
    foreign = services.code_add(project=other, label="Vreemd")
    with pytest.raises(ValidationError, match="hoort niet bij dit project"):
        services.coding_add(
            project=study.project,
            answer=goals_answer,
            code=foreign,
            coder=study.world.users["researcher"],
        )


def test_an_answer_outside_the_projects_waves_is_refused(study, goals_answer):
    other = services.project_create(name="Zonder meetrondes")
    code = services.code_add(project=other, label="Iets")
    with pytest.raises(ValidationError, match="hoort niet bij een meetronde"):
        services.coding_add(
            project=other, answer=goals_answer, code=code, coder=study.world.users["researcher"]
        )


def test_codebook_labels_are_unique_per_project(study):
    with pytest.raises(ValidationError, match="al een code met deze naam"):
        services.code_add(project=study.project, label="werving van leden")


def test_codebook_is_at_most_three_levels_deep(study):
    third = services.code_add(project=study.project, label="Zzp", parent=study.codes["leden"])
    with pytest.raises(ValidationError, match="drie niveaus"):
        services.code_add(project=study.project, label="Te diep", parent=third)


def test_clearing_questions_only_takes_open_questions_and_is_audited(study):
    from kapstok.trust.models import AuditEntry

    services.questions_clear(
        project=study.project,
        questions=[study.questions[0], study.questions[1]],
        actor=study.world.users["researcher"],
    )
    assert list(study.project.cleared_questions.all()) == [study.questions[0]]
    entry = AuditEntry.objects.get(model="coding.researchproject")
    assert entry.after == {"cleared_questions": [study.questions[0].pk]}


def test_a_code_is_renamed_and_moved_and_keeps_its_codings(study, goals_answer):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    services.code_update(code=study.codes["leden"], label="Ledenwerving", parent=None, order=5)
    coding.refresh_from_db()
    assert (coding.code.label, coding.code.parent) == ("Ledenwerving", None)


def test_a_code_cannot_move_under_its_own_child(study):
    with pytest.raises(ValidationError, match="niet onder zichzelf"):
        services.code_update(
            code=study.codes["samenstelling"],
            label="Samenstelling",
            parent=study.codes["leden"],
            order=1,
        )


def test_moving_a_code_with_children_keeps_the_codebook_three_levels_deep(study):
    services.code_add(project=study.project, label="Zzp", parent=study.codes["leden"])
    other = services.code_add(project=study.project, label="Overig")
    with pytest.raises(ValidationError, match="drie niveaus"):
        services.code_update(
            code=study.codes["samenstelling"], label="Samenstelling", parent=other, order=1
        )
