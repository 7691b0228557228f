"""The request pages: what each side sees, and every form with bad input keeping what was typed."""

import pytest

from kapstok.support.models import Category, Message, SavedReply, Status, SupportRequest

pytestmark = pytest.mark.django_db


def url(request, tail=""):
    return f"/netwerk/ondersteuning/vragen/{request.pk}/{tail}"


@pytest.fixture
def conversation(world, support_request):
    Message.objects.create(
        request=support_request, author=world.users["pos"], body="Zichtbaar antwoord",
        from_handler=True,
    )  # fmt: skip
    Message.objects.create(
        request=support_request, author=world.users["pos"], body="Alleen voor ons",
        from_handler=True, internal=True,
    )  # fmt: skip
    return support_request


@pytest.mark.parametrize(("persona", "sees_note", "handles"), [
    ("pos", True, True), ("lead", False, False), ("member", False, False),
])  # fmt: skip
def test_the_office_reads_the_conversation_without_the_handlers_notes(
    world, login, conversation, persona, sees_note, handles
):
    page = login(world.users[persona]).get(url(conversation))
    html = page.content.decode()
    assert "Zichtbaar antwoord" in html
    assert ("Alleen voor ons" in html) is sees_note
    assert page.context["handler"] is handles
    assert ("internal" in page.context["message_form"].fields) is handles


def test_an_empty_reply_is_refused_and_the_page_shows_why(world, login, support_request):
    response = login(world.users["lead"]).post(url(support_request, "reageren/"), {"body": " "})
    assert response.status_code == 400
    assert response.context["message_form"].errors["body"] == ["Schrijf een bericht."]
    assert not Message.objects.exists()


def test_merging_with_a_request_the_handler_cannot_see_is_refused(world, login, support_request):
    response = login(world.users["pos"]).post(url(support_request, "samenvoegen/"), {"into": 99999})
    assert response.status_code == 400
    assert "Vraag #99999 bestaat niet." in response.content.decode()
    support_request.refresh_from_db()
    assert support_request.merged_into is None


def test_the_office_cannot_merge_or_handle(world, login, support_request, category):
    other = SupportRequest.objects.create(office=world.office, category=category, description="2")
    lead = login(world.users["lead"])
    assert lead.post(url(support_request, "samenvoegen/"), {"into": other.pk}).status_code == 403
    assert lead.post(url(support_request, "behandelen/"), {"status": "closed"}).status_code == 403
    support_request.refresh_from_db()
    assert (support_request.status, support_request.merged_into) == (Status.NEW, None)


def test_pos_cannot_rate_for_the_office(world, login, support_request):
    support_request.status, support_request.resolved_at = (
        Status.RESOLVED,
        support_request.created_at,
    )
    support_request.save()
    assert (
        login(world.users["pos"])
        .post(url(support_request, "beoordelen/"), {"rating": 5})
        .status_code
        == 403
    )
    support_request.refresh_from_db()
    assert support_request.rating is None


def test_the_rating_question_appears_once_the_request_is_resolved(world, login, support_request):
    lead = login(world.users["lead"])
    assert not lead.get(url(support_request)).context["can_rate"]
    support_request.status, support_request.resolved_at = (
        Status.RESOLVED,
        support_request.created_at,
    )
    support_request.save()
    assert lead.get(url(support_request)).context["can_rate"]
    lead.post(url(support_request, "beoordelen/"), {"rating": 4})
    assert not lead.get(url(support_request)).context["can_rate"]


def test_a_rating_outside_the_scale_is_refused_on_the_page(world, login, support_request):
    support_request.status, support_request.resolved_at = (
        Status.RESOLVED,
        support_request.created_at,
    )
    support_request.save()
    response = login(world.users["lead"]).post(url(support_request, "beoordelen/"), {"rating": 9})
    assert response.status_code == 400
    support_request.refresh_from_db()
    assert support_request.rating is None


def test_the_new_request_form_offers_only_active_categories(world, login, category):
    Category.objects.create(name="opgeheven onderwerp", active=False)
    page = login(world.users["lead"]).get("/netwerk/ondersteuning/kantoor/kantoor-utrecht/nieuw/")
    names = [c.name for c in page.context["form"].fields["category"].queryset]
    assert "opgeheven onderwerp" not in names and "rechtsvorm" in names


def test_an_office_lists_only_its_own_requests(world, login, category):
    SupportRequest.objects.create(office=world.office, category=category, description="Eigen")
    SupportRequest.objects.create(office=world.other_office, category=category, description="Ander")
    page = login(world.users["member"]).get("/netwerk/ondersteuning/kantoor/kantoor-utrecht/")
    assert [c.request.description for c in page.context["clocks"]] == ["Eigen"]


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant"])
def test_the_queue_is_for_handlers(world, login, persona):
    assert login(world.users[persona]).get("/netwerk/ondersteuning/").status_code == 403


def test_a_handlers_status_move_that_is_not_allowed_is_shown_on_the_page(
    world, login, support_request
):
    support_request.status = Status.CLOSED
    support_request.save()
    response = login(world.users["pos"]).post(
        url(support_request, "behandelen/"), {"status": Status.IN_PROGRESS}
    )
    assert response.status_code == 400
    assert "Van “gesloten” kan een vraag niet naar “in behandeling”." in response.content.decode()


def test_saved_replies_are_offered_to_handlers_only(world, login, support_request):
    SavedReply.objects.create(title="Statuten", body="Kijk eens naar de modelstatuten.")
    assert len(login(world.users["pos"]).get(url(support_request)).context["saved_replies"]) == 1
    assert list(login(world.users["lead"]).get(url(support_request)).context["saved_replies"]) == []
