"""Who sees which position: drafts stay inside, the municipality sees what was sent to it."""

import pytest

from kapstok.influence.models import PositionStatus

from .conftest import make_position, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (PositionStatus.CONCEPT, 404),
        (PositionStatus.OPEN, 404),
        (PositionStatus.SENT, 200),
        (PositionStatus.ANSWERED, 200),
    ],
)
def test_the_municipality_sees_positions_addressed_to_it_once_sent(world, login, status, expected):
    position = make_position(world, status)
    assert login(world.users["civil_servant"]).get(url(position)).status_code == expected


def test_the_municipality_never_sees_a_position_to_the_sport_council(world, login, council):
    position = make_position(world, PositionStatus.SENT, municipality=None, addressed_body=council)
    assert login(world.users["civil_servant"]).get(url(position)).status_code == 404


def test_the_register_lists_no_draft_for_the_municipality(world, login):
    make_position(world, PositionStatus.CONCEPT, title="Intern concept")
    make_position(world, PositionStatus.SENT, title="Verstuurd standpunt")
    page = (
        login(world.users["civil_servant"])
        .get("/netwerk/kantoren/kantoor-utrecht/invloed/")
        .content.decode()
    )
    assert "Verstuurd standpunt" in page and "Intern concept" not in page


def test_members_see_open_positions_but_not_concepts(world, login):
    member = login(world.users["member"])
    assert member.get(url(make_position(world, PositionStatus.CONCEPT))).status_code == 404
    assert member.get(url(make_position(world, PositionStatus.OPEN))).status_code == 200


def test_members_see_the_count_but_not_who_endorsed(world, login):
    from kapstok.influence.models import Endorsement

    position = make_position(world, PositionStatus.OPEN)
    Endorsement.objects.create(position=position, entrepreneur=world.member_entrepreneur)
    page = login(world.users["other_member"]).get(url(position))
    assert page.status_code == 403  # another office's member: not even the office
    lead_page = login(world.users["lead"]).get(url(position)).content.decode()
    assert "Yoga Marieke — zonder naam" in lead_page


def test_only_leads_and_pos_send(world, login):
    position = make_position(world, PositionStatus.OPEN)
    for persona in ("member", "partner"):
        response = login(world.users[persona]).post(
            url(position, "versturen/"), {"recipient_email": "a@b.nl", "confirm_empty": "on"}
        )
        assert response.status_code in (403, 404)
    position.refresh_from_db()
    assert position.status == PositionStatus.OPEN


def test_detail_page_queries_do_not_grow_with_endorsements(
    world, login, django_assert_max_num_queries
):
    from kapstok.influence.models import Endorsement
    from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

    position = make_position(world, PositionStatus.OPEN)
    for i in range(15):
        entrepreneur = EntrepreneurFactory(business_name=f"E{i}", municipality=world.utrecht)
        MembershipFactory(office=world.office, entrepreneur=entrepreneur)
        Endorsement.objects.create(position=position, entrepreneur=entrepreneur, show_name=i % 2)
    client = login(world.users["lead"])
    with django_assert_max_num_queries(16):
        assert client.get(url(position)).status_code == 200
