"""Who sees what: researchers see waves, rates and answers only under pseudonyms."""

import pytest

from django.utils import timezone

from kapstok.monitor.models import Answer, Response

BASE = "/onderzoek/monitor/"
PERSONAL = ["Kantoor Utrecht", "Kantoor Zwolle", "Kees Kartrekker", "kees@example.invalid",
            "Gerrit Gemeente", "gerrit@example.invalid", "Olga", "Paula"]  # fmt: skip


@pytest.fixture
def answered(world, wave):
    invitation = wave.invitations.get(email="kees@example.invalid")
    response = Response.objects.create(invitation=invitation)
    question = invitation.questionnaire.questions.first()
    Answer.objects.create(response=response, question=question, text="Samen sterker staan.")
    response.submitted_at = timezone.now()
    response.save()
    return wave


@pytest.mark.parametrize("tail", ["", "antwoorden/lead/"])
def test_a_researcher_sees_no_names_or_emails(world, client, answered, tail):
    client.force_login(world.users["researcher"])
    page = client.get(f"{BASE}meetrondes/{answered.pk}/{tail}").content.decode()
    leaked = [word for word in PERSONAL if word in page]
    assert not leaked
    assert "pseudoniem" in page


def test_the_researcher_sees_the_answers_under_the_same_pseudonym_as_the_rates(
    world, client, answered
):
    client.force_login(world.users["researcher"])
    rates = client.get(f"{BASE}meetrondes/{answered.pk}/").context["rates"]
    label = next(row["label"] for row in rates["rows"] if row["office_id"] == world.office.pk)
    answers = client.get(f"{BASE}meetrondes/{answered.pk}/antwoorden/lead/").content.decode()
    assert "Samen sterker staan." in answers and label in answers


def test_a_researcher_reads_free_text_with_known_names_masked(world, client, wave):
    invitation = wave.invitations.get(email="kees@example.invalid")
    response = Response.objects.create(invitation=invitation, submitted_at=timezone.now())
    question = invitation.questionnaire.questions.filter(kind="open").first()
    text = "Gerrit Gemeente van Utrecht belde Kees Kartrekker over Kantoor Zwolle."
    Answer.objects.create(response=response, question=question, text=text)
    url = f"{BASE}meetrondes/{wave.pk}/antwoorden/lead/"

    client.force_login(world.users["researcher"])
    page = client.get(url).content.decode()
    assert not [word for word in ["Gerrit", "Kees", "Kartrekker", "Kantoor Zwolle"] if word in page]
    assert "belde" in page and "•" in page

    client.force_login(world.users["pos"])
    assert text in client.get(url).content.decode()


def test_pos_sees_the_real_office_names(world, client, answered):
    client.force_login(world.users["pos"])
    page = client.get(f"{BASE}meetrondes/{answered.pk}/").content.decode()
    assert "Kantoor Utrecht" in page and "Kees Kartrekker" in page


def test_the_response_rate_counts_per_audience(world, client, answered):
    client.force_login(world.users["pos"])
    rates = client.get(f"{BASE}meetrondes/{answered.pk}/").context["rates"]
    by_audience = {audience: rate for audience, _label, rate in rates["audiences"]}
    assert (by_audience["lead"].invited, by_audience["lead"].submitted) == (2, 1)
    assert by_audience["lead"].percent == 50
    assert rates["total"].invited == 4


def test_a_researcher_cannot_add_respondents(world, client, wave):
    client.force_login(world.users["researcher"])
    assert client.get(f"{BASE}meetrondes/{wave.pk}/uitnodigen/").status_code == 403


@pytest.mark.parametrize("persona", ["researcher", "pos"])
def test_wave_pages_cost_a_fixed_number_of_queries(
    world, client, answered, persona, django_assert_max_num_queries
):
    client.force_login(world.users[persona])
    # Researchers' figures go through the project's disclosure control (about ten grouped
    # queries, whatever the number of offices: `kapstok.coding.office_types`).
    with django_assert_max_num_queries(40):
        client.get(f"{BASE}meetrondes/{answered.pk}/")
    with django_assert_max_num_queries(20):
        client.get(f"{BASE}meetrondes/{answered.pk}/antwoorden/lead/")


def test_the_wave_form_offers_offices_by_pseudonym_to_researchers(world, client, templates):
    client.force_login(world.users["researcher"])
    page = client.get(f"{BASE}meetrondes/nieuw/").content.decode()
    assert "Kantoor Utrecht" not in page and "Kantoor Zwolle" not in page
    client.force_login(world.users["pos"])
    assert "Kantoor Utrecht" in client.get(f"{BASE}meetrondes/nieuw/").content.decode()


def test_the_overview_lists_templates_and_waves(world, client, wave):
    client.force_login(world.users["researcher"])
    page = client.get(BASE).content.decode()
    assert "Monitor POS-kantoren – kartrekker" in page and "Monitor 2026" in page
