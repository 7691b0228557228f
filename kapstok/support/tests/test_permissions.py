"""Only the office's people, the assignee and POS see a request and its files."""

import pytest

from django.core.files.base import ContentFile

from kapstok.accounts import access
from kapstok.support import rules, services
from kapstok.support.models import Attachment

from .conftest import PDF


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("pos", True),
        ("lead", True),
        ("member", True),
        ("partner", False),  # assigned to the office, but not to this request
        ("civil_servant", False),
        ("other_lead", False),
        ("outsider", False),
    ],
)
def test_who_sees_a_request(world, support_request, persona, sees):
    viewer = access.viewer_for(world.users[persona])
    assert rules.can_view_support_request(viewer, support_request) is sees
    visible = rules.support_requests_visible_to(viewer)
    assert visible.filter(pk=support_request.pk).exists() is sees


def test_assigned_pos_colleague_and_partner_see_it(world, support_request):
    support_request.partner = world.partner
    support_request.save()
    viewer = access.viewer_for(world.users["partner"])
    assert rules.can_handle_support(viewer, support_request)


def test_attachment_of_an_internal_note_is_for_handlers_only(world, login, support_request):
    message = services.message_post(
        request=support_request,
        author=world.users["pos"],
        body="Notitie",
        handler=True,
        internal=True,
    )
    attachment = Attachment.objects.create(
        request=support_request,
        message=message,
        file=ContentFile(PDF, name="n.pdf"),
        name="n.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    url = f"/netwerk/ondersteuning/bijlagen/{attachment.pk}/"
    assert login(world.users["lead"]).get(url).status_code == 403
    response = login(world.users["pos"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
