"""Starting, extending, reminding and closing waves: who is asked, and every refusal."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.monitor import services
from kapstok.monitor.models import (
    Audience,
    Invitation,
    Question,
    Questionnaire,
    Response,
    Snapshot,
    Wave,
    WaveStatus,
)
from kapstok.network.factories import OfficeFactory
from kapstok.trust.models import AuditEntry

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def new_wave(**fields):
    defaults = {"name": "Monitor", "year": TODAY.year, "opens_on": TODAY,
                "closes_on": TODAY + datetime.timedelta(days=21)}  # fmt: skip
    return Wave(**defaults | fields)


@pytest.fixture
def short(world):
    questionnaire = Questionnaire.objects.create(title="Kort", audience=Audience.LEAD)
    Question.objects.create(questionnaire=questionnaire, text="Hoe gaat het?", order=10)
    return questionnaire


def start(world, questionnaires, office_ids=None, **wave_fields):
    return services.wave_start(
        wave=new_wave(**wave_fields),
        office_ids=office_ids if office_ids is not None else [world.office.pk],
        questionnaires=questionnaires,
        actor=world.users["pos"],
        today=TODAY,
    )


def refusal(world, questionnaires, **kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        start(world, questionnaires, **kwargs)
    assert not Wave.objects.exists() and not Invitation.objects.exists()
    return refused.value.message_dict


# --- who is asked ----------------------------------------------------------------------------


def test_aldermen_are_asked_as_the_municipality_and_inactive_accounts_not_at_all(world):
    alderman = UserFactory(email="wethouder@example.invalid")
    grant_role(user=alderman, role=Role.ALDERMAN, scope=world.utrecht)
    gone = UserFactory(email="weg@example.invalid", is_active=False)
    grant_role(user=gone, role=Role.LEAD, scope=world.office)
    found = services.recipients_for([world.office.pk], [Audience.LEAD, Audience.MUNICIPALITY])
    assert {(audience, user.email) for _office, audience, user in found} == {
        (Audience.LEAD, "kees@example.invalid"),
        (Audience.MUNICIPALITY, "gerrit@example.invalid"),
        (Audience.MUNICIPALITY, "wethouder@example.invalid"),
    }


def test_a_lead_of_two_offices_is_asked_once_per_office(world):
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=world.other_office)
    found = services.recipients_for([world.office.pk, world.other_office.pk], [Audience.LEAD])
    kees = [(office, a) for office, a, user in found if user == world.users["lead"]]
    assert sorted(kees) == sorted(
        [(world.office.pk, Audience.LEAD), (world.other_office.pk, Audience.LEAD)]
    )


def test_a_municipality_of_two_offices_is_asked_for_each(world):
    second = OfficeFactory(municipalities=[world.utrecht])
    found = services.recipients_for([world.office.pk, second.pk], [Audience.MUNICIPALITY])
    assert sorted(office for office, _a, _u in found) == sorted([world.office.pk, second.pk])


def test_only_the_chosen_audiences_are_asked(world):
    found = services.recipients_for([world.office.pk], [Audience.FACILITATOR])
    assert [(a, u.email) for _o, a, u in found] == [(Audience.FACILITATOR, "paula@example.invalid")]


# --- refusals, nothing saved -----------------------------------------------------------------


def test_a_wave_without_offices_or_questionnaires_is_refused(world):
    assert refusal(world, {}, office_ids=[]) == {
        "offices": ["Kies minstens één kantoor."],
        "questionnaires": ["Kies voor minstens één doelgroep een vragenlijst."],
    }


def test_a_questionnaire_for_another_audience_is_refused(world, short):
    assert refusal(world, {Audience.MUNICIPALITY: short}) == {
        "questionnaires": ["Elke vragenlijst moet bij zijn doelgroep passen."]
    }


def test_a_questionnaire_without_questions_is_refused_by_name(world):
    empty = Questionnaire.objects.create(title="Leeg", audience=Audience.LEAD)
    assert refusal(world, {Audience.LEAD: empty}) == {
        "questionnaires": ["Vragenlijst “Leeg” heeft nog geen vragen."]
    }


def test_closing_before_opening_is_refused(world, short):
    message = refusal(world, {Audience.LEAD: short}, closes_on=TODAY - datetime.timedelta(days=1))
    assert message == {"closes_on": ["De sluitingsdatum moet op of na de startdatum liggen."]}


# --- starting ------------------------------------------------------------------------------


def test_an_own_questionnaire_is_sent_as_it_is_and_the_start_is_audited(world, short):
    wave = start(world, {Audience.LEAD: short})
    assert wave.wave_questionnaires.get().questionnaire == short
    entry = AuditEntry.objects.get(model="monitor.wave")
    assert (entry.actor, entry.summary) == (world.users["pos"], "meetronde met 1 uitnodigingen")
    assert wave.created_by == world.users["pos"] and wave.status == WaveStatus.OPEN


def test_the_invitation_mail_names_the_wave_the_link_and_the_closing_date(world, short):
    wave = start(world, {Audience.LEAD: short})
    [message] = mail.outbox
    invitation = wave.invitations.get()
    assert message.subject == "[Kapstok] Uitnodiging: Monitor"
    assert message.body.startswith("Beste Kees Kartrekker,")
    assert services.invitation_url(invitation) in message.body
    closes = (TODAY + datetime.timedelta(days=21)).strftime("%d-%m-%Y")
    assert f"sluit op {closes}" in message.body
    assert invitation.sent_at is not None


# --- adding one person -----------------------------------------------------------------------


def test_adding_someone_for_an_audience_without_questionnaire_is_refused(world, short):
    wave = start(world, {Audience.LEAD: short})
    with pytest.raises(ValidationError) as refused:
        services.invitation_add(
            wave=wave, office=world.office, audience=Audience.FACILITATOR, email="x@example.invalid"
        )
    assert refused.value.message_dict == {
        "audience": ["Deze meetronde heeft geen vragenlijst voor deze doelgroep."]
    }


def test_the_same_person_twice_is_refused_whatever_the_case_of_the_address(world, short):
    wave = start(world, {Audience.LEAD: short})
    with pytest.raises(ValidationError, match="al uitgenodigd voor dit kantoor"):
        services.invitation_add(
            wave=wave, office=world.office, audience=Audience.LEAD, email="KEES@example.invalid"
        )
    assert wave.invitations.count() == 1


def test_nobody_is_added_to_a_closed_wave(world, short):
    wave = start(world, {Audience.LEAD: short})
    wave = services.wave_close(wave=wave)
    with pytest.raises(ValidationError, match="Deze meetronde is gesloten."):
        services.invitation_add(
            wave=wave, office=world.office, audience=Audience.LEAD, email="nieuw@example.invalid"
        )


def test_someone_added_to_a_draft_wave_hears_when_it_opens(world, short):
    wave = start(world, {Audience.LEAD: short}, opens_on=TODAY + datetime.timedelta(days=2))
    extra = services.invitation_add(
        wave=wave,
        office=world.other_office,
        audience=Audience.LEAD,
        email="Sanne@Example.invalid",
        actor=world.users["pos"],
    )
    assert (extra.email, extra.sent_at) == ("sanne@example.invalid", None)
    assert mail.outbox == []
    assert world.other_office in wave.offices.all()  # the office joins the wave
    assert services.wave_open(wave=wave) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kees@example.invalid", "sanne@example.invalid"]


def test_the_invitation_form_refuses_a_bad_address_in_dutch(world, login, short):
    wave = start(world, {Audience.LEAD: short})
    response = login(world.users["pos"]).post(
        f"/onderzoek/monitor/meetrondes/{wave.pk}/uitnodigen/",
        {"office": world.office.pk, "audience": "lead", "email": "geen-adres"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Dit is geen geldig e-mailadres."]


# --- reminders and closing -------------------------------------------------------------------


def test_a_reminder_greets_someone_without_a_name_politely(world, short):
    wave = start(world, {Audience.LEAD: short})
    invitation = services.invitation_add(
        wave=wave, office=world.office, audience=Audience.LEAD, email="anoniem@example.invalid"
    )
    mail.outbox.clear()
    services.invitation_send(invitation=invitation, reminder=True)
    [message] = mail.outbox
    assert message.subject == "[Kapstok] Herinnering: uw antwoorden voor Monitor"
    assert message.body.startswith("Beste heer/mevrouw,")
    invitation.refresh_from_db()
    assert invitation.last_reminder_count == 1 and invitation.reminded_at is not None


def test_a_wave_that_is_not_open_sends_no_reminders(world, short):
    wave = start(world, {Audience.LEAD: short}, opens_on=TODAY + datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="Alleen een open meetronde"):
        services.wave_remind(wave=wave)


def test_reminders_wait_for_a_week_after_the_invitation(world, short):
    wave = start(world, {Audience.LEAD: short})
    sent = wave.invitations.get().sent_at
    assert services.reminders_send(now=sent + datetime.timedelta(days=6)) == 0
    assert services.reminders_send(now=sent + datetime.timedelta(days=7, minutes=1)) == 1


def test_a_started_but_unsubmitted_response_is_still_reminded(world, short):
    wave = start(world, {Audience.LEAD: short})
    invitation = wave.invitations.get()
    Response.objects.create(invitation=invitation)
    assert services.reminders_send(now=invitation.sent_at + datetime.timedelta(days=8)) == 1


def test_closing_by_hand_stores_a_snapshot_per_office_and_says_so(world, login, short):
    wave = start(world, {Audience.LEAD: short}, office_ids=[world.office.pk, world.other_office.pk])
    response = login(world.users["pos"]).post(
        f"/onderzoek/monitor/meetrondes/{wave.pk}/sluiten/", follow=True
    )
    assert "De meetronde is gesloten; de kengetallen zijn vastgelegd." in response.content.decode()
    assert Snapshot.objects.filter(wave=wave).count() == 2
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED and wave.closed_at is not None
    again = login(world.users["pos"]).post(
        f"/onderzoek/monitor/meetrondes/{wave.pk}/sluiten/", follow=True
    )
    assert "Deze meetronde is al gesloten." in again.content.decode()


def test_the_daily_job_reports_what_it_did(world, short):
    start(world, {Audience.LEAD: short}, opens_on=TODAY + datetime.timedelta(days=1))
    start(
        world,
        {Audience.LEAD: short},
        name="Oud",
        closes_on=TODAY + datetime.timedelta(days=1),
    )
    later = timezone.now() + datetime.timedelta(days=2)
    assert services.waves_run_daily(now=later) == (
        "1 meetrondes geopend, 1 gesloten, 0 herinneringen"
    )
