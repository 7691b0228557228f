"""More of the coding pages: waves of a project, wrong answers and codes, tidying up, forms."""

import datetime

import pytest
import time_machine

from kapstok.coding import services
from kapstok.coding.models import Coding, ResearchProject
from kapstok.trust.models import AuditEntry


def url(study, tail=""):
    return f"/onderzoek/codering/{study.project.pk}/{tail}"


def coding_url(study, answer):
    return url(study, f"antwoorden/{answer.pk}/coderen/")


def test_the_project_list_shows_the_projects(study, login):
    page = login(study.world.users["researcher"]).get("/onderzoek/codering/").content.decode()
    assert "Monitor 2025–2026" in page


def test_an_unknown_project_is_not_found(study, login):
    assert login(study.world.users["pos"]).get("/onderzoek/codering/99999/").status_code == 404


def test_a_project_needs_a_name(study, login):
    response = login(study.world.users["pos"]).post("/onderzoek/codering/nieuw/", {"name": ""})
    assert response.context["form"].errors["name"] == ["Dit veld is verplicht."]
    assert ResearchProject.objects.count() == 1


def test_the_waves_of_a_project_are_changed_on_its_page(study, login):
    client = login(study.world.users["researcher"])
    response = client.post(url(study, "meetrondes/"), {"waves": [study.waves[1].pk]}, follow=True)
    assert "De meetrondes van het project zijn bijgewerkt." in response.content.decode()
    assert list(study.project.waves.all()) == [study.waves[1]]


def test_an_unknown_wave_leaves_the_project_as_it_was(study, login):
    client = login(study.world.users["researcher"])
    client.post(url(study, "meetrondes/"), {"waves": [99999]})
    assert study.project.waves.count() == 2


def test_changing_waves_only_takes_post(study, login):
    assert login(study.world.users["researcher"]).get(url(study, "meetrondes/")).status_code == 405


def test_the_detail_page_ticks_the_projects_waves(study, login):
    response = login(study.world.users["researcher"]).get(url(study))
    assert set(response.context["form"].initial["waves"]) == set(study.waves)


# --- coding through the page ---------------------------------------------------------------


def test_an_answer_to_a_closed_question_cannot_be_coded(study, login):
    closed = study.responses[(2025, "lead")].answers[1]
    response = login(study.world.users["researcher"]).post(
        coding_url(study, closed), {"code": study.codes["leden"].pk, "whole": "on"}
    )
    assert response.status_code == 404
    assert not Coding.objects.exists()


def test_an_answer_outside_the_project_is_not_found(study, goals_answer, login):
    study.project.waves.remove(study.waves[0])
    response = login(study.world.users["researcher"]).post(
        coding_url(study, goals_answer), {"code": study.codes["leden"].pk, "whole": "on"}
    )
    assert response.status_code == 404


def test_a_code_of_another_project_is_not_offered(study, goals_answer, login):
    other = services.project_create(name="Ander", waves=study.waves)
    foreign = services.code_add(project=other, label="Vreemd")
    response = login(study.world.users["researcher"]).post(
        coding_url(study, goals_answer), {"code": foreign.pk, "whole": "on"}
    )
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Coding.objects.exists()


def test_coding_the_same_fragment_twice_is_explained(study, goals_answer, login):
    client = login(study.world.users["researcher"])
    data = {"code": study.codes["leden"].pk, "start": 0, "end": 28}
    client.post(coding_url(study, goals_answer), data)
    response = client.post(coding_url(study, goals_answer), data)
    assert response.status_code == 400
    assert "U heeft dit fragment al deze code gegeven." in response.content.decode()
    assert Coding.objects.count() == 1


def test_a_refused_coding_with_htmx_returns_the_answer_with_the_error(study, goals_answer, login):
    response = login(study.world.users["researcher"]).post(
        coding_url(study, goals_answer),
        {"code": study.codes["leden"].pk, "start": 5, "end": 999},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    page = response.content.decode()
    assert "Het fragment valt buiten het antwoord" in page
    assert "<html" not in page


def test_after_coding_without_htmx_the_coder_returns_to_the_answer(study, goals_answer, login):
    response = login(study.world.users["researcher"]).post(
        coding_url(study, goals_answer), {"code": study.codes["leden"].pk, "whole": "on"}
    )
    assert response["Location"] == url(
        study, f"meetrondes/{study.waves[0].pk}/#antwoord-{goals_answer.pk}"
    )


def test_pos_may_tidy_up_a_researchers_coding(study, goals_answer, login):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    response = login(study.world.users["pos"]).post(
        url(study, f"coderingen/{coding.pk}/verwijderen/"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert not Coding.objects.exists()


def test_a_coding_of_another_project_is_not_found_through_this_one(study, goals_answer, login):
    other = services.project_create(name="Ander", waves=study.waves)
    coding = services.coding_add(
        project=other,
        answer=goals_answer,
        code=services.code_add(project=other, label="Vreemd"),
        coder=study.world.users["researcher"],
    )
    client = login(study.world.users["researcher"])
    assert client.post(url(study, f"coderingen/{coding.pk}/verwijderen/")).status_code == 404
    assert Coding.objects.filter(pk=coding.pk).exists()


def test_a_coder_cannot_confirm_another_coders_coding(study, goals_answer, login):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["pos"],
        confirmed=False,
    )
    client = login(study.world.users["researcher"])
    assert client.post(url(study, f"coderingen/{coding.pk}/bevestigen/")).status_code == 403
    coding.refresh_from_db()
    assert not coding.confirmed


# --- agreement, frequencies, clearing, export ----------------------------------------------


def test_agreement_with_the_same_coder_twice_is_refused(study, goals_answer, login):
    services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    # Coders are chosen by their number in the project ("codeur 1"), never by account id.
    response = login(study.world.users["researcher"]).get(
        url(study, "overeenstemming/"), {"coder_a": 1, "coder_b": 1}
    )
    assert response.context["form"].non_field_errors() == ["Kies twee verschillende codeurs."]
    assert response.context["result"] is None


def test_an_unknown_grouping_falls_back_to_initiative(study, login):
    response = login(study.world.users["researcher"]).get(
        url(study, "frequenties/"), {"per": "gemeente"}
    )
    assert response.context["grouping"] == "initiative"
    # One office alone could be singled out, so k-anonymity (k = 3) hides its type.
    assert [group["label"] for group in response.context["groups"]] == ["afgeschermd"]


def test_only_open_questions_can_be_cleared(study, login):
    response = login(study.world.users["researcher"]).post(
        url(study, "vrijgeven/"), {"questions": [study.questions[1].pk]}
    )
    assert response.status_code == 200
    assert "questions" in response.context["form"].errors
    assert not study.project.cleared_questions.exists()
    assert not AuditEntry.objects.filter(model="coding.researchproject").exists()


def test_the_export_is_named_after_the_project_and_the_day(study, login):
    client = login(study.world.users["pos"])
    moment = datetime.datetime(2026, 3, 16, 12, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        response = client.get(url(study, "export.zip"))
    assert response["Content-Disposition"] == (
        f'attachment; filename="onderzoek-{study.project.pk}-2026-03-16.zip"'
    )
    entry = AuditEntry.objects.get(summary="Gepseudonimiseerde export gedownload")
    assert entry.actor == study.world.users["pos"]


@pytest.mark.parametrize("persona", ["lead", "civil_servant", "outsider"])
def test_only_coders_may_change_codebooks_and_waves(study, login, persona):
    client = login(study.world.users[persona])
    assert client.post(url(study, "codeboek/"), {"label": "Nieuw"}).status_code == 403
    assert client.post(url(study, "meetrondes/"), {"waves": []}).status_code == 403
    assert client.post("/onderzoek/codering/nieuw/", {"name": "X"}).status_code == 403
    assert study.project.codes.count() == 3
    assert study.project.waves.count() == 2
    assert ResearchProject.objects.count() == 1
