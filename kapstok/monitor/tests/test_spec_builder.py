"""The questionnaire builder's rules, service by service and through its pages."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.monitor import services
from kapstok.monitor.forms import QuestionForm
from kapstok.monitor.models import Audience, Question, QuestionKind, Questionnaire, Wave

BASE = "/onderzoek/monitor/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def own(world):
    return services.questionnaire_save(
        questionnaire=Questionnaire(title="Korte peiling", audience=Audience.LEAD),
        actor=world.users["researcher"],
    )


def ask(questionnaire, text, kind=QuestionKind.OPEN, **fields):
    return services.question_save(
        question=Question(questionnaire=questionnaire, text=text, kind=kind, **fields)
    )


def texts(questionnaire) -> list[str]:
    return list(questionnaire.questions.order_by("order").values_list("text", flat=True))


def send(world, questionnaire):
    today = timezone.localdate()
    return services.wave_start(
        wave=Wave(name="Ronde", year=today.year, opens_on=today,
                  closes_on=today + datetime.timedelta(days=10)),
        office_ids=[world.office.pk],
        questionnaires={Audience.LEAD: questionnaire},
        actor=world.users["pos"],
    )  # fmt: skip


# --- questions -------------------------------------------------------------------------------


def test_a_new_question_goes_to_the_end_in_steps_of_ten(own):
    ask(own, "Een")
    ask(own, "Twee")
    assert list(own.questions.values_list("order", flat=True)) == [10, 20]


def test_the_same_choice_twice_is_refused(own):
    with pytest.raises(ValidationError) as refused:
        ask(own, "Rechtsvorm?", QuestionKind.SINGLE, choices=["stichting", "stichting"])
    assert refused.value.message_dict == {
        "choices": ["Elke antwoordmogelijkheid mag maar één keer voorkomen."]
    }
    assert not own.questions.exists()


def test_choices_are_dropped_from_a_question_that_is_no_choice(own):
    question = ask(own, "Hoeveel leden?", QuestionKind.NUMBER, choices=["a", "b"])
    question.refresh_from_db()
    assert question.choices == []


@pytest.fixture
def with_condition(own):
    condition = ask(own, "Heeft u een website?", QuestionKind.SINGLE, choices=["ja", "nee"])
    return own, condition


def test_a_condition_must_be_an_earlier_choice_question_of_the_same_list(world, with_condition):
    own, condition = with_condition
    open_one = ask(own, "Waarom?")
    other = services.questionnaire_save(
        questionnaire=Questionnaire(title="Andere", audience=Audience.LEAD), actor=None
    )
    foreign = ask(other, "Elders?", QuestionKind.SINGLE, choices=["ja", "nee"])
    cases = [
        (foreign, ["ja"], "show_if_question", "Kies een andere vraag uit deze vragenlijst."),
        (open_one, ["ja"], "show_if_question", "Een voorwaarde kan alleen op een keuzevraag."),
        (condition, ["misschien"], "show_if_values", "Kies een of meer antwoorden van die vraag."),
        (condition, [], "show_if_values", "Kies een of meer antwoorden van die vraag."),
    ]
    for target, values, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            ask(own, "Volgvraag", show_if_question=target, show_if_values=values)
        assert refused.value.message_dict == {field: [message]}
    assert texts(own) == ["Heeft u een website?", "Waarom?"]


def test_a_question_cannot_depend_on_a_later_one_or_itself(with_condition):
    own, condition = with_condition
    later = ask(own, "Welke takken?", QuestionKind.MULTIPLE, choices=["golf", "padel"])
    condition.show_if_question, condition.show_if_values = later, ["golf"]
    with pytest.raises(ValidationError, match="eerdere vraag"):
        services.question_save(question=condition)
    later.show_if_question, later.show_if_values = later, ["golf"]
    with pytest.raises(ValidationError, match="andere vraag"):
        services.question_save(question=later)


def test_without_a_condition_the_values_are_forgotten(with_condition):
    own, _condition = with_condition
    question = ask(own, "Altijd", show_if_values=["ja"])
    question.refresh_from_db()
    assert question.show_if_values == []


def test_moving_swaps_neighbours_and_stops_at_the_ends(own):
    first, second, third = ask(own, "Een"), ask(own, "Twee"), ask(own, "Drie")
    services.question_move(question=third, up=True)
    assert texts(own) == ["Een", "Drie", "Twee"]
    services.question_move(question=first, up=True)  # already first
    services.question_move(question=second, up=False)  # already last
    assert texts(own) == ["Een", "Drie", "Twee"]
    assert list(own.questions.order_by("order").values_list("order", flat=True)) == [10, 20, 30]


def test_a_copy_of_an_own_questionnaire_is_its_next_version(own, world):
    ask(own, "Een")
    copy = services.questionnaire_copy(source=own, actor=world.users["pos"])
    again = services.questionnaire_copy(source=copy, actor=world.users["pos"], title="Nieuw")
    assert (copy.version, copy.copied_from, copy.title) == (2, own, "Korte peiling")
    assert (again.version, again.title, texts(again)) == (3, "Nieuw", ["Een"])


# --- locks -------------------------------------------------------------------------------------


def test_a_questionnaire_in_a_draft_wave_may_still_change(world, own):
    ask(own, "Een")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.wave_start(
        wave=Wave(name="Later", year=2030, opens_on=tomorrow,
                  closes_on=tomorrow + datetime.timedelta(days=5)),
        office_ids=[world.office.pk], questionnaires={Audience.LEAD: own},
        actor=world.users["pos"],
    )  # fmt: skip
    assert not services.is_locked(own)
    ask(own, "Twee")


def test_every_change_to_a_sent_questionnaire_is_refused(world, own):
    question = ask(own, "Een")
    send(world, own)
    assert services.is_locked(own)
    for change in (
        lambda: ask(own, "Twee"),
        lambda: services.question_delete(question=question),
        lambda: services.question_move(question=question, up=False),
        lambda: services.questionnaire_save(questionnaire=own, actor=None),
    ):
        with pytest.raises(ValidationError, match="Maak een kopie"):
            change()
    assert texts(own) == ["Een"]


def test_saving_an_own_questionnaire_never_makes_it_a_template(world):
    questionnaire = services.questionnaire_save(
        questionnaire=Questionnaire(
            title="Nep", audience=Audience.LEAD, is_template=True, template_key="lead"
        ),
        actor=world.users["researcher"],
    )
    assert (questionnaire.is_template, questionnaire.template_key) == (False, "")
    assert questionnaire.created_by == world.users["researcher"]


# --- the pages -------------------------------------------------------------------------------


def test_a_question_is_only_deleted_with_the_confirmation(world, login, own):
    question = ask(own, "Een")
    client = login(world.users["researcher"])
    bare = client.post(f"{BASE}vragen/{question.pk}/verwijderen/", follow=True)
    assert "bevestig het verwijderen" in bare.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    client.post(f"{BASE}vragen/{question.pk}/verwijderen/", {"bevestigd": "ja"})
    assert not Question.objects.filter(pk=question.pk).exists()


def test_a_locked_questionnaire_sends_the_builder_back_with_the_reason(world, login, own):
    question = ask(own, "Een")
    send(world, own)
    client = login(world.users["researcher"])
    for url in (
        f"{BASE}vragenlijsten/{own.pk}/vragen/nieuw/",
        f"{BASE}vragen/{question.pk}/bewerken/",
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == f"{BASE}vragenlijsten/{own.pk}/"
        assert "Deze vragenlijst is vergrendeld; maak een kopie." in response.content.decode()


def test_moving_a_condition_below_its_follow_up_shows_why_on_the_page(world, login, own):
    condition = ask(own, "Website?", QuestionKind.SINGLE, choices=["ja", "nee"])
    ask(own, "Welke?", show_if_question=condition, show_if_values=["ja"])
    client = login(world.users["researcher"])
    response = client.post(
        f"{BASE}vragen/{condition.pk}/verplaatsen/", {"richting": "neer"}, follow=True
    )
    assert "moet na de vraag komen waar die op let" in response.content.decode()
    assert texts(own) == ["Website?", "Welke?"]


def test_copying_through_the_page_opens_the_editable_copy(world, login, templates):
    client = login(world.users["researcher"])
    response = client.post(f"{BASE}vragenlijsten/{templates['lead'].pk}/kopieren/")
    copy = Questionnaire.objects.get(copied_from=templates["lead"])
    assert response.url == f"{BASE}vragenlijsten/{copy.pk}/"
    assert not services.is_locked(copy) and copy.version == 1


def test_a_questionnaire_without_a_title_is_refused_in_dutch(world, login):
    response = login(world.users["researcher"]).post(
        f"{BASE}vragenlijsten/nieuw/", {"title": "", "audience": "lead"}
    )
    assert response.context["form"].errors["title"] == ["Geef de vragenlijst een titel."]
    assert not Questionnaire.objects.filter(is_template=False).exists()


def test_the_condition_list_offers_only_earlier_choice_questions(world, own):
    ask(own, "Open")
    early = ask(own, "Keuze", QuestionKind.SINGLE, choices=["a", "b"])
    late = ask(own, "Later", QuestionKind.MULTIPLE, choices=["a", "b"])
    assert list(QuestionForm(questionnaire=own).fields["show_if_question"].queryset) == [
        early,
        late,
    ]
    assert list(
        QuestionForm(instance=late, questionnaire=own).fields["show_if_question"].queryset
    ) == [early]
