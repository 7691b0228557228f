"""The respondent's personal link: no login, one section per page, save and resume, submit."""

import datetime

import pytest

from django.utils import timezone

from kapstok.monitor.models import Answer, QuestionKind, Response, WaveStatus


def url(invitation, tail=""):
    return f"/vragenlijst/{invitation.token}/{tail}"


def question(invitation, **lookup):
    return invitation.questionnaire.questions.get(**lookup)


def test_the_link_opens_without_logging_in(client, lead_invitation):
    response = client.get(url(lead_invitation))
    assert response.status_code == 200
    assert "Beginnen" in response.content.decode()
    assert "Kantoor Utrecht" in response.content.decode()


def test_an_unknown_token_is_not_found(client, wave):
    assert client.get("/vragenlijst/geen-echte-sleutel/").status_code == 404


def test_an_expired_link_says_so_in_dutch(client, lead_invitation):
    wave = lead_invitation.wave
    wave.opens_on = timezone.localdate() - datetime.timedelta(days=30)
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    wave.save()
    response = client.get(url(lead_invitation, "deel/0/"))
    assert response.status_code == 410
    assert "Deze vragenlijst is gesloten op" in response.content.decode()
    assert "antwoorden kan niet meer" in response.content.decode()


def test_a_closed_wave_refuses_answers(client, lead_invitation):
    wave = lead_invitation.wave
    wave.status = WaveStatus.CLOSED
    wave.save()
    first = lead_invitation.questionnaire.questions.first()
    response = client.post(url(lead_invitation, "deel/0/"), {f"q{first.pk}": "Te laat"})
    assert response.status_code == 410
    assert not Answer.objects.exists()


def test_an_answer_over_the_length_limit_is_refused_and_kept_on_the_page(client, lead_invitation):
    first = question(lead_invitation, order=10)
    second = question(lead_invitation, order=20)
    too_long = "x" * (first.max_length + 1)
    response = client.post(
        url(lead_invitation, "deel/0/"),
        {f"q{first.pk}": too_long, f"q{second.pk}": "Met vijf ondernemers aan de keukentafel."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"het mag hoogstens {first.max_length} tekens zijn" in page
    assert too_long in page  # nothing lost: the text is still in the field
    # The valid answer of the same page is saved anyway.
    assert Answer.objects.get().text == "Met vijf ondernemers aan de keukentafel."


def test_a_scale_answer_out_of_range_is_refused(client, lead_invitation):
    scale = question(lead_invitation, kind=QuestionKind.SCALE)
    section = _section_of(lead_invitation, scale)
    response = client.post(url(lead_invitation, f"deel/{section}/"), {f"q{scale.pk}": "9"})
    assert response.status_code == 400
    assert "Kies een waarde van 1 tot en met 5." in response.content.decode()
    assert not Answer.objects.filter(question=scale).exists()


def test_a_number_that_is_not_a_number_is_refused(client, lead_invitation):
    number = question(lead_invitation, kind=QuestionKind.NUMBER)
    section = _section_of(lead_invitation, number)
    response = client.post(url(lead_invitation, f"deel/{section}/"), {f"q{number.pk}": "veel"})
    assert response.status_code == 400
    assert "Vul een getal in" in response.content.decode()
    client.post(url(lead_invitation, f"deel/{section}/"), {f"q{number.pk}": "24"})
    assert Answer.objects.get(question=number).number == 24


def test_a_choice_that_is_not_offered_is_refused(client, lead_invitation):
    single = question(lead_invitation, text__startswith="Welke organisatievorm")
    section = _section_of(lead_invitation, single)
    response = client.post(url(lead_invitation, f"deel/{section}/"), {f"q{single.pk}": "bv"})
    assert response.status_code == 400
    assert "Kies één van de genoemde antwoorden." in response.content.decode()


def _section_of(invitation, target) -> int:
    sections = list(
        dict.fromkeys(invitation.questionnaire.questions.values_list("section", flat=True))
    )
    return sections.index(target.section)


def test_save_and_resume_at_the_first_unanswered_section(client, lead_invitation):
    questions = list(lead_invitation.questionnaire.questions.all())
    first_section = [q for q in questions if q.section == questions[0].section]
    data = {f"q{q.pk}": "Antwoord" for q in first_section}
    data["ga"] = "later"
    response = client.post(url(lead_invitation, "deel/0/"), data)
    assert response.status_code == 302
    assert response["Location"].endswith("?opgeslagen=1")
    # Later, from another device: the link leads back to where they left off.
    start = client.get(url(lead_invitation))
    page = start.content.decode()
    assert "Verder gaan" in page
    assert start.context["state"].resume_index == 1
    again = client.get(url(lead_invitation, "deel/0/"))
    assert again.content.decode().count(">Antwoord</textarea>") == len(first_section)


def test_a_hidden_follow_up_loses_its_answer(client, lead_invitation):
    need = question(lead_invitation, text="Heeft het kantoor behoefte aan ondersteuning?")
    follow = question(lead_invitation, text="Hoe ziet die behoefte eruit?")
    section = _section_of(lead_invitation, need)
    page = url(lead_invitation, f"deel/{section}/")
    client.post(page, {f"q{need.pk}": "ja", f"q{follow.pk}": "Hulp bij de statuten."})
    assert Answer.objects.filter(question=follow).exists()
    client.post(page, {f"q{need.pk}": "nee", f"q{follow.pk}": "Hulp bij de statuten."})
    assert not Answer.objects.filter(question=follow).exists()


def test_submit_lists_the_required_questions_still_open(client, lead_invitation):
    response = client.post(url(lead_invitation, "indienen/"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Deze verplichte vragen zijn nog niet beantwoord" in page
    assert "Wat zijn de ambities van het POS-kantoor?" in page
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_submit_with_the_required_answers_hands_in_once(client, lead_invitation, mailoutbox):
    for q in lead_invitation.questionnaire.questions.filter(required=True):
        section = _section_of(lead_invitation, q)
        client.post(url(lead_invitation, f"deel/{section}/"), {f"q{q.pk}": "12"})
    response = client.post(url(lead_invitation, "indienen/"))
    assert response.status_code == 302
    assert Response.objects.get().submitted_at is not None
    done = client.get(url(lead_invitation, "deel/0/"))
    assert "Bedankt voor uw antwoorden" in done.content.decode()


@pytest.mark.parametrize("tail", ["", "deel/0/", "deel/2/", "indienen/"])
def test_respondent_pages_cost_a_fixed_number_of_queries(
    client, lead_invitation, django_assert_max_num_queries, tail
):
    with django_assert_max_num_queries(8):
        assert client.get(url(lead_invitation, tail)).status_code == 200
