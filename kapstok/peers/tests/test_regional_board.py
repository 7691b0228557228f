"""The regional exchange board: a post its author marks "zichtbaar in de regio" reaches the
people of the other offices in the same province; unmarked posts stay inside the office.

Kantoor Utrecht and Kantoor Amersfoort lie in the province of Utrecht; Kantoor Zwolle in
Overijssel is outside the region.
"""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.peers import rules
from kapstok.peers.exchange import post_create
from kapstok.peers.models import ExchangePost, ExchangeReply

REGION = "/netwerk/uitwisselbord/regio/"


@pytest.fixture
def region(world):
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    world.amersfoort_office = OfficeFactory(
        name="Kantoor Amersfoort", slug="kantoor-amersfoort", municipalities=[amersfoort]
    )
    business = EntrepreneurFactory(business_name="Padel Arie", municipality=amersfoort)
    MembershipFactory(
        office=world.amersfoort_office, entrepreneur=business, joined_on=datetime.date(2024, 1, 1)
    )
    member = UserFactory(email="arie@example.invalid", full_name="Arie Amersfoort")
    grant_role(user=member, role=Role.MEMBER, scope=business, starts_on=datetime.date(2000, 1, 1))
    world.users["region_member"] = member
    lead = world.users["lead"]
    world.regional = post_create(
        office=world.office, author=lead, kind="offer", topic="equipment",
        title="Padelbaan te leen", body="", is_regional=True,
    )  # fmt: skip
    world.internal = post_create(
        office=world.office, author=lead, kind="question", topic="knowledge",
        title="Alleen voor Utrecht", body="",
    )  # fmt: skip
    return world


@pytest.mark.django_db
def test_a_member_in_the_same_province_sees_only_the_regional_posts(region, login):
    client = login(region.users["region_member"])

    page = client.get(REGION)

    assert page.status_code == 200
    assert [post.title for post in page.context["posts"]] == ["Padelbaan te leen"]
    text = page.content.decode()
    assert "Kantoor Utrecht" in text and "Alleen voor Utrecht" not in text
    assert page.context["provinces"] == ["Utrecht"]


@pytest.mark.django_db
def test_a_member_of_an_office_outside_the_region_sees_nothing(region, login):
    client = login(region.users["other_member"])

    page = client.get(REGION)
    detail = client.get(region.regional.get_absolute_url())

    assert list(page.context["posts"]) == []
    assert "Nog geen berichten in de regio" in page.content.decode()
    assert detail.status_code == 403


@pytest.mark.django_db
def test_the_own_office_sees_its_regional_posts_on_the_regional_board_too(region, login):
    page = login(region.users["member"]).get(REGION)

    assert [post.title for post in page.context["posts"]] == ["Padelbaan te leen"]


@pytest.mark.django_db
def test_people_without_an_office_may_not_open_the_regional_board(region, login):
    for persona in ("pos", "civil_servant", "partner", "outsider"):
        assert login(region.users[persona]).get(REGION).status_code == 403


@pytest.mark.django_db
def test_contact_goes_through_a_reply_on_the_post_without_email_addresses(region, login):
    client = login(region.users["region_member"])
    url = region.regional.get_absolute_url()

    page = client.get(url)
    answer = client.post(url, {"body": "Mogen wij hem lenen in juni?"})

    assert page.status_code == 200
    assert "kees@example.invalid" not in page.content.decode()  # the author's address
    assert page.context["matches"].count() == 0  # Utrecht's own posts stay Utrecht's
    assert answer.status_code == 302
    reply = ExchangeReply.objects.get(post=region.regional)
    assert reply.author == region.users["region_member"]


@pytest.mark.django_db
def test_an_unmarked_post_stays_closed_to_the_region(region, login):
    client = login(region.users["region_member"])

    detail = client.get(region.internal.get_absolute_url())
    reply = client.post(region.internal.get_absolute_url(), {"body": "Ik weet het!"})

    assert detail.status_code == 403 and reply.status_code == 403
    assert not ExchangeReply.objects.exists()


@pytest.mark.django_db
def test_the_author_marks_a_post_regional_on_the_office_board(region, login):
    client = login(region.users["member"])

    client.post(
        "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/",
        {"kind": "request", "topic": "staff", "title": "Trainer gezocht", "is_regional": "on"},
    )
    client.post(
        "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/",
        {"kind": "request", "topic": "staff", "title": "Alleen intern", "body": ""},
    )

    assert ExchangePost.objects.get(title="Trainer gezocht").is_regional is True
    assert ExchangePost.objects.get(title="Alleen intern").is_regional is False


@pytest.mark.django_db
def test_the_regional_board_filters_on_topic_in_a_fixed_number_of_queries(
    region, login, django_assert_max_num_queries
):
    for n in range(5):
        post_create(
            office=region.amersfoort_office, author=region.users["region_member"], kind="offer",
            topic="space", title=f"Zaal {n}", body="", is_regional=True,
        )  # fmt: skip
    client = login(region.users["member"])

    with django_assert_max_num_queries(14):
        page = client.get(REGION, {"over": "space"})

    assert sorted(post.title for post in page.context["posts"]) == [f"Zaal {n}" for n in range(5)]


@pytest.mark.django_db
def test_an_office_across_a_provincial_border_belongs_to_both_regions(region):
    zwolle_member = viewer_for(region.users["other_member"])
    region.other_office.municipalities.add(region.utrecht)  # Zwolle's office now spans both

    assert rules.provinces_of([region.other_office.pk]) == {"Overijssel", "Utrecht"}
    assert region.office.pk in rules.regional_office_ids(zwolle_member)
    assert rules.can_view_post(zwolle_member, region.regional)
    assert not rules.can_view_post(zwolle_member, region.internal)


@pytest.mark.django_db
def test_the_region_of_a_person_is_every_office_in_their_offices_provinces(region):
    member = viewer_for(region.users["region_member"])
    outsider = viewer_for(region.users["outsider"])
    zwolle = viewer_for(region.users["other_lead"])

    assert rules.regional_office_ids(member) == {region.office.pk, region.amersfoort_office.pk}
    assert rules.regional_office_ids(zwolle) == {region.other_office.pk}
    assert rules.regional_office_ids(outsider) == set()
    assert rules.regional_posts_visible_to(outsider).count() == 0


@pytest.mark.django_db
def test_a_solved_regional_post_stays_readable_for_the_region(region):
    from kapstok.peers.exchange import post_solve

    post_solve(post=region.regional)
    member = viewer_for(region.users["region_member"])

    assert rules.can_view_post(member, region.regional)
    assert list(rules.regional_posts_visible_to(member)) == [region.regional]


@pytest.mark.django_db
def test_a_regional_post_of_another_province_is_not_in_the_region(region):
    zwolle_post = post_create(
        office=region.other_office, author=region.users["other_lead"], kind="offer",
        topic="space", title="Zaal in Zwolle", body="", is_regional=True,
    )  # fmt: skip
    member = viewer_for(region.users["region_member"])
    zwolle_member = viewer_for(region.users["other_member"])

    assert not rules.can_view_post(member, zwolle_post)
    assert rules.can_view_post(zwolle_member, zwolle_post)  # its own office
    assert list(rules.regional_posts_visible_to(zwolle_member)) == [zwolle_post]


@pytest.mark.django_db
def test_the_regional_board_is_for_leads_and_members_only(region):
    for persona, allowed in [
        ("lead", True),
        ("member", True),
        ("region_member", True),
        ("other_lead", True),
        ("pos", False),
        ("civil_servant", False),
        ("partner", False),
        ("researcher", False),
    ]:
        assert rules.can_use_regional_board(viewer_for(region.users[persona])) is allowed, persona


@pytest.mark.django_db
def test_an_unknown_post_or_a_post_under_another_office_s_address_is_404(region, login):
    client = login(region.users["region_member"])

    unknown = client.get("/netwerk/kantoren/kantoor-utrecht/uitwisselbord/999999/")
    wrong_office = client.get(
        f"/netwerk/kantoren/kantoor-zwolle/uitwisselbord/{region.regional.pk}/"
    )

    assert unknown.status_code == 404 and wrong_office.status_code == 404
