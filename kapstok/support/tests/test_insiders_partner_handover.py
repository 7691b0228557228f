"""Insiders: a support request goes only to partners assigned to its office.

Replays the finding: Paula Partner, handling a request of Kantoor Utrecht, handed it (with its
internal notes and attachments) to a partner that does not work for Utrecht, by posting
`partner=<id>` to `/netwerk/ondersteuning/vragen/<pk>/behandelen/`.
"""

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import PartnerFactory
from kapstok.support import services
from kapstok.support.models import Message, Status, SupportRequest


def _url(req, action=""):
    return f"/netwerk/ondersteuning/vragen/{req.pk}/{action}"


@pytest.fixture
def stranger(world):
    """A partner working for Kantoor Zwolle only, with a member of staff who would be mailed."""
    partner = PartnerFactory(name="Sportservice Elders", offices=[world.other_office])
    grant_role(
        user=UserFactory(email="elders@example.invalid"), role=Role.PARTNER_STAFF, scope=partner
    )
    return partner


@pytest.fixture
def with_paula(support_request, world):
    """The request is Paula's partner's, with an internal note."""
    support_request.partner = world.partner
    support_request.status = Status.IN_PROGRESS
    support_request.save()
    Message.objects.create(
        request=support_request,
        author=world.users["pos"],
        body="Intern: de penningmeester ligt dwars.",
        internal=True,
        from_handler=True,
    )
    return support_request


def _snapshot(req):
    req = SupportRequest.objects.get(pk=req.pk)
    return (req.partner_id, req.assignee_id, req.status)


@pytest.mark.parametrize("persona", ["partner", "pos"])
def test_nobody_hands_a_request_to_a_partner_outside_the_office(
    persona, world, login, with_paula, stranger, django_capture_on_commit_callbacks
):
    before = _snapshot(with_paula)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users[persona]).post(
            _url(with_paula, "behandelen/"), {"status": "in_progress", "partner": stranger.pk}
        )
    assert response.status_code == 400
    assert _snapshot(with_paula) == before
    assert not mail.outbox
    elders = stranger.grants.get().user
    assert login(elders).get(_url(with_paula)).status_code == 403


def test_the_choice_list_holds_only_the_offices_partners(world, login, with_paula, stranger):
    colleague = PartnerFactory(name="Sportservice Utrecht-Oost", offices=[world.office])
    page = login(world.users["partner"]).get(_url(with_paula))
    choices = set(page.context["handle_form"].fields["partner"].queryset)
    assert choices == {world.partner, colleague}
    assert "Sportservice Elders" not in page.content.decode()


def test_a_partner_hands_on_to_a_partner_of_the_same_office(world, login, with_paula):
    colleague = PartnerFactory(name="Sportservice Utrecht-Oost", offices=[world.office])
    response = login(world.users["partner"]).post(
        _url(with_paula, "behandelen/"), {"status": "in_progress", "partner": colleague.pk}
    )
    assert response.status_code == 302
    assert SupportRequest.objects.get(pk=with_paula.pk).partner == colleague


def test_a_partner_no_longer_assigned_to_the_office_may_keep_the_request(world, login, with_paula):
    """The partner that has it stays a valid choice: changing only the status still works."""
    world.partner.offices.clear()
    response = login(world.users["pos"]).post(
        _url(with_paula, "behandelen/"), {"status": "waiting", "partner": world.partner.pk}
    )
    assert response.status_code == 302
    assert SupportRequest.objects.get(pk=with_paula.pk).status == Status.WAITING


def test_the_service_refuses_too(world, with_paula, stranger):
    before = _snapshot(with_paula)
    arguments = {
        "request": with_paula,
        "status": Status.IN_PROGRESS,
        "assignee": None,
        "partner": stranger,
        "offer": None,
        "no_offer": False,
    }
    with pytest.raises(ValidationError, match="voor dit kantoor werkt"):
        services.request_handle(actor=world.users["pos"], **arguments)
    with pytest.raises(PermissionDenied):
        services.request_handle(actor=world.users["member"], **arguments)
    assert _snapshot(with_paula) == before
