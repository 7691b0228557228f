"""Filing a request: the form, attachments and the Dutch messages for bad input."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.support.models import Attachment, Status, SupportRequest

from .conftest import EXE, PDF

URL = "/netwerk/ondersteuning/kantoor/kantoor-utrecht/nieuw/"


def _post(client, category, **extra):
    data = {
        "category": getattr(category, "pk", category),
        "description": "Hoe richten we een vereniging op?",
    }
    data["urgency"] = "normal"
    data.update(extra)
    return client.post(URL, data)


def test_lead_files_a_request_with_an_attachment(world, login, category):
    client = login(world.users["lead"])
    pdf = SimpleUploadedFile("statuten.pdf", PDF)
    response = _post(client, category, attachments=[pdf])
    request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert (request.office, request.status, request.created_by) == (
        world.office,
        Status.NEW,
        world.users["lead"],
    )
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == PDF


def test_pos_staff_are_told_of_a_new_request(
    world, login, category, django_capture_on_commit_callbacks
):
    client = login(world.users["member"])
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, category)
    assert [m.to for m in mail.outbox] == [["pos@example.invalid"]]


def test_file_of_fifty_megabytes_is_refused_and_the_text_kept(world, login, category):
    client = login(world.users["lead"])
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (50 * 1024 * 1024))
    response = _post(client, category, attachments=[big])
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert "Hoe richten we een vereniging op?" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_executable_renamed_to_pdf_is_refused(world, login, category):
    client = login(world.users["lead"])
    response = _post(client, category, attachments=[SimpleUploadedFile("factuur.pdf", EXE)])
    assert "geen PDF-, Word-, Excel- of afbeeldingsbestand" in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not Attachment.objects.exists()


def test_empty_description_is_refused(world, login, category):
    client = login(world.users["lead"])
    response = _post(client, category, description="   ")
    assert "Beschrijf uw vraag." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_unknown_category_is_refused(world, login, category):
    client = login(world.users["lead"])
    response = _post(client, 999999)
    assert "Kies een categorie uit de lijst." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_other_office_lead_cannot_file_for_this_office(world, login, category):
    client = login(world.users["other_lead"])
    assert _post(client, category).status_code == 403
    assert not SupportRequest.objects.exists()
