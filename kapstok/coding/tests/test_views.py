"""The coding pages: pseudonyms only, coding a fragment, agreement, frequencies, export."""

import io
import re
import zipfile

import pytest

from kapstok.coding import services
from kapstok.coding.factories import GOALS
from kapstok.coding.models import Coding


def url(study, tail=""):
    return f"/onderzoek/codering/{study.project.pk}/{tail}"


def test_wave_page_shows_pseudonyms_and_office_type_but_no_names(
    study, login, django_assert_max_num_queries
):
    client = login(study.world.users["researcher"])
    with django_assert_max_num_queries(40):
        response = client.get(url(study, f"meetrondes/{study.waves[0].pk}/"))
    page = response.content.decode()
    assert response.status_code == 200
    assert GOALS in page
    assert "K-" in page and "R-" in page
    # Two offices are fewer than k = 3: their type is hidden (`test_disclosure.py`).
    assert "afgeschermd" in page and "netwerk bouwen" not in page
    for personal in ("Kantoor Utrecht", "Kees Kartrekker", "kees@example.invalid", "Utrecht"):
        assert personal not in page.replace(GOALS, "")


def test_wave_page_query_count_does_not_grow_with_responses(study, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kapstok.coding.factories import _respond
    from kapstok.monitor.models import Snapshot
    from kapstok.network.factories import OfficeFactory

    client = login(study.world.users["researcher"])
    page_url = url(study, f"meetrondes/{study.waves[0].pk}/")
    client.get(page_url)  # pseudonyms are given on the first visit
    with CaptureQueriesContext(connection) as two:
        client.get(page_url)
    for number in range(3):
        office = OfficeFactory(name=f"Kantoor {number}", slug=f"kantoor-{number}")
        _respond(study.waves[0], office, study.world.users["pos"], study.questionnaire,
                 study.questions, "Meer leden.")  # fmt: skip
        Snapshot.objects.create(wave=study.waves[0], office=office, indicators={"members": 3})
    client.get(page_url)
    with CaptureQueriesContext(connection) as five:
        client.get(page_url)
    assert len(five) == len(two)


def test_a_researcher_codes_a_fragment(study, goals_answer, login):
    client = login(study.world.users["researcher"])
    response = client.post(
        url(study, f"antwoorden/{goals_answer.pk}/coderen/"),
        {"code": study.codes["leden"].pk, "start": 0, "end": 28},
    )
    assert response.status_code == 302
    coding = Coding.objects.get()
    assert (coding.fragment, coding.coder) == (
        "Wij willen meer leden werven",
        study.world.users["researcher"],
    )


def test_coding_with_htmx_returns_the_answer_with_its_coding(study, goals_answer, login):
    client = login(study.world.users["pos"])
    response = client.post(
        url(study, f"antwoorden/{goals_answer.pk}/coderen/"),
        {"code": study.codes["gemeente"].pk, "whole": "on", "tentative": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<mark" in response.content.decode()
    assert not Coding.objects.get().confirmed


def test_offsets_outside_the_answer_get_a_dutch_message_and_keep_the_input(
    study, goals_answer, login
):
    client = login(study.world.users["researcher"])
    response = client.post(
        url(study, f"antwoorden/{goals_answer.pk}/coderen/"),
        {"code": study.codes["leden"].pk, "start": 40, "end": 900},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Het fragment valt buiten het antwoord" in page
    assert 'value="900"' in page
    assert not Coding.objects.exists()


def test_no_selection_and_no_whole_answer_is_explained(study, goals_answer, login):
    client = login(study.world.users["researcher"])
    response = client.post(
        url(study, f"antwoorden/{goals_answer.pk}/coderen/"), {"code": study.codes["leden"].pk}
    )
    assert response.status_code == 400
    assert "Selecteer een stuk tekst" in response.content.decode()


def test_a_coder_cannot_remove_another_coders_coding(study, goals_answer, login):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["pos"],
    )
    client = login(study.world.users["researcher"])
    response = client.post(url(study, f"coderingen/{coding.pk}/verwijderen/"))
    assert response.status_code == 403
    assert Coding.objects.exists()


def test_a_coder_removes_and_confirms_their_own_coding(study, goals_answer, login):
    coding = services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
        confirmed=False,
    )
    client = login(study.world.users["researcher"])
    client.post(url(study, f"coderingen/{coding.pk}/bevestigen/"))
    coding.refresh_from_db()
    assert coding.confirmed
    client.post(url(study, f"coderingen/{coding.pk}/verwijderen/"))
    assert not Coding.objects.exists()


def test_coders_do_not_see_each_others_codings(study, goals_answer, login):
    services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["gemeente"],
        coder=study.world.users["pos"],
    )
    page = login(study.world.users["researcher"]).get(
        url(study, f"meetrondes/{study.waves[0].pk}/")
    )
    assert "<mark" not in page.content.decode()


def _code_both(study, answer, researcher_code, pos_code):
    services.coding_add(
        project=study.project,
        answer=answer,
        code=researcher_code,
        coder=study.world.users["researcher"],
    )
    services.coding_add(
        project=study.project, answer=answer, code=pos_code, coder=study.world.users["pos"]
    )


def test_agreement_page_shows_kappa_per_code_and_overall(study, login):
    answers = [study.responses[key].answers[0] for key in sorted(study.responses)]
    leden, gemeente = study.codes["leden"], study.codes["gemeente"]
    for answer, (a, b) in zip(
        answers,
        [(leden, leden), (gemeente, gemeente), (leden, gemeente), (gemeente, gemeente)],
        strict=True,
    ):
        _code_both(study, answer, a, b)
    client = login(study.world.users["researcher"])
    response = client.get(
        url(study, "overeenstemming/"),
        {"coder_a": 2, "coder_b": 1},  # codeur 1 is the oldest account (Petra), 2 is Rob
    )
    page = response.content.decode()
    assert response.status_code == 200
    # leden: A yes no yes no, B yes no no no → p_o 3/4, p_e (2·1 + 2·3)/16 = 1/2, κ = 0.5
    assert response.context["result"]["rows"][1]["kappa"] == pytest.approx(0.5)
    assert "κ = " in page


def test_agreement_without_common_answers_says_it_cannot_be_computed(study, login):
    first = study.responses[(2025, "lead")].answers[0]
    second = study.responses[(2026, "lead")].answers[0]
    services.coding_add(
        project=study.project,
        answer=first,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    services.coding_add(
        project=study.project,
        answer=second,
        code=study.codes["leden"],
        coder=study.world.users["pos"],
    )
    page = login(study.world.users["pos"]).get(url(study, "overeenstemming/")).content.decode()
    assert (
        "niet te berekenen: de twee codeurs hebben geen antwoorden gemeenschappelijk gecodeerd"
        in page.casefold()
    )


def test_agreement_with_fewer_than_two_coders_says_so(study, login):
    page = login(study.world.users["pos"]).get(url(study, "overeenstemming/")).content.decode()
    assert "er hebben nog geen twee codeurs in dit project gecodeerd" in page


def test_frequencies_count_responses_per_office_type_with_parent_codes_rolled_up(
    study, goals_answer, login
):
    services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )
    services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["pos"],
        start=0,
        end=5,
    )
    response = login(study.world.users["researcher"]).get(
        url(study, "frequenties/"), {"per": "size"}
    )
    rows = {row["node"].code.label: row["total"] for row in response.context["rows"]}
    assert rows == {"Samenstelling": 1, "Werving van leden": 1, "Rol van de gemeente": 0}
    assert [g["label"] for g in response.context["groups"]] == ["afgeschermd"]


def test_suggestions_say_plainly_when_there_is_too_little_to_learn_from(study, login):
    page = login(study.world.users["researcher"]).get(
        url(study, f"meetrondes/{study.waves[0].pk}/")
    )
    assert "Nog geen voorgestelde codes: er zijn 0 bevestigde coderingen" in page.content.decode()


def test_suggestions_appear_once_enough_codings_are_confirmed(study, login, monkeypatch):
    from kapstok.coding import selectors

    monkeypatch.setattr(
        selectors,
        "suggest_codes",
        lambda examples, texts: __import__(
            "kapstok.analysis.code_suggestions", fromlist=["x"]
        ).suggest_codes(examples, texts, min_examples=2),
    )
    answers = [study.responses[(2025, lead)].answers[0] for lead in ("lead", "other_lead")]
    services.coding_add(
        project=study.project,
        answer=answers[0],
        code=study.codes["leden"],
        coder=study.world.users["pos"],
        start=0,
        end=28,
    )
    services.coding_add(
        project=study.project,
        answer=answers[1],
        code=study.codes["gemeente"],
        coder=study.world.users["pos"],
    )
    page = (
        login(study.world.users["researcher"])
        .get(url(study, f"meetrondes/{study.waves[0].pk}/"))
        .content.decode()
    )
    assert "overnemen" in page


def test_questions_are_cleared_on_their_page(study, login):
    client = login(study.world.users["researcher"])
    assert client.get(url(study, "vrijgeven/")).status_code == 200
    client.post(url(study, "vrijgeven/"), {"questions": [study.questions[0].pk]})
    assert list(study.project.cleared_questions.all()) == [study.questions[0]]


def test_the_export_downloads_as_a_zip_and_is_logged(study, login):
    from kapstok.trust.models import AuditEntry

    response = login(study.world.users["researcher"]).get(url(study, "export.zip"))
    assert response["Content-Type"] == "application/zip"
    assert "labels.sps" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert AuditEntry.objects.filter(summary__contains="export").exists()


def test_codebook_page_adds_a_code_and_explains_a_duplicate(study, login):
    client = login(study.world.users["researcher"])
    client.post(url(study, "codeboek/"), {"label": "Financiën", "parent": ""})
    response = client.post(url(study, "codeboek/"), {"label": "financiën", "parent": ""})
    assert response.status_code == 400
    assert "al een code met deze naam" in response.content.decode()
    assert study.project.codes.filter(label="Financiën").exists()


def test_a_project_is_created_with_its_waves(study, login):
    client = login(study.world.users["pos"])
    response = client.post(
        "/onderzoek/codering/nieuw/", {"name": "Tweede studie", "waves": [study.waves[0].pk]}
    )
    assert response.status_code == 302
    from kapstok.coding.models import ResearchProject

    assert list(ResearchProject.objects.get(name="Tweede studie").waves.all()) == [study.waves[0]]


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant", "partner", "outsider"])
def test_only_researchers_and_pos_reach_the_coding_pages(study, login, persona):
    client = login(study.world.users[persona])
    assert client.get(url(study, f"meetrondes/{study.waves[0].pk}/")).status_code == 403
    assert client.get(url(study, "export.zip")).status_code == 403


def test_a_wave_outside_the_project_is_not_found(study, login):
    study.project.waves.remove(study.waves[1])
    client = login(study.world.users["researcher"])
    assert client.get(url(study, f"meetrondes/{study.waves[1].pk}/")).status_code == 404


def test_a_code_is_edited_on_its_page_and_errors_keep_the_input(study, login):
    client = login(study.world.users["researcher"])
    code = study.codes["leden"]
    edit = url(study, f"codeboek/{code.pk}/")
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"label": "Rol van de gemeente", "parent": "", "order": 1})
    assert response.status_code == 400
    assert "al een code met deze naam" in response.content.decode()
    client.post(edit, {"label": "Ledenwerving", "parent": "", "order": 1})
    code.refresh_from_db()
    assert (code.label, code.parent) == ("Ledenwerving", None)


def test_agreement_can_be_limited_to_one_wave(study, login):
    users = study.world.users
    first = study.responses[(2025, "lead")].answers[0]
    second = study.responses[(2026, "lead")].answers[0]
    _code_both(study, first, study.codes["leden"], study.codes["leden"])
    _code_both(study, second, study.codes["leden"], study.codes["gemeente"])
    client = login(users["researcher"])
    query = {"coder_a": 2, "coder_b": 1}
    everything = client.get(url(study, "overeenstemming/"), query).context["result"]
    one_wave = client.get(
        url(study, "overeenstemming/"), {**query, "wave": study.waves[0].pk}
    ).context["result"]
    assert (everything["common"], one_wave["common"]) == (2, 1)


def test_site_admins_see_projects_and_codebooks_in_the_admin(study, login):
    client = login(study.world.users["admin"])
    assert client.get("/admin/coding/researchproject/").status_code == 200
    page = client.get(f"/admin/coding/researchproject/{study.project.pk}/change/")
    assert page.status_code == 200
    assert "Werving van leden" in page.content.decode()


def _third_office_like_the_others(study):
    """Kantoor Amersfoort: same initiative, size and phase as Utrecht and Zwolle, both waves."""
    from kapstok.coding.factories import _respond
    from kapstok.monitor.models import Snapshot
    from kapstok.network.factories import OfficeFactory

    office = OfficeFactory(name="Kantoor Amersfoort", slug="kantoor-amersfoort")
    for wave in study.waves:
        _respond(wave, office, study.world.users["pos"], study.questionnaire, study.questions,
                 "Meer leden.")  # fmt: skip
        Snapshot.objects.create(
            wave=wave, office=office, indicators={"members": 20, "phase": "building"}
        )
    return office


def test_the_office_type_is_shown_once_three_offices_share_it(study, login):
    _third_office_like_the_others(study)
    client = login(study.world.users["researcher"])
    page = client.get(url(study, f"meetrondes/{study.waves[0].pk}/")).content.decode()
    assert "leden: 10–24 · fase: netwerk bouwen" in page
    assert ": afgeschermd" not in page
    groups = client.get(url(study, "frequenties/"), {"per": "size"}).context["groups"]
    assert [(g["label"], g["responses"]) for g in groups] == [("10–24", 6)]


def test_responses_are_listed_by_pseudonym_not_in_the_platforms_order(study, login):
    from kapstok.coding.pseudonyms import office_pseudonyms

    _third_office_like_the_others(study)
    client = login(study.world.users["researcher"])
    page = client.get(url(study, f"meetrondes/{study.waves[0].pk}/"))
    shown = [r.office_pseudonym for r in page.context["responses"]]
    offices = office_pseudonyms(
        study.project, [r.invitation.office_id for r in page.context["responses"]]
    )
    assert shown == sorted(offices.values())


def test_researchers_see_other_coders_as_numbers_pos_sees_names(study, goals_answer, login):
    users = study.world.users
    for coder in (users["researcher"], users["pos"]):
        services.coding_add(
            project=study.project, answer=goals_answer, code=study.codes["leden"], coder=coder
        )
    page = login(users["researcher"]).get(url(study, "overeenstemming/")).content.decode()
    assert "codeur 1 (1)" in page and "codeur 2 (u) (1)" in page
    assert "Petra" not in page and "Rob Onderzoeker (1)" not in page  # the menu names the viewer
    select = re.search(r'<select name="coder_a".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', select) == ["1", "2"]  # no account ids
    page = login(users["pos"]).get(url(study, "overeenstemming/")).content.decode()
    assert "Petra POS (1)" in page and "Rob Onderzoeker (1)" in page
