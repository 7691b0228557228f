"""The exchange board's matching and digest, meetings' invitations and answers, and regions."""

import datetime

import icalendar
import pytest

from django.core import mail
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from kapstok.peers import exchange, services
from kapstok.peers import regions as region_service
from kapstok.peers.calendar import feed_token
from kapstok.peers.models import ExchangePost, Meeting, MeetingRsvp, Region, RegionOffice

pytestmark = pytest.mark.django_db
BOARD = "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/"
MEETINGS = "/netwerk/bijeenkomsten/"
FUTURE = datetime.datetime(2099, 3, 1, 10, tzinfo=datetime.UTC)
MONDAY = datetime.datetime(2026, 11, 30, 7, tzinfo=datetime.UTC)


def post(world, kind="offer", topic="space", title="Zaal vrij", who="lead", office=None):
    return exchange.post_create(
        office=office or world.office, author=world.users[who], kind=kind, topic=topic,
        title=title, body="",
    )  # fmt: skip


# --- the exchange board --------------------------------------------------------------------------


def test_offers_meet_questions_and_requests_of_the_same_topic_in_the_same_office(world):
    offer = post(world, "offer", "space")
    question = post(world, "question", "space", "Zaal gezocht", who="member")
    request = post(world, "request", "space", "Ruimte nodig", who="member")
    post(world, "question", "staff", "Trainer gezocht", who="member")  # other topic
    post(world, "offer", "space", "Nog een zaal", who="member")  # offers do not meet offers
    post(world, "question", "space", "Elders", who="other_lead", office=world.other_office)
    assert set(ExchangePost.objects.matches_for(offer)) == {question, request}
    other_offer = ExchangePost.objects.get(title="Nog een zaal")
    assert set(ExchangePost.objects.matches_for(question)) == {offer, other_offer}


def test_solving_twice_keeps_the_first_moment(world):
    offer = post(world)
    exchange.post_solve(post=offer)
    first = ExchangePost.objects.get(pk=offer.pk).solved_at
    exchange.post_solve(post=ExchangePost.objects.get(pk=offer.pk))
    assert ExchangePost.objects.get(pk=offer.pk).solved_at == first


def test_the_lead_may_tidy_up_a_members_post(world, login):
    question = post(world, "question", who="member")
    login(world.users["lead"]).post(f"{BOARD}{question.pk}/opgelost/")
    question.refresh_from_db()
    assert question.solved_at is not None


def test_the_board_filters_by_topic_and_ignores_unknown_topics(world, login):
    post(world, topic="space", title="Zaal")
    post(world, topic="staff", title="Trainer")
    client = login(world.users["member"])
    assert [p.title for p in client.get(BOARD, {"over": "staff"}).context["posts"]] == ["Trainer"]
    assert len(client.get(BOARD, {"over": "ruimte"}).context["posts"]) == 2


def test_a_post_of_another_office_is_not_found_on_this_board(world, login):
    foreign = post(world, who="other_lead", office=world.other_office)
    assert login(world.users["lead"]).get(f"{BOARD}{foreign.pk}/").status_code == 404


def test_the_digest_waits_for_monday_unless_forced(world):
    post(world)
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert exchange.exchange_digest_send(tuesday) == 0
    assert exchange.exchange_digest_send(tuesday, force=True) == 2


def test_the_digest_skips_inactive_leads_and_former_members(world):
    post(world)
    gone = UserFactory(email="weg@example.invalid", is_active=False)
    grant_role(user=gone, role=Role.LEAD, scope=world.office)
    former = MembershipFactory(office=world.office, left_on=datetime.date(2024, 1, 1))
    oud = UserFactory(email="oud-lid@example.invalid")
    grant_role(user=oud, role=Role.MEMBER, scope=former.entrepreneur)
    exchange.exchange_digest_send(force=True)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kees@example.invalid",
        "marieke@example.invalid",
    ]


def test_a_member_of_two_offices_hears_of_both_boards(world):
    MembershipFactory(office=world.other_office, entrepreneur=world.member_entrepreneur)
    emails = exchange.office_people_emails([world.office.pk, world.other_office.pk])
    assert "marieke@example.invalid" in emails[world.office.pk]
    assert "marieke@example.invalid" in emails[world.other_office.pk]


# --- meetings ------------------------------------------------------------------------------------


def meeting(offices=(), roles=(), starts_at=FUTURE, **extra):
    made = Meeting.objects.create(
        scope=extra.pop("scope", "national"), title=extra.pop("title", "Kantorendag"),
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2),
        invited_roles=list(roles), **extra,
    )  # fmt: skip
    made.invited_offices.set(offices)
    return made


def test_an_office_invitation_reaches_all_its_people_and_nobody_else(world, login):
    day = meeting(offices=[world.office])
    for persona, status in (("lead", 200), ("member", 200), ("civil_servant", 200),
                            ("partner", 200), ("other_lead", 404), ("outsider", 404)):  # fmt: skip
        assert login(world.users[persona]).get(day.get_absolute_url()).status_code == status


def test_the_host_offices_lead_manages_an_office_meeting_but_not_a_national_one(world, login):
    own = meeting(offices=[world.office], scope="office", office=world.office)
    national = meeting(roles=["lead"])
    kees = login(world.users["lead"])
    assert kees.get(f"{MEETINGS}{own.pk}/bewerken/").status_code == 200
    assert kees.get(f"{MEETINGS}{national.pk}/bewerken/").status_code == 403


def test_an_office_meeting_needs_its_host_and_an_end_after_the_start(world, login):
    response = login(world.users["pos"]).post(
        f"{MEETINGS}nieuw/",
        {"scope": "office", "title": "Avond", "starts_at": "2099-03-01T20:00",
         "ends_at": "2099-03-01T19:00", "invited_roles": ["lead"]},
    )  # fmt: skip
    errors = response.context["form"].errors
    assert errors["office"] == ["Kies het kantoor dat de bijeenkomst houdt."]
    assert errors["ends_at"] == ["De bijeenkomst eindigt vóór ze begint."]
    assert not Meeting.objects.exists()


def test_changing_an_answer_keeps_one_answer(world, login):
    day = meeting(offices=[world.office])
    client = login(world.users["member"])
    client.post(f"{MEETINGS}{day.pk}/antwoord/", {"answer": "yes"})
    client.post(f"{MEETINGS}{day.pk}/antwoord/", {"answer": "maybe"})
    assert list(MeetingRsvp.objects.values_list("answer", flat=True)) == ["maybe"]


def test_an_answer_that_is_no_choice_is_refused_in_dutch(world, login):
    day = meeting(offices=[world.office])
    response = login(world.users["member"]).post(
        f"{MEETINGS}{day.pk}/antwoord/", {"answer": "graag"}, follow=True
    )
    assert "Kies of u komt." in response.content.decode()
    assert not MeetingRsvp.objects.exists()


def test_whoever_manages_but_is_not_invited_cannot_answer(world, login):
    day = meeting(roles=["member"])
    assert (
        login(world.users["pos"])
        .post(f"{MEETINGS}{day.pk}/antwoord/", {"answer": "yes"})
        .status_code
        == 403
    )


def test_attendance_marks_the_others_absent(world, login):
    day = meeting(offices=[world.office])
    for persona in ("lead", "member"):
        services.meeting_rsvp(meeting=day, user=world.users[persona], answer="yes")
    count = services.meeting_attendance_record(
        meeting=day, present_user_ids={world.users["member"].pk, 999999}
    )
    assert count == 1
    attended = dict(MeetingRsvp.objects.values_list("user__email", "attended"))
    assert attended == {"kees@example.invalid": False, "marieke@example.invalid": True}


def test_answering_is_possible_until_the_start(world):
    day = meeting(offices=[world.office])
    just_before = day.starts_at - datetime.timedelta(minutes=1)
    services.meeting_rsvp(meeting=day, user=world.users["lead"], answer="yes", now=just_before)
    with pytest.raises(services.UserError, match="al begonnen of voorbij"):
        services.meeting_rsvp(meeting=day, user=world.users["lead"], answer="no", now=day.starts_at)
    assert MeetingRsvp.objects.get().answer == "yes"


def test_the_feed_of_a_deactivated_person_is_gone(world, client):
    meeting(offices=[world.office])
    token = feed_token(world.users["member"])
    assert client.get(f"/netwerk/agenda/{token}/bijeenkomsten.ics").status_code == 200
    world.users["member"].is_active = False
    world.users["member"].save()
    assert client.get(f"/netwerk/agenda/{token}/bijeenkomsten.ics").status_code == 404


def test_a_meeting_file_has_the_meeting_and_a_link_to_it(world, login, settings):
    day = meeting(offices=[world.office], location="Sporthal")
    response = login(world.users["member"]).get(f"{MEETINGS}{day.pk}/uitnodiging.ics")
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]) == f"{settings.SITE_URL}{day.get_absolute_url()}"
    assert str(event["location"]) == "Sporthal"
    assert (
        login(world.users["outsider"]).get(f"{MEETINGS}{day.pk}/uitnodiging.ics").status_code == 404
    )


def test_past_meetings_are_listed_apart(world, login):
    meeting(offices=[world.office], title="Toekomst")
    past = timezone.now() - datetime.timedelta(days=3)
    meeting(offices=[world.office], title="Geweest", starts_at=past)
    page = login(world.users["member"]).get(MEETINGS).context
    assert [m.title for m in page["upcoming"]] == ["Toekomst"]
    assert [m.title for m in page["past"]] == ["Geweest"]


# --- regions -------------------------------------------------------------------------------------


def test_a_region_of_one_office_is_refused_and_the_saved_regions_stay(world):
    third = OfficeFactory()
    region_service.regions_save(assignment={world.office.pk: "Midden", third.pk: "Midden"})
    with pytest.raises(services.UserError, match="Regio 'Oost' heeft maar één kantoor"):
        region_service.regions_save(
            assignment={
                world.office.pk: "Midden",
                third.pk: "Midden",
                world.other_office.pk: "Oost",
            }
        )
    assert list(Region.objects.values_list("name", flat=True)) == ["Midden"]
    assert RegionOffice.objects.count() == 2


def test_saving_replaces_the_regions_and_blank_names_mean_no_region(world):
    third = OfficeFactory()
    region_service.regions_save(assignment={world.office.pk: "Oud", third.pk: "Oud"})
    count = region_service.regions_save(
        assignment={world.office.pk: " Nieuw ", third.pk: "Nieuw", world.other_office.pk: "  "}
    )
    assert count == 1
    assert region_service.regions_saved() == {world.office.pk: "Nieuw", third.pk: "Nieuw"}


def test_the_region_page_shows_the_saved_regions_unless_the_proposal_is_asked(world, login):
    near = OfficeFactory(municipalities=[MunicipalityFactory(label_lat=52.1, label_lon=5.1)])
    region_service.regions_save(assignment={world.office.pk: "Mijn regio", near.pk: "Mijn regio"})
    pos = login(world.users["pos"])
    saved = pos.get("/netwerk/regios/").context
    assert saved["showing_proposal"] is False and saved["region_names"] == ["Mijn regio"]
    assert saved["map_colours"]["GM0344"]["region"] == "Mijn regio"
    proposal = pos.get("/netwerk/regios/", {"voorstel": "1"}).context
    assert proposal["showing_proposal"] is True
    assert all(name.startswith("Regio ") for name in proposal["region_names"])


def test_a_refused_region_plan_is_shown_again_with_the_reason(world, login):
    response = login(world.users["pos"]).post(
        "/netwerk/regios/", {f"office_{world.office.pk}": "Alleen", "office_abc": "x"}
    )
    assert response.status_code == 400
    assert "heeft maar één kantoor" in response.content.decode()
    assert not Region.objects.exists()
