"""A support request from filing to rating: the status moves, the clocks, merging, who is told."""

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.support import services
from kapstok.support.models import Attachment, Message, Pause, Status, SupportOffer, SupportRequest

from .conftest import PDF

pytestmark = pytest.mark.django_db

LEGAL = {
    (Status.NEW, Status.IN_PROGRESS), (Status.NEW, Status.WAITING), (Status.NEW, Status.RESOLVED),
    (Status.NEW, Status.CLOSED), (Status.IN_PROGRESS, Status.WAITING),
    (Status.IN_PROGRESS, Status.RESOLVED), (Status.IN_PROGRESS, Status.CLOSED),
    (Status.WAITING, Status.IN_PROGRESS), (Status.WAITING, Status.RESOLVED),
    (Status.WAITING, Status.CLOSED), (Status.RESOLVED, Status.IN_PROGRESS),
    (Status.RESOLVED, Status.CLOSED),
}  # fmt: skip
MOVES = [(old, new) for old in Status.values for new in Status.values if old != new]


def new_request(world, category, **fields):
    return SupportRequest.objects.create(
        office=world.office, category=category, description="Hoe vinden we een penningmeester?",
        created_by=world.users["lead"], **fields,
    )  # fmt: skip


@pytest.mark.parametrize(("old", "new"), MOVES)
def test_every_status_move_is_allowed_or_refused_as_the_rules_say(world, category, old, new):
    request = new_request(world, category, status=old)
    if (old, new) in LEGAL:
        services.request_set_status(request=request, status=new, actor=world.users["pos"])
        request.refresh_from_db()
        assert request.status == new
    else:
        with pytest.raises(ValidationError) as refused:
            services.request_set_status(request=request, status=new, actor=world.users["pos"])
        assert refused.value.messages == [
            f"Van “{Status(old).label}” kan een vraag niet naar “{Status(new).label}”."
        ]
        request.refresh_from_db()
        assert request.status == old


def test_reopening_a_resolved_request_clears_its_resolution(world, category):
    request = new_request(world, category)
    services.request_set_status(request=request, status=Status.RESOLVED, actor=None)
    assert request.resolved_at is not None
    services.request_set_status(request=request, status=Status.IN_PROGRESS, actor=None)
    request.refresh_from_db()
    assert request.resolved_at is None


def test_each_wait_for_the_office_is_its_own_pause(world, category):
    request = new_request(world, category, status=Status.IN_PROGRESS)
    for _round in range(2):
        services.request_set_status(request=request, status=Status.WAITING, actor=None)
        services.message_post(
            request=request, author=world.users["lead"], body="Hier", handler=False
        )
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS
    pauses = list(Pause.objects.filter(request=request))
    assert len(pauses) == 2 and all(pause.ended_at for pause in pauses)


def test_the_office_writing_to_a_new_request_leaves_it_new(world, category):
    request = new_request(world, category)
    services.message_post(
        request=request, author=world.users["lead"], body="Nog iets", handler=False
    )
    request.refresh_from_db()
    assert (request.status, request.first_response_at) == (Status.NEW, None)


def test_only_the_first_public_answer_counts_as_the_first_response(world, category):
    request = new_request(world, category)
    pos = world.users["pos"]
    services.message_post(request=request, author=pos, body="Intern", handler=True, internal=True)
    request.refresh_from_db()
    assert request.first_response_at is None and request.status == Status.NEW
    services.message_post(request=request, author=pos, body="Antwoord", handler=True)
    request.refresh_from_db()
    first = request.first_response_at
    services.message_post(request=request, author=pos, body="Aanvulling", handler=True)
    request.refresh_from_db()
    assert request.first_response_at == first and request.status == Status.IN_PROGRESS


def test_an_empty_message_is_refused_at_its_field(world, category):
    request = new_request(world, category)
    with pytest.raises(ValidationError) as refused:
        services.message_post(request=request, author=world.users["lead"], body="  ", handler=False)
    assert refused.value.message_dict == {"body": ["Schrijf een bericht."]}
    assert not Message.objects.exists()


# --- merging -------------------------------------------------------------------------------------


def test_merging_moves_attachments_tells_the_story_and_closes_the_duplicate(world, category):
    keep, duplicate = new_request(world, category), new_request(world, category)
    services.request_file(
        request=duplicate,
        files=[SimpleUploadedFile("statuten.pdf", PDF, content_type="application/pdf")],
        actor=world.users["lead"],
    )
    services.request_merge(request=duplicate, into=keep, actor=world.users["pos"])
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.CLOSED, keep)
    assert Attachment.objects.get().request == keep
    story = Message.objects.get(request=keep)
    assert story.body.startswith(f"Vraag #{duplicate.pk} is hiermee samengevoegd:")
    with pytest.raises(ValidationError, match="Deze vraag is gesloten"):
        services.message_post(
            request=duplicate, author=world.users["lead"], body="x", handler=False
        )


@pytest.mark.parametrize("target", ["itself", "merged"])
def test_a_request_cannot_merge_into_itself_or_into_a_merged_one(world, category, target):
    request, other = new_request(world, category), new_request(world, category)
    if target == "itself":
        into = request
    else:
        services.request_merge(request=other, into=new_request(world, category), actor=None)
        into = other
    with pytest.raises(ValidationError, match="hetzelfde kantoor"):
        services.request_merge(request=request, into=into, actor=None)
    request.refresh_from_db()
    assert request.merged_into is None and request.status == Status.NEW


# --- rating --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_is_one_to_five(world, category, rating):
    request = new_request(world, category)
    services.request_set_status(request=request, status=Status.RESOLVED, actor=None)
    with pytest.raises(ValidationError, match="Kies een cijfer van 1 tot en met 5."):
        services.request_rate(request=request, rating=rating)
    request.refresh_from_db()
    assert request.rating is None


def test_a_request_closed_without_a_solution_cannot_be_rated(world, category):
    request = new_request(world, category)
    services.request_set_status(request=request, status=Status.CLOSED, actor=None)
    with pytest.raises(ValidationError, match="zodra hij is opgelost"):
        services.request_rate(request=request, rating=4)


def test_a_resolved_then_closed_request_can_still_be_rated(world, category):
    request = new_request(world, category)
    services.request_set_status(request=request, status=Status.RESOLVED, actor=None)
    services.request_set_status(request=request, status=Status.CLOSED, actor=None)
    assert services.request_rate(request=request, rating=5).rating == 5


# --- handling and who is told --------------------------------------------------------------------


def test_offer_and_no_offer_together_change_nothing(world, category):
    request = new_request(world, category)
    offer = SupportOffer.objects.create(category=category, service="Advies", delivered_by="POS")
    with pytest.raises(ValidationError, match="niet allebei"):
        services.request_handle(
            request=request, status=Status.IN_PROGRESS, assignee=world.users["pos"], partner=None,
            offer=offer, no_offer=True, actor=world.users["pos"],
        )  # fmt: skip
    request.refresh_from_db()
    assert (request.assignee, request.offer, request.status) == (None, None, Status.NEW)


def handle(request, actor, **changes):
    fields = {"status": request.status, "assignee": request.assignee, "partner": request.partner,
              "offer": None, "no_offer": False} | changes  # fmt: skip
    services.request_handle(request=request, actor=actor, **fields)


def test_taking_a_request_yourself_sends_no_mail(
    world, category, django_capture_on_commit_callbacks
):
    request = new_request(world, category)
    with django_capture_on_commit_callbacks(execute=True):
        handle(request, world.users["pos"], assignee=world.users["pos"])
    assert mail.outbox == []


def test_a_partner_without_assignee_hears_through_its_staff(
    world, category, django_capture_on_commit_callbacks
):
    request = new_request(world, category)
    with django_capture_on_commit_callbacks(execute=True):
        handle(request, world.users["pos"], partner=world.partner)
    assert [m.to for m in mail.outbox] == [["paula@example.invalid"]]
    assert mail.outbox[0].subject == "[Kapstok] Vraag aan u toegewezen"


def test_a_new_request_reaches_active_pos_staff_only(
    world, category, django_capture_on_commit_callbacks
):
    grant_role(
        user=UserFactory(email="oud-pos@example.invalid", is_active=False), role=Role.POS_STAFF
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_file(
            request=SupportRequest(office=world.office, category=category, description="Vraag"),
            actor=world.users["lead"],
        )
    [message] = mail.outbox
    assert message.to == ["pos@example.invalid"]
    assert "Kantoor Utrecht, rechtsvorm." in message.body


def test_the_office_is_told_when_its_request_is_resolved(
    world, category, django_capture_on_commit_callbacks
):
    request = new_request(world, category)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_set_status(request=request, status=Status.RESOLVED, actor=None)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["kees@example.invalid"], "[Kapstok] Uw vraag is opgelost")
    ]
