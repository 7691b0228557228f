"""The role agreement pages: who starts, fills in, proposes and confirms, and what they see."""

import pytest

from kapstok.agreements import services
from kapstok.agreements.factories import PartyViewFactory, RoleAgreementFactory
from kapstok.agreements.models import Acknowledgement, AgreementStatus, PartyView, RoleAgreement

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/rollenafspraak/"
V1 = f"{BASE}versie-1/"


def html(response):
    return response.content.decode()


def field(task, party):
    return f"c-{task.pk}-{party}"


def empty_matrix(agreement, **cells):
    """A POST with every cell empty, then `cells` {"<task name>|<party>": value}."""
    data = {field(t, p): "" for t in agreement.tasks.all() for p in agreement.parties}
    for key, value in cells.items():
        name, party = key.split("|")
        data[field(agreement.tasks.get(name=name), party)] = value
    return data


@pytest.fixture
def agreement(world):
    """Version 1 at Kantoor Utrecht (which has a partner), two tasks, collecting views."""
    return RoleAgreementFactory(
        office=world.office,
        version=1,
        parties=["pos", "office", "municipality", "partner"],
        tasks=["Financieren", "Sportdag organiseren"],
    )


def proposed(agreement):
    PartyViewFactory(agreement=agreement, party="office")
    services.agreement_propose(agreement=agreement, cells={}, actor=None)
    return agreement


# --- the office's page and starting a round ------------------------------------------------


def test_an_office_without_agreements_invites_its_lead_to_start(world, login):
    page = html(login(world.users["lead"]).get(BASE))
    assert "Er is nog geen vastgestelde rollenafspraak." in page
    assert "Nieuwe ronde beginnen" in page


def test_members_and_the_municipality_read_but_cannot_start_a_round(world, login):
    for persona in ["member", "civil_servant", "partner"]:
        client = login(world.users[persona])
        assert "Nieuwe ronde beginnen" not in html(client.get(BASE))
        assert client.post(f"{BASE}nieuwe-ronde/").status_code == 403
    assert not RoleAgreement.objects.exists()


def test_a_lead_starts_a_round_and_lands_on_it(world, login):
    client = login(world.users["lead"])
    response = client.post(f"{BASE}nieuwe-ronde/", follow=True)
    assert response.redirect_chain == [(V1, 302)]
    assert "Een nieuwe ronde is begonnen." in html(response)
    agreement = RoleAgreement.objects.get()
    assert (agreement.office, agreement.created_by) == (world.office, world.users["lead"])
    assert agreement.parties == ["pos", "office", "municipality", "partner"]


def test_a_second_round_while_one_is_open_goes_back_with_the_reason(world, login, agreement):
    client = login(world.users["pos"])
    response = client.post(f"{BASE}nieuwe-ronde/", follow=True)
    assert response.redirect_chain == [(BASE, 302)]
    assert "Er loopt al een ronde; rond die eerst af." in html(response)
    assert RoleAgreement.objects.count() == 1


def test_starting_a_round_only_takes_post(world, login):
    assert login(world.users["lead"]).get(f"{BASE}nieuwe-ronde/").status_code == 405


def test_an_open_round_is_announced_and_hides_the_start_button(world, login, agreement):
    page = html(login(world.users["lead"]).get(BASE))
    assert "Versie 1 is in de maak: beelden verzamelen." in page
    assert "Nieuwe ronde beginnen" not in page


def test_the_agreed_matrix_is_shown_on_the_office_page(world, login, agreement):
    financing = str(agreement.tasks.get(name="Financieren").pk)
    PartyViewFactory(agreement=agreement)
    services.agreement_propose(
        agreement=agreement, cells={financing: {"municipality": "decides"}}, actor=None
    )
    for party in agreement.parties:
        services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
    page = html(login(world.users["member"]).get(BASE))
    assert "Geldende rollenafspraak" in page
    assert "Versie 1, vastgesteld op" in page
    assert "<td>beslist</td>" in page
    assert "niemand beslist" in page  # the sport day has no decider


def test_other_offices_cannot_read_the_agreement(world, login, agreement):
    client = login(world.users["other_lead"])
    assert client.get(BASE).status_code == 403
    assert client.get(V1).status_code == 403


def test_an_unknown_version_is_not_found(world, login, agreement):
    assert login(world.users["lead"]).get(f"{BASE}versie-7/").status_code == 404


# --- tasks ---------------------------------------------------------------------------------


def test_the_task_form_starts_with_the_current_tasks_one_per_line(world, login, agreement):
    response = login(world.users["lead"]).get(f"{V1}taken/")
    assert response.context["form"].initial["tasks"] == "Financieren\nSportdag organiseren"


def test_a_lead_replaces_the_tasks(world, login, agreement):
    client = login(world.users["lead"])
    response = client.post(f"{V1}taken/", {"tasks": "Ledenwerving\r\nFinancieren\r\n"})
    assert response["Location"] == V1
    assert [t.name for t in agreement.tasks.all()] == ["Ledenwerving", "Financieren"]


def test_an_empty_task_list_is_refused(world, login, agreement):
    response = login(world.users["lead"]).post(f"{V1}taken/", {"tasks": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["tasks"] == ["Dit veld is verplicht."]
    assert agreement.tasks.count() == 2


def test_tasks_cannot_change_once_proposed(world, login, agreement):
    proposed(agreement)
    response = login(world.users["lead"]).post(f"{V1}taken/", {"tasks": "Iets anders"})
    assert response.status_code == 400
    assert "De taken liggen vast zodra er een voorstel is." in html(response)
    assert [t.name for t in agreement.tasks.all()] == ["Financieren", "Sportdag organiseren"]


def test_only_managers_edit_the_tasks(world, login, agreement):
    for persona in ["member", "civil_servant", "partner"]:
        response = login(world.users[persona]).post(f"{V1}taken/", {"tasks": "Gekaapt"})
        assert response.status_code == 403
    assert agreement.tasks.count() == 2


# --- a party's own view --------------------------------------------------------------------


def test_the_detail_page_offers_each_person_only_their_own_partys_view(world, login, agreement):
    page = html(login(world.users["civil_servant"]).get(V1))
    assert f"{V1}beeld/municipality/" in page
    assert f"{V1}beeld/office/" not in page
    assert "nog niet ingevuld" in page


def test_a_new_view_starts_from_the_template(world, login, agreement):
    response = login(world.users["civil_servant"]).get(f"{V1}beeld/municipality/")
    form = response.context["form"]
    financing = agreement.tasks.get(name="Financieren")
    assert form[field(financing, "municipality")].value() == "decides"
    assert "Het beeld van gemeente" in html(response)


def test_a_resubmitted_view_starts_from_what_the_party_said(world, login, agreement):
    financing = agreement.tasks.get(name="Financieren")
    PartyViewFactory(
        agreement=agreement, party="office", cells={str(financing.pk): {"pos": "decides"}}
    )
    response = login(world.users["lead"]).get(f"{V1}beeld/office/")
    assert response.context["form"][field(financing, "pos")].value() == "decides"
    assert response.context["form"][field(financing, "municipality")].value() == ""


def test_a_party_saves_its_view_and_is_warned_about_double_deciders(world, login, agreement):
    client = login(world.users["partner"])
    data = empty_matrix(
        agreement,
        **{
            "Financieren|municipality": "decides",
            "Financieren|office": "decides",
            "Sportdag organiseren|office": "decides",
        },
    )
    response = client.post(f"{V1}beeld/partner/", data, follow=True)
    assert response.redirect_chain == [(V1, 302)]
    page = html(response)
    assert "Uw beeld is opgeslagen." in page
    assert "Let op: bij deze taken beslist meer dan één partij: Financieren." in page
    assert "beslist niemand" not in page
    view = PartyView.objects.get()
    assert (view.party, view.submitted_by) == ("partner", world.users["partner"])


def test_an_unknown_responsibility_is_refused_and_nothing_is_saved(world, login, agreement):
    data = empty_matrix(agreement, **{"Financieren|office": "baas"})
    response = login(world.users["lead"]).post(f"{V1}beeld/office/", data)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze." in html(response)
    assert not PartyView.objects.exists()


def test_a_view_cannot_be_changed_after_the_proposal(world, login, agreement):
    proposed(agreement)
    data = empty_matrix(agreement, **{"Financieren|municipality": "decides"})
    response = login(world.users["civil_servant"]).post(f"{V1}beeld/municipality/", data)
    assert response.status_code == 400
    assert "Er ligt al een voorstel" in html(response)
    assert not PartyView.objects.filter(party="municipality").exists()


def test_pos_fills_in_the_pos_view_but_not_the_offices(world, login, agreement):
    client = login(world.users["pos"])
    assert client.get(f"{V1}beeld/pos/").status_code == 200
    assert client.post(f"{V1}beeld/office/", empty_matrix(agreement)).status_code == 403
    assert not PartyView.objects.exists()


def test_a_party_that_is_not_at_the_table_is_not_found(world, login):
    RoleAgreementFactory(office=world.other_office, version=1)  # Zwolle: no partner
    client = login(world.users["pos"])
    url = "/netwerk/kantoren/kantoor-zwolle/rollenafspraak/versie-1/beeld/partner/"
    assert client.get(url).status_code == 404


# --- proposal and confirmation -------------------------------------------------------------


def test_the_proposal_form_fills_in_only_what_the_views_agree_on(world, login, agreement):
    financing = agreement.tasks.get(name="Financieren")
    key = str(financing.pk)
    PartyViewFactory(
        agreement=agreement,
        party="office",
        cells={key: {"municipality": "decides", "office": "informed"}},
    )
    PartyViewFactory(
        agreement=agreement,
        party="municipality",
        cells={key: {"municipality": "decides", "office": "supports"}},
    )
    form = login(world.users["lead"]).get(f"{V1}voorstel/").context["form"]
    assert form[field(financing, "municipality")].value() == "decides"
    assert form[field(financing, "office")].value() == ""


def test_a_lead_proposes_and_the_parties_are_asked_to_confirm(world, login, agreement):
    PartyViewFactory(agreement=agreement, party="office")
    client = login(world.users["lead"])
    data = empty_matrix(agreement, **{"Financieren|municipality": "decides"})
    response = client.post(f"{V1}voorstel/", data, follow=True)
    page = html(response)
    assert "Het voorstel staat klaar." in page
    assert "Let op: bij deze taken beslist niemand: Sportdag organiseren." in page
    assert "Bevestigen namens kantoor" in page
    assert "Bevestigen namens gemeente" not in page  # the lead speaks for the office only
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED


def test_the_proposal_page_of_an_agreed_version_sends_back_to_it(world, login, agreement):
    proposed(agreement)
    for party in agreement.parties:
        services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
    response = login(world.users["lead"]).post(f"{V1}voorstel/", empty_matrix(agreement))
    assert response["Location"] == V1
    agreement.refresh_from_db()
    assert agreement.cells == {}


def test_members_cannot_propose(world, login, agreement):
    PartyViewFactory(agreement=agreement, party="office")
    response = login(world.users["member"]).post(f"{V1}voorstel/", empty_matrix(agreement))
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VIEWS


def test_confirming_without_a_proposal_explains_why_not(world, login, agreement):
    response = login(world.users["lead"]).post(f"{V1}bevestigen/office/", follow=True)
    assert "Er ligt geen voorstel om te bevestigen." in html(response)
    assert not Acknowledgement.objects.exists()


def test_nobody_confirms_for_a_party_they_do_not_speak_for(world, login, agreement):
    proposed(agreement)
    assert login(world.users["lead"]).post(f"{V1}bevestigen/municipality/").status_code == 403
    assert login(world.users["member"]).post(f"{V1}bevestigen/office/").status_code == 403
    assert (
        login(world.users["civil_servant"]).get(f"{V1}bevestigen/municipality/").status_code == 405
    )
    assert not Acknowledgement.objects.exists()


def test_the_last_confirmation_is_announced(world, login, agreement):
    proposed(agreement)
    for party in ["pos", "office", "municipality"]:
        services.agreement_acknowledge(agreement=agreement, party=party, actor=None)
    response = login(world.users["partner"]).post(f"{V1}bevestigen/partner/", follow=True)
    assert "Alle partijen hebben bevestigd: de rollenafspraak staat." in html(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AGREED


def test_a_confirmation_shows_who_gave_it(world, login, agreement):
    proposed(agreement)
    client = login(world.users["civil_servant"])
    response = client.post(f"{V1}bevestigen/municipality/", follow=True)
    page = html(response)
    assert "Uw bevestiging is vastgelegd." in page
    assert "(Gerrit Gemeente)" in page
