"""Handling: assignment, status, offer, merging duplicates and the rating."""

from django.core import mail

from kapstok.support.models import Message, Status, SupportOffer, SupportRequest


def _url(req, action=""):
    return f"/netwerk/ondersteuning/vragen/{req.pk}/{action}"


def test_pos_assigns_a_request_to_a_partner_who_then_sees_it(
    world, login, support_request, django_capture_on_commit_callbacks
):
    client = login(world.users["pos"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(support_request, "behandelen/"),
            {"status": "in_progress", "partner": world.partner.pk},
        )
    assert [m.to for m in mail.outbox] == [["paula@example.invalid"]]
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert (support_request.partner, support_request.status) == (world.partner, Status.IN_PROGRESS)
    assert login(world.users["partner"]).get(_url(support_request)).status_code == 200


def test_assigning_a_pos_colleague_mails_them(
    world, login, support_request, django_capture_on_commit_callbacks
):
    from kapstok.accounts.factories import UserFactory
    from kapstok.accounts.models import Role
    from kapstok.accounts.services import grant_role

    colleague = UserFactory(email="piet@example.invalid", full_name="Piet POS")
    grant_role(user=colleague, role=Role.POS_STAFF, scope=None)
    client = login(world.users["pos"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url(support_request, "behandelen/"), {"status": "new", "assignee": colleague.pk}
        )
    assert [m.to for m in mail.outbox] == [["piet@example.invalid"]]


def test_offer_and_no_offer_together_are_refused(world, login, support_request, category):
    offer = SupportOffer.objects.create(
        category=category, service="Rechtsvormadvies", delivered_by="POS", capacity_per_quarter=5
    )
    client = login(world.users["pos"])
    response = client.post(
        _url(support_request, "behandelen/"),
        {"status": "new", "offer": offer.pk, "no_offer": "on"},
    )
    assert response.status_code == 400
    support_request.refresh_from_db()
    assert support_request.offer is None


def test_illegal_status_move_is_refused_in_dutch(world, login, support_request):
    support_request.status = Status.CLOSED
    support_request.save()
    response = login(world.users["pos"]).post(
        _url(support_request, "behandelen/"), {"status": "new"}
    )
    assert "kan een vraag niet naar" in response.content.decode()


def test_merge_moves_the_duplicate_into_the_other_request(world, login, support_request, category):
    duplicate = SupportRequest.objects.create(
        office=world.office, category=category, description="Nogmaals: rechtsvorm?"
    )
    response = login(world.users["pos"]).post(
        _url(duplicate, "samenvoegen/"), {"into": support_request.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert (duplicate.merged_into, duplicate.status) == (support_request, Status.CLOSED)
    assert "Nogmaals: rechtsvorm?" in Message.objects.get(request=support_request).body


def test_merge_with_another_office_is_refused(world, login, support_request, category):
    other = SupportRequest.objects.create(
        office=world.other_office, category=category, description="Zwolle"
    )
    response = login(world.users["pos"]).post(
        _url(support_request, "samenvoegen/"), {"into": other.pk}
    )
    assert response.status_code == 400
    support_request.refresh_from_db()
    assert support_request.merged_into is None


def test_lead_rates_a_resolved_request(world, login, support_request):
    pos = login(world.users["pos"])
    pos.post(_url(support_request, "behandelen/"), {"status": "resolved"})
    client = login(world.users["lead"])
    assert client.post(_url(support_request, "beoordelen/"), {"rating": "4"}).status_code == 302
    support_request.refresh_from_db()
    assert support_request.rating == 4


def test_rating_an_open_request_is_refused(world, login, support_request):
    client = login(world.users["lead"])
    response = client.post(_url(support_request, "beoordelen/"), {"rating": "5"})
    assert response.status_code == 400
    support_request.refresh_from_db()
    assert support_request.rating is None


def test_saved_reply_fills_the_reply_form(world, login, support_request):
    from kapstok.support.models import SavedReply

    reply = SavedReply.objects.create(title="Rechtsvorm", body="Lees eerst onze gids.")
    page = login(world.users["pos"]).get(_url(support_request), {"antwoord": reply.pk})
    assert "Lees eerst onze gids.</textarea>" in page.content.decode()
    office_page = login(world.users["lead"]).get(_url(support_request), {"antwoord": reply.pk})
    assert "Lees eerst onze gids." not in office_page.content.decode()
