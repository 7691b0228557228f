"""The rules of positions, seats and outcomes won, service by service."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kapstok.influence import documents, services
from kapstok.influence.factories import (
    AchievementFactory,
    EndorsementFactory,
    PositionFactory,
    SeatFactory,
)
from kapstok.influence.models import Achievement, Endorsement, Outcome, Position, PositionStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import Body, BodyKind, OfficeEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% raadsbesluit\n"


def body_in(municipality, name="Sportraad"):
    body = Body.objects.create(name=name, kind=BodyKind.SPORT_COUNCIL)
    body.municipalities.set([municipality])
    return body


# --- drafting ------------------------------------------------------------------------------


def test_a_new_concept_records_who_wrote_it(world):
    position = Position(office=world.office, title="T", body="B", municipality=world.utrecht)
    services.position_save(position=position, actor=world.users["lead"])
    position.refresh_from_db()
    assert (position.status, position.created_by) == ("concept", world.users["lead"])


def test_editing_keeps_the_original_author(world):
    position = PositionFactory(office=world.office, created_by=world.users["lead"])
    position.title = "Scherper"
    services.position_save(position=position, actor=world.users["pos"])
    position.refresh_from_db()
    assert (position.title, position.created_by) == ("Scherper", world.users["lead"])


def test_a_position_to_another_offices_municipality_is_refused(world):
    position = Position(office=world.office, title="T", body="B", municipality=world.zwolle)
    with pytest.raises(ValidationError) as refused:
        services.position_save(position=position, actor=None)
    assert refused.value.message_dict == {"municipality": ["Kies een gemeente van dit kantoor."]}
    assert not Position.objects.exists()


def test_a_position_to_a_body_elsewhere_is_refused(world):
    elsewhere = body_in(world.zwolle, "Sportraad Zwolle")
    position = Position(office=world.office, title="T", body="B", addressed_body=elsewhere)
    with pytest.raises(ValidationError) as refused:
        services.position_save(position=position, actor=None)
    assert refused.value.message_dict == {
        "addressed_body": ["Kies een orgaan in de gemeente van dit kantoor."]
    }


def test_a_position_to_a_local_body_is_accepted(world):
    council = body_in(world.utrecht)
    position = Position(office=world.office, title="T", body="B", addressed_body=council)
    services.position_save(position=position, actor=None)
    assert position.addressee == council
    assert position.addressee_label == "Sportraad"


def test_the_addressee_label_of_a_municipality_names_it(world):
    position = PositionFactory(office=world.office)
    assert position.addressee_label == "gemeente Utrecht"


def test_an_open_position_can_no_longer_be_edited(world):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    position.title = "Anders"
    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        services.position_save(position=position, actor=None)
    position.refresh_from_db()
    assert position.title != "Anders"


def test_only_a_concept_can_be_opened(world):
    position = PositionFactory(office=world.office)
    services.position_open(position=position, actor=None)
    position.refresh_from_db()
    assert position.status == PositionStatus.OPEN
    assert position.opened_at is not None
    with pytest.raises(ValidationError, match="Alleen een concept"):
        services.position_open(position=position, actor=None)


# --- endorsing -----------------------------------------------------------------------------


def test_a_former_member_cannot_endorse(world):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    former = EntrepreneurFactory(municipality=world.utrecht)
    MembershipFactory(
        office=world.office,
        entrepreneur=former,
        joined_on=datetime.date(2023, 1, 1),
        left_on=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="Alleen leden van dit kantoor"):
        services.position_endorse(
            position=position, entrepreneur_id=former.pk, actor=None, show_name=True
        )
    assert not Endorsement.objects.exists()
    assert services.endorsing_entrepreneur(position=position, entrepreneur_ids={former.pk}) is None


def test_endorsing_again_changes_only_the_consent(world):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    member = world.member_entrepreneur
    for show in (True, False, True):
        services.position_endorse(
            position=position, entrepreneur_id=member.pk, actor=None, show_name=show
        )
    endorsement = Endorsement.objects.get()
    assert endorsement.show_name is True


def test_the_endorsing_entrepreneur_is_the_one_that_is_a_member_here(world):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    ids = {world.other_entrepreneur.pk, world.member_entrepreneur.pk}
    found = services.endorsing_entrepreneur(position=position, entrepreneur_ids=ids)
    assert found == world.member_entrepreneur.pk


def test_a_sent_position_keeps_its_endorsements(world):
    position = PositionFactory(office=world.office, status=PositionStatus.SENT)
    EndorsementFactory(position=position, entrepreneur=world.member_entrepreneur)
    with pytest.raises(ValidationError, match="uw steun staat erin"):
        services.position_withdraw(position=position, entrepreneur_id=world.member_entrepreneur.pk)
    assert position.endorsements.count() == 1


def test_the_summary_counts_everyone_and_names_only_who_agreed(world):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    for name, show in [("Zwemschool Zee", True), ("Anoniem", False), ("Atletiek Aa", True)]:
        EndorsementFactory(
            position=position, entrepreneur=EntrepreneurFactory(business_name=name), show_name=show
        )
    summary = documents.endorsement_summary(position)
    assert (summary.count, summary.names, summary.unnamed) == (
        3,
        ["Atletiek Aa", "Zwemschool Zee"],
        1,
    )


# --- sending -------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_sending_records_who_when_where_and_lands_on_the_timeline(world, media):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN, title="Zaalhuur")
    EndorsementFactory(position=position, entrepreneur=world.member_entrepreneur)
    services.position_send(
        position=position, recipient_email="sport@utrecht.invalid", actor=world.users["lead"]
    )
    position.refresh_from_db()
    assert (position.status, position.sent_to, position.sent_by) == (
        "sent",
        "sport@utrecht.invalid",
        world.users["lead"],
    )
    assert position.recipient_email == "sport@utrecht.invalid"
    [email] = mail.outbox
    assert email.subject == "Standpunt van Kantoor Utrecht: Zaalhuur"
    assert "gesteund door 1 aangesloten sportondernemers" in email.body
    assert email.reply_to == [world.office.contact_email]
    event = OfficeEvent.objects.get(office=world.office)
    assert event.summary == "Standpunt verstuurd: Zaalhuur"


def test_sending_needs_a_recipient(world, media):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    with pytest.raises(ValidationError) as refused:
        services.position_send(position=position, recipient_email="", actor=None)
    assert refused.value.message_dict == {
        "recipient_email": ["Vul het e-mailadres van de ontvanger in."]
    }
    assert not mail.outbox


def test_a_position_is_sent_only_once(world, media):
    position = PositionFactory(office=world.office, status=PositionStatus.OPEN)
    services.position_send(
        position=position, recipient_email="a@b.nl", actor=None, confirm_empty=True
    )
    with pytest.raises(ValidationError, match="al verstuurd"):
        services.position_send(
            position=position, recipient_email="c@d.nl", actor=None, confirm_empty=True
        )
    assert len(mail.outbox) == 1


def test_a_concept_may_be_sent_straight_away(world, media):
    position = PositionFactory(office=world.office)
    services.position_send(
        position=position, recipient_email="a@b.nl", actor=None, confirm_empty=True
    )
    position.refresh_from_db()
    assert position.status == PositionStatus.SENT
    assert position.endorsements_at_sending == 0


def test_the_pdf_file_name_carries_the_title_and_the_day(world):
    position = PositionFactory(office=world.office, title="Eén zaal voor iedereen!")
    position.sent_at = datetime.datetime(2026, 3, 16, 12, tzinfo=datetime.UTC)
    assert documents.pdf_filename(position) == "standpunt-een-zaal-voor-iedereen-2026-03-16.pdf"
    position.title = "!!!"
    assert documents.pdf_filename(position).startswith(f"standpunt-{position.pk}-")


# --- answers -------------------------------------------------------------------------------


def sent_position(world, sent_on=datetime.date(2026, 3, 2)):
    return PositionFactory(
        office=world.office,
        status=PositionStatus.SENT,
        sent_at=timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(10))),
    )


def test_an_answer_before_sending_is_impossible(world):
    with pytest.raises(ValidationError, match="pas worden vastgelegd"):
        services.position_answer_record(
            position=PositionFactory(office=world.office, status=PositionStatus.OPEN),
            outcome=Outcome.ADOPTED,
            answered_on=datetime.date(2026, 3, 3),
        )


def test_an_answer_needs_the_day_it_came(world):
    with pytest.raises(ValidationError) as refused:
        services.position_answer_record(position=sent_position(world), outcome=Outcome.REJECTED)
    assert refused.value.message_dict == {
        "answered_on": ["Vul in wanneer het antwoord binnenkwam."]
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answered_on": datetime.date(2026, 3, 1)}, "Het antwoord kan niet eerder zijn"),
        (
            {"answered_on": datetime.date(2026, 3, 5), "outcome_on": datetime.date(2026, 2, 1)},
            "De uitkomst kan niet eerder zijn",
        ),
    ],
)
def test_answers_and_outcomes_cannot_predate_the_sending(world, fields, message):
    position = sent_position(world)
    with pytest.raises(ValidationError, match=message):
        services.position_answer_record(position=position, outcome=Outcome.ADOPTED, **fields)
    position.refresh_from_db()
    assert (position.status, position.outcome) == ("sent", "")


def test_an_answer_on_the_day_of_sending_is_fine(world):
    position = services.position_answer_record(
        position=sent_position(world),
        outcome=Outcome.ADOPTED,
        answered_on=datetime.date(2026, 3, 2),
    )
    assert position.status == PositionStatus.ANSWERED


def test_no_answer_after_an_answer_puts_the_position_back_at_sent(world):
    position = services.position_answer_record(
        position=sent_position(world), outcome=Outcome.PARTLY, answered_on=datetime.date(2026, 3, 9)
    )
    services.position_answer_record(position=position, outcome=Outcome.NO_ANSWER)
    position.refresh_from_db()
    assert (position.status, position.outcome, position.answered_on) == (
        "sent",
        "no_answer",
        None,
    )


# --- seats and outcomes --------------------------------------------------------------------


def test_a_seat_takes_the_kind_of_its_body(world):
    core_team = Body.objects.create(name="Kernteam", kind=BodyKind.CORE_TEAM)
    seat = SeatFactory.build(office=world.office, body=core_team, kind=BodyKind.SPORT_COUNCIL)
    services.seat_save(seat=seat)
    seat.refresh_from_db()
    assert seat.kind == BodyKind.CORE_TEAM


def test_a_seat_may_end_on_the_day_it_starts(world):
    seat = SeatFactory.build(
        office=world.office,
        started_on=datetime.date(2025, 1, 1),
        ended_on=datetime.date(2025, 1, 1),
    )
    services.seat_save(seat=seat)
    assert seat.pk is not None


def test_a_seat_is_current_until_its_last_day():
    today = timezone.localdate()
    assert SeatFactory.build(ended_on=None).is_current
    assert SeatFactory.build(ended_on=today).is_current
    assert not SeatFactory.build(ended_on=today - datetime.timedelta(days=1)).is_current


def test_an_outcome_with_a_link_is_recorded_on_the_timeline(world):
    achievement = Achievement(
        office=world.office,
        title="Regeling open",
        achieved_on=datetime.date(2025, 5, 1),
        evidence_url="https://example.org/besluit",
    )
    services.achievement_save(achievement=achievement, actor=world.users["lead"])
    assert achievement.recorded_by == world.users["lead"]
    assert OfficeEvent.objects.get().summary == "Resultaat behaald: Regeling open"


def test_editing_an_outcome_adds_no_second_timeline_line(world):
    achievement = AchievementFactory(office=world.office)
    achievement.title = "Anders"
    services.achievement_save(achievement=achievement, actor=None)
    assert not OfficeEvent.objects.exists()


def test_an_uploaded_document_is_stored_under_our_own_name(world, media):
    achievement = Achievement(
        office=world.office, title="Besluit", achieved_on=datetime.date(2025, 5, 1)
    )
    upload = SimpleUploadedFile("../../raadsbesluit.pdf", PDF, content_type="application/pdf")
    services.achievement_save(achievement=achievement, upload=upload)
    achievement.refresh_from_db()
    assert achievement.evidence_file.name.endswith("bewijs.pdf")
    assert ".." not in achievement.evidence_file.name
    assert achievement.evidence_name == "raadsbesluit.pdf"  # shown as the download's name
    assert achievement.evidence_file.read() == PDF


def test_an_outcome_without_any_evidence_is_refused(world):
    achievement = Achievement(office=world.office, title="T", achieved_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="Voeg bewijs toe"):
        services.achievement_save(achievement=achievement)
    assert not Achievement.objects.exists()
    assert not OfficeEvent.objects.exists()
