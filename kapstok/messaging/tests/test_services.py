"""Writing, approving and delivering messages through an office, as the services do it."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.messaging import services
from kapstok.messaging.models import (
    Delivery,
    DeliveryStatus,
    MessageStatus,
    OfficeMessage,
    OptOut,
    SenderKind,
)
from kapstok.network.models import OfficeEvent
from kapstok.trust.models import OutboxMessage

PDF = b"%PDF-1.4\n% regeling\n"


def compose(world, persona="civil_servant", **kwargs):
    user = world.users[persona]
    defaults = {"subject": "Word een vereniging", "body": "Dan kunnen wij u een opdracht geven."}
    return services.message_compose(
        office=world.office,
        viewer=viewer_for(user),
        author=user,
        **(defaults | kwargs),
    )


def test_municipality_message_waits_for_the_lead_and_reaches_nobody(world, members, send_now):
    message = send_now(compose, world=world)
    assert message.status == MessageStatus.PENDING
    assert message.sender_kind == SenderKind.MUNICIPALITY
    assert message.sender_label == "Gemeente Utrecht"
    assert not Delivery.objects.exists()
    # Only the lead hears about it: a request for approval, no member mail.
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]
    assert "Goedkeuring gevraagd" in mail.outbox[0].subject


def test_lead_approval_delivers_to_every_member_one_mail_each(world, members, send_now):
    message = send_now(compose, world=world)
    mail.outbox.clear()
    send_now(services.message_approve, message=message, actor=world.users["lead"])
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.decided_by == world.users["lead"]
    statuses = dict(Delivery.objects.values_list("entrepreneur__business_name", "status"))
    assert statuses == {
        "Yoga Marieke": DeliveryStatus.SENT,
        "Gym Henk": DeliveryStatus.SENT,
        "Padel Piet": DeliveryStatus.SENT,
        # No business address, but Stille Studio has no account either: in Kapstok only.
        "Stille Studio": DeliveryStatus.IN_APP,
    }
    assert sorted(len(m.to) for m in mail.outbox) == [1, 1, 1]
    for sent in mail.outbox:
        assert "/afmelden/" in sent.body
        assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
        assert sent.subject == "[Kantoor Utrecht] Word een vereniging"
    summaries = list(
        OfficeEvent.objects.filter(office=world.office).values_list("summary", flat=True)
    )
    assert any("goedgekeurd" in s for s in summaries)
    assert any("verstuurd via het kantoor" in s for s in summaries)


def test_member_without_business_address_is_mailed_at_their_account(world, members, send_now):
    world.member_entrepreneur.email = ""
    world.member_entrepreneur.save()
    send_now(compose, world=world, persona="lead")
    assert any(m.to == ["marieke@example.invalid"] for m in mail.outbox)


def test_an_approved_message_cannot_be_approved_again(world, members, send_now):
    message = send_now(compose, world=world)
    send_now(services.message_approve, message=message, actor=world.users["lead"])
    with pytest.raises(ValidationError, match="al beslist"):
        services.message_approve(message=message, actor=world.users["lead"])


def test_rejection_needs_a_reason_and_sends_nothing(world, members, send_now):
    message = send_now(compose, world=world)
    with pytest.raises(ValidationError) as error:
        services.message_reject(message=message, actor=world.users["lead"], reason="  ")
    assert "reason" in error.value.error_dict
    services.message_reject(message=message, actor=world.users["lead"], reason="Niet nu.")
    message.refresh_from_db()
    assert (message.status, message.rejection_reason) == (MessageStatus.REJECTED, "Niet nu.")
    assert not Delivery.objects.exists()


def test_lead_and_pos_messages_go_out_at_once(world, members, send_now):
    by_lead = send_now(compose, world=world, persona="lead")
    by_pos = send_now(compose, world=world, persona="pos")
    assert (by_lead.sender_kind, by_lead.status) == (SenderKind.OFFICE, MessageStatus.SENT)
    assert (by_pos.sender_kind, by_pos.status) == (SenderKind.POS, MessageStatus.SENT)
    assert Delivery.objects.count() == 8


def test_pos_can_let_municipality_messages_skip_the_lead(world, members, send_now):
    services.auto_approve_set(office=world.office, enabled=True, actor=world.users["pos"])
    message = send_now(compose, world=world)
    assert message.status == MessageStatus.SENT
    assert message.decided_by is None
    assert Delivery.objects.filter(message=message).count() == 4


def test_opt_out_per_sender_is_honoured(world, members, send_now):
    services.opt_out_set(
        entrepreneur=members["gym"],
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
        opted_out=True,
    )
    services.auto_approve_set(office=world.office, enabled=True, actor=world.users["pos"])
    mail.outbox.clear()
    from_municipality = send_now(compose, world=world)
    gym = Delivery.objects.get(message=from_municipality, entrepreneur=members["gym"])
    assert gym.status == DeliveryStatus.OPTED_OUT
    assert not any(members["gym"].email in m.to for m in mail.outbox)
    # Opting out of the municipality is not opting out of the office.
    from_office = send_now(compose, world=world, persona="lead")
    gym = Delivery.objects.get(message=from_office, entrepreneur=members["gym"])
    assert gym.status == DeliveryStatus.SENT


def test_selection_by_branch_reaches_only_those_members(world, members, send_now):
    message = send_now(compose, world=world, persona="lead", branches=[world.padel])
    reached = set(Delivery.objects.filter(message=message).values_list("entrepreneur", flat=True))
    assert reached == {members["padel"].pk}


def test_an_empty_selection_is_refused_in_dutch(world, members):
    golf_branch = members["padel"].branches.model.objects.create(
        slug="golf", name="Golf", group="equestrian_golf"
    )
    with pytest.raises(ValidationError) as error:
        compose(world, branches=[golf_branch])
    assert "geen leden in deze selectie" in str(error.value.error_dict["branches"])
    assert not OfficeMessage.objects.exists()


def test_rate_limit_per_sender_and_office(world, members, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 2
    compose(world)
    compose(world)
    with pytest.raises(ValidationError, match="afgelopen 7 dagen al 2 berichten"):
        compose(world)
    # Another sender to the same office has its own allowance.
    compose(world, persona="lead")
    assert OfficeMessage.objects.count() == 3


def test_rate_limit_frees_up_after_seven_days_and_ignores_rejected(world, members, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    long_ago = timezone.now() - datetime.timedelta(days=8)
    compose(world, now=long_ago)
    first = compose(world)
    services.message_reject(message=first, actor=world.users["lead"], reason="Nee.")
    compose(world)
    assert OfficeMessage.objects.count() == 3


def test_a_disallowed_attachment_stores_nothing(world, members):
    exe = SimpleUploadedFile("regeling.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError, match="geen PDF-"):
        compose(world, files=[exe])
    assert not OfficeMessage.objects.exists()


def test_attachments_travel_with_every_mail(world, members, send_now):
    pdf = SimpleUploadedFile("regeling.pdf", PDF, content_type="application/pdf")
    send_now(compose, world=world, persona="lead", files=[pdf])
    assert mail.outbox
    for sent in mail.outbox:
        assert [(name, content) for name, content, _type in sent.attachments] == [
            ("regeling.pdf", PDF)
        ]


def test_unsubscribe_stops_messages_of_that_sender(world, members, send_now):
    message = send_now(compose, world=world, persona="lead")
    delivery = Delivery.objects.get(message=message, entrepreneur=members["padel"])
    found = services.delivery_from_token(services.unsubscribe_token(delivery))
    assert found == delivery
    services.unsubscribe(delivery=found)
    assert OptOut.objects.filter(
        entrepreneur=members["padel"], office=world.office, sender_kind=SenderKind.OFFICE
    ).exists()
    delivery.refresh_from_db()
    assert delivery.unsubscribed_at is not None


def test_a_tampered_token_finds_nothing(world, members, send_now):
    message = send_now(compose, world=world, persona="lead")
    token = services.unsubscribe_token(message.deliveries.first())
    assert services.delivery_from_token(token[:-2] + "xx") is None


class RefusingBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("mail server down")

    def close(self):
        pass


def test_mail_the_server_refused_counts_as_not_delivered_until_a_retry(
    world, members, send_now, settings
):
    settings.EMAIL_BACKEND = "kapstok.trust.mail.OutboxFallbackBackend"
    settings.KAPSTOK_MAIL_BACKEND = f"{__name__}.RefusingBackend"
    message = send_now(compose, world=world, persona="lead")
    statuses = list(message.deliveries.values_list("status", flat=True))
    assert statuses.count(DeliveryStatus.BOUNCED) == 3
    assert OutboxMessage.objects.count() == 3
    # The outbox gets it out later: the delivery counts as sent again.
    OutboxMessage.objects.update(sent_at=timezone.now())
    assert services.deliveries_sync_outbox() == 3
    assert not message.deliveries.filter(status=DeliveryStatus.BOUNCED).exists()


def test_other_offices_cannot_be_written_to_by_the_municipality(world, members):
    user = world.users["civil_servant"]
    with pytest.raises(ValidationError):
        services.message_compose(
            office=world.other_office,
            viewer=viewer_for(user),
            author=user,
            subject="x",
            body="y",
        )


def test_the_scheduler_keeps_delivery_statuses_in_step_with_the_outbox(world, members, send_now):
    from kapstok.home.scheduler import JOBS

    message = send_now(compose, world=world, persona="lead")
    delivery = message.deliveries.filter(status=DeliveryStatus.SENT).first()
    OutboxMessage.objects.create(
        subject="x", to=["a@example.invalid"], headers={services.DELIVERY_HEADER: str(delivery.pk)}
    )
    [job] = [job for job in JOBS if job.name == "message_deliveries"]
    assert job.run() == "1 afleveringen van berichten bijgewerkt"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.BOUNCED


def test_the_timeline_does_not_show_a_waiting_message_to_members(world, members, send_now):
    send_now(compose, world=world, subject="Geheim plan van de wethouder")
    summaries = " ".join(OfficeEvent.objects.values_list("summary", flat=True))
    assert "wacht op goedkeuring" in summaries
    assert "Geheim plan" not in summaries


def test_an_office_without_members_says_so(world):
    world.member_entrepreneur.memberships.update(left_on="2024-01-01")
    with pytest.raises(ValidationError, match="Dit kantoor heeft nog geen leden"):
        compose(world, persona="lead")
