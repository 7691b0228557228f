"""The monitor's forms and templates: parsing input, defaults, and refreshing the templates."""

import datetime

import pytest

from django.utils import timezone

from kapstok.monitor import services
from kapstok.monitor.forms import InvitationForm, LinesField, QuestionForm, WaveForm
from kapstok.monitor.models import Audience, Questionnaire, Wave

pytestmark = pytest.mark.django_db
BASE = "/onderzoek/monitor/"


def test_lines_are_trimmed_and_empty_ones_dropped():
    assert LinesField().to_python(" golf \n\n padel\r\nyoga \n") == ["golf", "padel", "yoga"]
    assert LinesField().prepare_value(["golf", "padel"]) == "golf\npadel"


def test_the_wave_form_suggests_this_year_today_every_office_and_the_templates(world, templates):
    form = WaveForm(office_labels={world.office.pk: "B", world.other_office.pk: "A"})
    today = timezone.localdate()
    assert (form.fields["year"].initial, form.fields["opens_on"].initial) == (today.year, today)
    assert form.fields["offices"].choices == [(world.other_office.pk, "A"), (world.office.pk, "B")]
    assert form.fields["questionnaire_lead"].initial == templates["lead"].pk


def test_the_wave_form_gives_office_ids_and_the_questionnaire_per_audience(world, templates):
    today = timezone.localdate()
    form = WaveForm(
        data={
            "name": "Ronde",
            "year": today.year,
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=5)).isoformat(),
            "offices": [str(world.office.pk)],
            "questionnaire_lead": templates["lead"].pk,
            "questionnaire_municipality": "",
            "questionnaire_facilitator": "",
        },
        office_labels={world.office.pk: "Kantoor Utrecht"},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["offices"] == [world.office.pk]
    assert form.questionnaires() == {Audience.LEAD: templates["lead"]}


def test_a_questionnaire_of_another_audience_cannot_be_chosen(world, templates):
    form = WaveForm(office_labels={})
    assert templates["municipality"] not in form.fields["questionnaire_lead"].queryset


def test_a_wave_form_without_offices_is_refused_and_saves_nothing(world, login, templates):
    today = timezone.localdate()
    response = login(world.users["pos"]).post(
        f"{BASE}meetrondes/nieuw/",
        {
            "name": "Ronde",
            "year": today.year,
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=5)).isoformat(),
            "questionnaire_lead": templates["lead"].pk,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["offices"] == ["Kies minstens één kantoor."]
    assert not Wave.objects.exists()
    assert not Questionnaire.objects.filter(is_template=False).exists()  # no copy made


def test_a_started_wave_says_how_many_were_invited(world, login, templates):
    today = timezone.localdate()
    response = login(world.users["pos"]).post(
        f"{BASE}meetrondes/nieuw/",
        {
            "name": "Ronde",
            "year": today.year,
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=5)).isoformat(),
            "offices": [str(world.office.pk)],
            "questionnaire_lead": templates["lead"].pk,
        },
        follow=True,
    )
    assert "De meetronde is aangemaakt met 1 uitnodigingen." in response.content.decode()


def test_an_invitation_without_address_is_refused_in_dutch(world):
    form = InvitationForm(
        data={"office": world.office.pk, "audience": "lead"}, offices=[world.office]
    )
    assert form.errors["email"] == ["Vul een e-mailadres in."]


def test_an_invitation_for_an_office_outside_the_wave_is_refused(world):
    form = InvitationForm(
        data={"office": world.other_office.pk, "audience": "lead", "email": "a@example.invalid"},
        offices=[world.office],
    )
    assert "office" in form.errors


def test_a_question_needs_its_text(world):
    questionnaire = Questionnaire.objects.create(title="Kort", audience=Audience.LEAD)
    form = QuestionForm(
        data={"kind": "open", "max_length": 100, "scale_min": 1, "scale_max": 5},
        questionnaire=questionnaire,
    )
    assert form.errors == {"text": ["Vul de vraag in."]}


def test_an_open_question_allows_at_least_one_character(world):
    questionnaire = Questionnaire.objects.create(title="Kort", audience=Audience.LEAD)
    form = QuestionForm(
        data={"text": "Waarom?", "kind": "open", "max_length": 0, "scale_min": 1, "scale_max": 5},
        questionnaire=questionnaire,
    )
    assert "max_length" in form.errors


# --- the seeded templates ----------------------------------------------------------------------


def test_a_changed_template_is_refreshed_in_place(templates):
    lead = templates["lead"]
    count = lead.questions.count()
    lead.questions.first().delete()
    refreshed = {t.template_key: t for t in services.templates_ensure()}
    assert refreshed["lead"].pk == lead.pk
    assert refreshed["lead"].questions.count() == count


def test_templates_are_locked_and_their_copies_are_not(world, templates):
    copy = services.questionnaire_copy(source=templates["facilitator"], actor=world.users["pos"])
    assert services.is_locked(templates["facilitator"])
    assert not services.is_locked(copy)
    assert (copy.is_template, copy.template_key, copy.audience) == (False, "", "facilitator")
