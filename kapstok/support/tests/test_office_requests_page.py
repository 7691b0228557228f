"""The office's "Ondersteuning": its own questions with POS's latest answer, and a new one there."""

import pytest

from kapstok.support.models import Message, SupportRequest

pytestmark = pytest.mark.django_db

PAGE = "/netwerk/ondersteuning/kantoor/kantoor-utrecht/"


def test_each_question_shows_the_latest_answer_but_no_internal_note(
    world, login, category, django_assert_max_num_queries
):
    answered = SupportRequest.objects.create(
        office=world.office, category=category, description="Statuten: hoe?"
    )
    SupportRequest.objects.create(
        office=world.office, category=category, description="Subsidie: waar?"
    )
    pos = world.users["pos"]
    Message.objects.create(request=answered, author=pos, body="Eerste antwoord", from_handler=True)
    Message.objects.create(request=answered, author=pos, body="Tweede antwoord", from_handler=True)
    Message.objects.create(
        request=answered, author=pos, body="Alleen voor POS", from_handler=True, internal=True
    )
    client = login(world.users["member"])

    html = client.get(PAGE).content.decode()

    assert "Tweede antwoord" in html
    assert "Eerste antwoord" not in html
    assert "Alleen voor POS" not in html
    assert "Nog geen antwoord van POS." in html
    assert f'href="{PAGE}nieuw/"' in html


def test_the_page_fits_a_phone_its_questions_are_a_list_not_a_table(world, login, category):
    SupportRequest.objects.create(office=world.office, category=category, description="Statuten")

    html = login(world.users["lead"]).get(PAGE).content.decode()

    assert '<ul class="request-list">' in html
    assert "<table" not in html
