"""The questionnaire builder: every kind of question, skip logic, order, copies and locks."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.monitor import services
from kapstok.monitor.models import Question, Questionnaire

BASE = "/onderzoek/monitor/"


@pytest.fixture
def own(world):
    return services.questionnaire_save(
        questionnaire=Questionnaire(title="Korte peiling", audience="lead"),
        actor=world.users["researcher"],
    )


def add(client, questionnaire, **data):
    fields = {"section": "Algemeen", "kind": "open", "max_length": 5000, "scale_min": 1,
              "scale_max": 5} | data  # fmt: skip
    return client.post(f"{BASE}vragenlijsten/{questionnaire.pk}/vragen/nieuw/", fields)


def test_a_researcher_builds_a_questionnaire_with_every_kind(world, client):
    client.force_login(world.users["researcher"])
    response = client.post(f"{BASE}vragenlijsten/nieuw/", {"title": "Peiling", "audience": "lead"})
    questionnaire = Questionnaire.objects.get(title="Peiling")
    assert response["Location"] == f"{BASE}vragenlijsten/{questionnaire.pk}/"
    add(client, questionnaire, text="Wat ging goed?", required="on")
    add(client, questionnaire, text="Hoeveel leden?", kind="number")
    add(client, questionnaire, text="Hoe tevreden?", kind="scale", scale_min=1, scale_max=10,
        scale_min_label="niet", scale_max_label="zeer")  # fmt: skip
    add(client, questionnaire, text="Rechtsvorm?", kind="single", choices="geen\nvereniging")
    add(client, questionnaire, text="Welke takken?", kind="multiple", choices="golf\npadel\nyoga")
    kinds = list(questionnaire.questions.values_list("kind", "required"))
    assert kinds == [("open", True), ("number", False), ("scale", False), ("single", False),
                     ("multiple", False)]  # fmt: skip
    assert questionnaire.questions.get(kind="multiple").choices == ["golf", "padel", "yoga"]
    page = client.get(f"{BASE}vragenlijsten/{questionnaire.pk}/").content.decode()
    assert "Welke takken?" in page and "golf / padel / yoga" in page


def test_a_choice_question_needs_two_choices(world, client, own):
    client.force_login(world.users["researcher"])
    response = add(client, own, text="Rechtsvorm?", kind="single", choices="geen")
    assert response.status_code == 400
    assert "Geef minstens twee antwoordmogelijkheden" in response.content.decode()
    assert response.context["form"]["text"].value() == "Rechtsvorm?"


def test_a_scale_must_run_upwards(world, client, own):
    client.force_login(world.users["researcher"])
    response = add(client, own, text="Hoe tevreden?", kind="scale", scale_min=5, scale_max=5)
    assert (
        "De hoogste waarde van de schaal moet boven de laagste liggen." in response.content.decode()
    )


def test_skip_logic_shows_a_question_only_after_a_given_answer(world, client, own):
    client.force_login(world.users["researcher"])
    add(client, own, text="Heeft u een sportraad?", kind="single", choices="ja\nnee")
    condition = own.questions.get()
    add(
        client,
        own,
        text="Zit het kantoor erin?",
        show_if_question=condition.pk,
        show_if_values="ja",
    )
    follow = own.questions.get(text="Zit het kantoor erin?")
    assert follow.show_if_question == condition and follow.show_if_values == ["ja"]
    response = add(client, own, text="Fout", show_if_question=condition.pk, show_if_values="soms")
    assert "Kies een of meer antwoorden van die vraag." in response.content.decode()


def test_moving_a_condition_below_its_follow_up_is_refused(world, own):
    first = services.question_save(
        question=Question(questionnaire=own, text="Ja?", kind="single", choices=["ja", "nee"])
    )
    second = services.question_save(
        question=Question(
            questionnaire=own, text="Waarom?", show_if_question=first, show_if_values=["ja"]
        )  # fmt: skip
    )
    third = services.question_save(question=Question(questionnaire=own, text="Verder nog?"))
    with pytest.raises(ValidationError, match="na de vraag komen"):
        services.question_move(question=first, up=False)
    services.question_move(question=third, up=True)
    assert list(own.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]


def test_copying_a_template_keeps_questions_and_skip_logic(world, templates):
    copy = services.questionnaire_copy(source=templates["lead"], actor=world.users["pos"])
    assert not copy.is_template and copy.version == 1
    texts = list(copy.questions.values_list("text", flat=True))
    assert texts == list(templates["lead"].questions.values_list("text", flat=True))
    follow = copy.questions.get(text="Hoe ziet die behoefte eruit?")
    assert follow.show_if_question.questionnaire == copy


def test_templates_and_sent_questionnaires_are_locked(world, client, wave, templates):
    sent = wave.wave_questionnaires.get(audience="lead").questionnaire
    assert services.is_locked(templates["lead"]) and services.is_locked(sent)
    with pytest.raises(ValidationError, match="Maak een kopie"):
        services.question_save(question=Question(questionnaire=sent, text="Nog een vraag?"))
    client.force_login(world.users["pos"])
    page = client.get(f"{BASE}vragenlijsten/{sent.pk}/").content.decode()
    assert "vergrendeld" in page
    response = client.post(f"{BASE}vragenlijsten/{sent.pk}/kopieren/")
    copy = Questionnaire.objects.latest("pk")
    assert response["Location"] == f"{BASE}vragenlijsten/{copy.pk}/"
    assert copy.version == sent.version + 1 and not services.is_locked(copy)


def test_the_builder_page_costs_a_fixed_number_of_queries(
    world, client, templates, django_assert_max_num_queries
):
    client.force_login(world.users["researcher"])
    with django_assert_max_num_queries(12):
        client.get(f"{BASE}vragenlijsten/{templates['lead'].pk}/")


def test_the_preview_shows_every_section_as_respondents_see_it(world, client, templates):
    client.force_login(world.users["researcher"])
    response = client.get(f"{BASE}vragenlijsten/{templates['lead'].pk}/voorbeeld/")
    page = response.content.decode()
    assert "Onderdeel 1 van 4: Ontstaan POS-kantoor" in page
    assert "Onderdeel 4 van 4: Vervolg" in page
    assert 'name="q' in page and "Opslaan en verder" not in page
