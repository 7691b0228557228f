"""Waves: who is invited, the personal links by email, reminders, closing with snapshots."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.home.scheduler import JOBS
from kapstok.monitor import services
from kapstok.monitor.models import Audience, Invitation, Response, Snapshot, Wave, WaveStatus
from kapstok.network.factories import OfficeFactory, PartnerFactory
from kapstok.network.models import PartnerKind
from kapstok.strategy.factories import StrategySessionFactory
from kapstok.support.models import Category, SupportRequest


def new_wave(**fields):
    today = timezone.localdate()
    defaults = {"name": "Monitor", "year": today.year, "opens_on": today,
                "closes_on": today + datetime.timedelta(days=21)}  # fmt: skip
    return Wave(**defaults | fields)


def test_invitations_go_to_leads_municipality_and_partners(world, wave):
    invited = {(inv.office_id, inv.audience, inv.email) for inv in wave.invitations.all()}
    assert invited == {
        (world.office.pk, Audience.LEAD, "kees@example.invalid"),
        (world.office.pk, Audience.MUNICIPALITY, "gerrit@example.invalid"),
        (world.office.pk, Audience.FACILITATOR, "paula@example.invalid"),
        (world.other_office.pk, Audience.LEAD, "olga@example.invalid"),
    }
    assert wave.status == WaveStatus.OPEN


def test_a_sport_service_organisation_answers_as_the_municipality(world, templates):
    world.partner.kind = PartnerKind.SPORT_SERVICE
    world.partner.save()
    wave = services.wave_start(
        wave=new_wave(), office_ids=[world.office.pk],
        questionnaires={Audience.MUNICIPALITY: templates["municipality"]},
        actor=world.users["pos"],
    )  # fmt: skip
    assert set(wave.invitations.values_list("email", flat=True)) == {
        "gerrit@example.invalid",
        "paula@example.invalid",
    }


def test_each_invitee_gets_a_personal_link_by_email(wave, mailoutbox):
    assert len(mailoutbox) == 4
    tokens = set(wave.invitations.values_list("token", flat=True))
    assert len(tokens) == 4
    for mail in mailoutbox:
        [invitation] = Invitation.objects.filter(email=mail.to[0])
        assert f"/vragenlijst/{invitation.token}/" in mail.body
        assert "Uitnodiging: Monitor 2026" in mail.subject
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()


def test_a_wave_sends_copies_of_the_templates_never_the_templates(wave, templates):
    for link in wave.wave_questionnaires.select_related("questionnaire"):
        assert not link.questionnaire.is_template
        assert link.questionnaire.copied_from == templates[link.audience]
        assert link.questionnaire.questions.count() == templates[link.audience].questions.count()


def test_a_wave_with_no_recipients_is_refused_in_dutch(world, templates):
    lonely = OfficeFactory(name="Kantoor Zonder Mensen", slug="zonder-mensen")
    with pytest.raises(ValidationError) as error:
        services.wave_start(
            wave=new_wave(), office_ids=[lonely.pk],
            questionnaires={Audience.LEAD: templates["lead"]}, actor=world.users["pos"],
        )  # fmt: skip
    assert "Deze meetronde heeft geen ontvangers" in error.value.messages[0]
    assert not Wave.objects.exists()


def test_the_wave_form_shows_the_no_recipients_error(world, templates, client):
    lonely = OfficeFactory(name="Kantoor Zonder Mensen", slug="zonder-mensen")
    client.force_login(world.users["pos"])
    today = timezone.localdate()
    response = client.post(
        "/onderzoek/monitor/meetrondes/nieuw/",
        {
            "name": "Proef", "year": today.year, "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=7)).isoformat(),
            "offices": [lonely.pk], "questionnaire_lead": templates["lead"].pk,
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Deze meetronde heeft geen ontvangers" in response.content.decode()
    assert response.context["form"]["name"].value() == "Proef"  # nothing lost


def test_a_closing_date_in_the_past_is_refused(world, templates):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.wave_start(
            wave=new_wave(opens_on=yesterday - datetime.timedelta(days=3), closes_on=yesterday),
            office_ids=[world.office.pk], questionnaires={Audience.LEAD: templates["lead"]},
            actor=world.users["pos"],
        )  # fmt: skip
    assert error.value.message_dict["closes_on"] == ["De sluitingsdatum ligt in het verleden."]


def test_a_wave_starting_later_is_mailed_when_it_opens(world, templates, mailoutbox):
    later = timezone.localdate() + datetime.timedelta(days=3)
    wave = services.wave_start(
        wave=new_wave(opens_on=later, closes_on=later + datetime.timedelta(days=14)),
        office_ids=[world.office.pk], questionnaires={Audience.LEAD: templates["lead"]},
        actor=world.users["pos"],
    )  # fmt: skip
    assert wave.status == WaveStatus.DRAFT and not mailoutbox
    services.waves_run_daily(now=timezone.now() + datetime.timedelta(days=3))
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN and len(mailoutbox) == 1


def submit(invitation):
    Response.objects.create(invitation=invitation, submitted_at=timezone.now())


def test_reminders_go_only_to_those_who_have_not_submitted(world, wave, mailoutbox):
    submit(wave.invitations.get(email="kees@example.invalid"))
    Response.objects.create(invitation=wave.invitations.get(email="gerrit@example.invalid"))
    mailoutbox.clear()
    week_later = timezone.now() + datetime.timedelta(days=7, hours=1)
    assert services.reminders_send(now=week_later) == 3
    reminded = sorted(m.to[0] for m in mailoutbox)
    assert reminded == ["gerrit@example.invalid", "olga@example.invalid", "paula@example.invalid"]
    assert all("Herinnering" in m.subject for m in mailoutbox)
    # Not again the next day; again a week later; never more than three times.
    assert services.reminders_send(now=week_later + datetime.timedelta(days=1)) == 0
    for weeks in (2, 3, 4, 5):
        services.reminders_send(now=week_later + datetime.timedelta(weeks=weeks - 1, hours=1))
    assert set(wave.invitations.exclude(email="kees@example.invalid").values_list(
        "last_reminder_count", flat=True)) == {services.MAX_REMINDERS}  # fmt: skip
    assert wave.invitations.get(email="kees@example.invalid").last_reminder_count == 0


def test_the_reminder_button_reminds_non_respondents_once_a_day(world, wave, client, mailoutbox):
    submit(wave.invitations.get(email="kees@example.invalid"))
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=2))
    mailoutbox.clear()
    client.force_login(world.users["pos"])
    client.post(f"/onderzoek/monitor/meetrondes/{wave.pk}/herinneren/")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "gerrit@example.invalid", "olga@example.invalid", "paula@example.invalid"
    ]  # fmt: skip
    client.post(f"/onderzoek/monitor/meetrondes/{wave.pk}/herinneren/")
    assert len(mailoutbox) == 3  # a double click sends nothing more


def test_the_scheduler_closes_a_wave_after_its_closing_date(world, wave):
    assert "monitor_waves" in {job.name for job in JOBS}
    after = timezone.now() + datetime.timedelta(days=31)
    services.waves_run_daily(now=after)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED
    assert set(wave.snapshots.values_list("office_id", flat=True)) == {
        world.office.pk,
        world.other_office.pk,
    }


def test_closing_stores_the_platforms_indicators(world, wave):
    office = world.office
    goal = GoalFactory(office=office)
    strategy = StrategyFactory(goal=goal)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ProjectFactory(strategy=strategy, status="running", due_on=yesterday)  # late
    ProjectFactory(strategy=strategy, status="running", due_on=None)
    ProjectFactory(strategy=strategy, status="done", due_on=yesterday)
    ProjectFactory(strategy=strategy, status="stopped")  # does not count
    StrategySessionFactory(office=office, starts_at=timezone.now() - datetime.timedelta(days=9))
    StrategySessionFactory(office=office)  # still to come
    category, _ = Category.objects.get_or_create(name="rechtsvorm")
    SupportRequest.objects.create(
        office=office, category=category, description="Welke rechtsvorm?",
        created_by=world.users["lead"],
    )  # fmt: skip
    services.wave_close(wave=wave)
    indicators = Snapshot.objects.get(wave=wave, office=office).indicators
    assert indicators["members"] == 1
    assert indicators["phase"] in {"founded", "building", "strategy", "executing", "embedded"}
    assert indicators["phase_label"]
    assert indicators["goals"] == 1 and indicators["projects"] == 3
    assert indicators["pct_on_track"] == 67
    assert indicators["sessions_held"] == 1
    assert indicators["support_requests"] == 1 and indicators["support_open"] == 1
    assert indicators["median_first_response_days"] is None  # nobody answered yet
    assert indicators["representativeness"] is None  # no landscape imported
    other = Snapshot.objects.get(wave=wave, office=world.other_office).indicators
    assert other["projects"] == 0 and other["pct_on_track"] is None


def test_indicators_cost_the_same_for_many_offices(world, django_assert_max_num_queries):
    from kapstok.monitor.selectors import office_indicators

    offices = [OfficeFactory() for _ in range(12)]
    with django_assert_max_num_queries(25) as few:
        office_indicators([world.office.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        office_indicators([o.pk for o in offices] + [world.office.pk])


def test_a_closed_wave_cannot_be_closed_again(wave):
    services.wave_close(wave=wave)
    with pytest.raises(ValidationError, match="al gesloten"):
        services.wave_close(wave=wave)


def test_pos_adds_a_respondent_without_an_account(world, wave, client, mailoutbox):
    client.force_login(world.users["pos"])
    mailoutbox.clear()
    response = client.post(
        f"/onderzoek/monitor/meetrondes/{wave.pk}/uitnodigen/",
        {"office": world.office.pk, "audience": "municipality", "name": "Sanne Sportservice",
         "email": "sanne@example.invalid"},
    )  # fmt: skip
    assert response.status_code == 302
    assert wave.invitations.filter(email="sanne@example.invalid").exists()
    assert mailoutbox[0].to == ["sanne@example.invalid"]


def test_a_partner_without_staff_accounts_is_not_invited(world, templates):
    PartnerFactory(name="Adviesbureau Leeg", offices=[world.other_office])
    person = UserFactory(email="extra@example.invalid")
    grant_role(user=person, role=Role.LEAD, scope=world.other_office)
    wave = services.wave_start(
        wave=new_wave(), office_ids=[world.other_office.pk],
        questionnaires={Audience.LEAD: templates["lead"],
                        Audience.FACILITATOR: templates["facilitator"]},
        actor=world.users["pos"],
    )  # fmt: skip
    assert set(wave.invitations.values_list("audience", flat=True)) == {Audience.LEAD}
    assert wave.invitations.count() == 2


def test_erasing_a_person_blanks_their_invitations(world, wave):
    lead = world.users["lead"]
    assert services.invitations_anonymise(user=lead) == 1
    invitation = wave.invitations.get(respondent=lead)
    assert invitation.name == "" and "kees" not in invitation.email
