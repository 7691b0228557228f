"""Answering a small questionnaire: what is kept, what is refused, and how pages move on."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from kapstok.monitor import selectors, services
from kapstok.monitor.answers import parse_answer
from kapstok.monitor.models import (
    Answer,
    Audience,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Wave,
    WaveStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world):
    """Two pages: about you (open, yes/no, a follow-up for yes), figures (number, scale, multi)."""
    q = Questionnaire.objects.create(title="Klein", audience=Audience.LEAD)

    def make(order, section, text, kind=QuestionKind.OPEN, **fields):
        return Question.objects.create(
            questionnaire=q, order=order, section=section, text=text, kind=kind, **fields
        )

    questions = {
        "name": make(10, "Over u", "Hoe heet uw kantoor?", required=True, max_length=50),
        "site": make(20, "Over u", "Website?", QuestionKind.SINGLE, choices=["ja", "nee"]),
        "url": make(30, "Over u", "Welk adres?", required=True),
        "members": make(40, "Cijfers", "Hoeveel leden?", QuestionKind.NUMBER),
        "mood": make(50, "Cijfers", "Hoe tevreden?", QuestionKind.SCALE, scale_max=5),
        "sports": make(
            60, "Cijfers", "Welke takken?", QuestionKind.MULTIPLE, choices=["golf", "padel", "yoga"]
        ),
    }
    questions["url"].show_if_question, questions["url"].show_if_values = questions["site"], ["ja"]
    questions["url"].save()
    today = timezone.localdate()
    wave = services.wave_start(
        wave=Wave(name="Klein", year=today.year, opens_on=today,
                  closes_on=today + datetime.timedelta(days=7)),
        office_ids=[world.office.pk], questionnaires={Audience.LEAD: q},
        actor=world.users["pos"],
    )  # fmt: skip
    return wave.invitations.get(), questions


def url(invitation, tail=""):
    return f"/vragenlijst/{invitation.token}/{tail}"


def post(client, invitation, index, answers, follow=False, **extra):
    data = {f"q{question.pk}": value for question, value in answers.items()} | extra
    return client.post(url(invitation, f"deel/{index}/"), data, follow=follow)


def stored(invitation) -> dict:
    return {
        a.question.text: (a.text, a.number, a.choices)
        for a in Answer.objects.filter(response__invitation=invitation).select_related("question")
    }


# --- parsing -----------------------------------------------------------------------------------


def test_a_single_choice_with_two_values_is_refused():
    question = Question(kind=QuestionKind.SINGLE, choices=["ja", "nee"])
    with pytest.raises(ValidationError, match="Kies één van de genoemde antwoorden."):
        parse_answer(question, ["ja", "nee"])


def test_a_number_with_more_than_two_decimals_is_refused():
    with pytest.raises(ValidationError, match="hoogstens twee cijfers achter de komma"):
        parse_answer(Question(kind=QuestionKind.NUMBER), ["3,125"])


@pytest.mark.parametrize("raw", ["Infinity", "NaN", "9999999999999", "12abc"])
def test_numbers_too_large_or_not_finite_are_refused(raw):
    with pytest.raises(ValidationError, match="Vul een getal in"):
        parse_answer(Question(kind=QuestionKind.NUMBER), [raw])


def test_windows_line_ends_count_as_one_character():
    question = Question(kind=QuestionKind.OPEN, max_length=3)
    assert parse_answer(question, ["a\r\nb"]).text == "a\nb"


# --- saving a page ---------------------------------------------------------------------------


def test_answers_are_stored_by_kind(client, small):
    invitation, q = small
    post(client, invitation, 1, {q["members"]: "1 250", q["mood"]: "4", q["sports"]: "yoga"})
    client.post(
        url(invitation, "deel/1/"),
        {f"q{q['members'].pk}": "1 250", f"q{q['sports'].pk}": ["yoga", "golf"]},
    )
    assert stored(invitation) == {
        "Hoeveel leden?": ("", Decimal("1250.00"), []),
        "Welke takken?": ("", None, ["golf", "yoga"]),  # in the question's order
    }


def test_an_emptied_answer_is_removed(client, small):
    invitation, q = small
    post(client, invitation, 0, {q["name"]: "Kantoor Utrecht"})
    post(client, invitation, 0, {q["name"]: "   "})
    assert stored(invitation) == {}


def test_an_error_keeps_the_other_answers_of_the_page(client, small):
    invitation, q = small
    response = post(client, invitation, 1, {q["members"]: "veel", q["mood"]: "3"})
    assert response.status_code == 400
    assert "Vul een getal in, bijvoorbeeld 12 of 3,5." in response.content.decode()
    assert stored(invitation) == {"Hoe tevreden?": ("", Decimal("3.00"), [])}


def test_a_stored_decimal_is_shown_with_a_dutch_comma(client, small):
    invitation, q = small
    post(client, invitation, 1, {q["members"]: "3,5"})
    page = client.get(url(invitation, "deel/1/"))
    [members] = [f for f in page.context["fields"] if f["question"] == q["members"]]
    assert members["value"] == "3,5"


def test_a_follow_up_on_the_same_page_is_drawn_with_its_condition(client, small):
    invitation, q = small
    fields = client.get(url(invitation, "deel/0/")).context["fields"]
    [follow_up] = [f for f in fields if f["question"] == q["url"]]
    assert follow_up["depends_on"] == f"q{q['site'].pk}"
    assert follow_up["view"].shown is False


def test_the_buttons_lead_back_forward_or_to_the_overview(client, small):
    invitation, q = small
    assert post(client, invitation, 1, {}, ga="vorige").url == url(invitation, "deel/0/")
    assert post(client, invitation, 0, {}).url == url(invitation, "deel/1/")
    assert post(client, invitation, 1, {}).url == url(invitation, "indienen/")
    assert post(client, invitation, 0, {}, ga="vorige").url == url(invitation, "deel/1/")


def test_a_page_that_does_not_exist_is_not_found(client, small):
    invitation, _q = small
    assert client.get(url(invitation, "deel/2/")).status_code == 404


def test_a_wave_not_yet_open_says_from_when(client, small):
    invitation, _q = small
    Wave.objects.filter(pk=invitation.wave_id).update(
        status=WaveStatus.DRAFT,
        opens_on=datetime.date(2099, 1, 5),
        closes_on=datetime.date(2099, 2, 5),
    )
    response = client.get(url(invitation))
    assert response.status_code == 410
    assert "U kunt antwoorden vanaf 5 januari 2099." in response.content.decode()


# --- progress and submitting -----------------------------------------------------------------


def test_progress_counts_only_the_questions_that_apply(client, small):
    invitation, q = small
    post(client, invitation, 0, {q["name"]: "Utrecht", q["site"]: "nee"})
    state = selectors.questionnaire_form(invitation)
    assert (state.answered_count, state.shown_count, state.percent) == (2, 5, 40)
    assert state.resume_index == 1
    post(client, invitation, 0, {q["name"]: "Utrecht", q["site"]: "ja"})
    state = selectors.questionnaire_form(invitation)
    assert (state.answered_count, state.shown_count) == (2, 6)
    assert state.resume_index == 0  # the follow-up now applies and is open


def test_a_required_follow_up_is_only_required_when_it_applies(client, small):
    invitation, q = small
    post(client, invitation, 0, {q["name"]: "Utrecht", q["site"]: "ja"})
    with pytest.raises(ValidationError) as refused:
        services.response_submit(invitation=invitation)
    assert refused.value.messages == ["Vraag 3 (Over u) is verplicht."]
    post(client, invitation, 0, {q["name"]: "Utrecht", q["site"]: "nee"})
    assert services.response_submit(invitation=invitation).is_submitted


def test_after_submitting_nothing_can_change(client, small):
    invitation, q = small
    post(client, invitation, 0, {q["name"]: "Utrecht"})
    services.response_submit(invitation=invitation)
    with pytest.raises(ValidationError, match="al ingediend"):
        services.section_save(invitation=invitation, questions=[q["name"]], data=QueryDict("q1=x"))
    with pytest.raises(ValidationError, match="al ingediend"):
        services.response_submit(invitation=invitation)
    page = post(client, invitation, 0, {q["name"]: "Anders"})
    assert "Bedankt voor uw antwoorden" in page.content.decode()
    assert stored(invitation)["Hoe heet uw kantoor?"][0] == "Utrecht"


def test_the_submit_page_lists_what_is_missing_and_stores_no_date(client, small):
    invitation, _q = small
    response = client.post(url(invitation, "indienen/"))
    assert response.status_code == 400
    assert "Hoe heet uw kantoor?" in response.content.decode()
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_answers_after_the_closing_date_are_refused_by_the_service(small):
    invitation, q = small
    late = invitation.wave.closes_on + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="gesloten op"):
        services.section_save(
            invitation=invitation,
            questions=[q["name"]],
            data=QueryDict(f"q{q['name'].pk}=Te laat"),
            today=late,
        )
    assert not Response.objects.exists()


def test_saving_for_later_says_the_answers_are_kept(client, small):
    invitation, q = small
    response = post(client, invitation, 0, {q["name"]: "Utrecht"}, ga="later", follow=True)
    page = response.content.decode()
    assert "Uw antwoorden zijn opgeslagen." in page
    assert response.context["state"].answered_count == 1


def test_labels_of_someone_unknown_are_a_question_mark():
    labels = selectors.Labels(offices={1: "K-0001"}, respondents={})
    assert (labels.office(1), labels.office(2), labels.respondent(5)) == ("K-0001", "?", "?")
