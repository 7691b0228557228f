"""The member check's form: built from the round's questions, in Dutch, one field per question;
and the monitor's own forms leave the members' audience to the member check."""

import pytest

from kapstok.membercheck import services
from kapstok.membercheck.forms import MemberCheckForm
from kapstok.monitor.forms import QuestionnaireForm

from .conftest import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(db):
    return list(services.questionnaire_ensure().questions.all())


def test_the_scales_name_their_ends_and_the_time_question_its_choices(questions):
    form = MemberCheckForm(questions=questions)
    assert [label for _value, label in form.fields["q10"].choices] == [
        "1 – niets", "2", "3", "4", "5 – heel veel",
    ]  # fmt: skip
    assert [value for value, _label in form.fields["q30"].choices] == services.TIME_CHOICES
    assert form.fields["q10"].label == "Wat levert het POS-kantoor u op?"
    assert not form.fields["q40"].required


def test_a_complete_form_gives_the_answers_for_the_service(questions):
    form = MemberCheckForm(answers(value=5, wish="Meer zichtbaarheid"), questions=questions)
    assert form.is_valid(), form.errors
    assert form.answers() == answers(value=5, wish="Meer zichtbaarheid")


def test_errors_are_dutch_and_name_the_question(questions):
    data = {**answers(wish="x" * 1001), "q10": "", "q20": "9"}
    form = MemberCheckForm(data, questions=questions)
    assert not form.is_valid()
    assert form.errors["q10"] == ["Beantwoord deze vraag."]
    assert form.errors["q20"] == ["Kies één van de genoemde antwoorden."]
    assert form.errors["q40"] == ["Houd het korter: hooguit 1000 tekens."]


def test_the_monitors_builder_offers_no_member_questionnaire():
    audiences = [value for value, _label in QuestionnaireForm().fields["audience"].choices]
    assert "member" not in audiences
    assert set(audiences) == {"lead", "municipality", "facilitator"}
