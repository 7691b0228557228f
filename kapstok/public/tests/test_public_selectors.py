"""What the public site may show, and what the lead of an office is asked to decide.

Specifications of `public.selectors` and the small services around the office page: which
offices can be found, where they sit on the map, what counts as a published success, the
join-request funnel and the lead's to-do items.
"""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import GoalStatus, WorkStatus
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.models import OfficeStatus
from kapstok.public import selectors, services
from kapstok.public.models import JoinRequest, OfficeMonthlyReach

pytestmark = pytest.mark.django_db


def join_request(office, kvk="12345678", email="sanne@example.invalid", *, confirm=True):
    branch = office.memberships.first().entrepreneur.branches.first()
    request = services.join_request_submit(
        office=office,
        data={
            "full_name": "Sanne Sport",
            "business_name": f"Padel {kvk}",
            "kvk_number": kvk,
            "email": email,
            "phone": "",
            "website": "",
            "message": "",
            "listed_publicly": False,
        },
        branches=[branch],
    )
    if confirm:
        services.join_request_confirm(join_request=request)
    return request


# --- Which offices the public finds ------------------------------------------------------------


def test_dissolved_offices_cannot_be_found_but_dormant_ones_can(world):
    OfficeFactory(name="Kantoor Opgeheven", status=OfficeStatus.DISSOLVED)
    OfficeFactory(name="Kantoor Slapend", status=OfficeStatus.DORMANT)
    names = [office.name for office in selectors.public_offices()]
    assert "Kantoor Opgeheven" not in names
    assert "Kantoor Slapend" in names
    assert names == sorted(names)


def test_the_public_list_counts_only_current_members(world):
    MembershipFactory(
        office=world.office,
        entrepreneur=EntrepreneurFactory(),
        joined_on=datetime.date(2023, 1, 1),
        left_on=datetime.date(2024, 1, 1),
    )
    utrecht = next(o for o in selectors.public_offices() if o.pk == world.office.pk)
    assert utrecht.member_count == 1


def test_an_office_is_put_on_the_map_at_its_most_populous_municipality(world):
    small = MunicipalityFactory(population=10_000, label_lat=51.0, label_lon=4.0)
    large = MunicipalityFactory(population=90_000, label_lat=53.0, label_lon=6.0)
    office = OfficeFactory(municipalities=[small, large])
    assert selectors.label_point(office) == (53.0, 6.0)


def test_an_office_working_in_two_provinces_is_listed_under_both(world):
    gelderland = MunicipalityFactory(province="Gelderland")
    overijssel = MunicipalityFactory(province="Overijssel")
    border = OfficeFactory(name="Kantoor Grens", municipalities=[gelderland, overijssel])
    groups = dict(selectors.offices_by_province([border, world.office]))
    assert groups == {"Gelderland": [border], "Overijssel": [border], "Utrecht": [world.office]}
    assert list(groups) == sorted(groups)


# --- What an office page shows ------------------------------------------------------------------


def test_only_achieved_goals_and_finished_projects_can_be_published(world):
    achieved = GoalFactory(office=world.office, title="Bereikt", status=GoalStatus.ACHIEVED)
    GoalFactory(office=world.office, title="Loopt nog", status=GoalStatus.OPEN)
    GoalFactory(office=world.other_office, title="Elders", status=GoalStatus.ACHIEVED)
    strategy = StrategyFactory(goal=achieved)
    done = ProjectFactory(strategy=strategy, title="Klaar", status=WorkStatus.DONE)
    ProjectFactory(strategy=strategy, title="Bezig", status=WorkStatus.RUNNING)
    assert list(selectors.publishable_goals(world.office)) == [achieved]
    assert list(selectors.publishable_projects(world.office)) == [done]


def test_a_published_goal_that_is_reopened_disappears_from_the_page(world):
    goal = GoalFactory(office=world.office, title="Sportdag", status=GoalStatus.ACHIEVED)
    page = services.public_page_save(
        office=world.office, about="Wij", benefits="Samen", goals=[goal]
    )
    assert [s["title"] for s in selectors.successes(page)] == ["Sportdag"]
    goal.status = GoalStatus.OPEN
    goal.save()
    assert selectors.successes(page) == []


def test_an_office_without_a_page_has_no_successes(world):
    assert selectors.public_page_of(world.office) is None
    assert selectors.successes(None) == []


def test_saving_the_public_page_trims_the_texts_and_notes_it_on_the_timeline(world):
    lead = world.users["lead"]
    page = services.public_page_save(
        office=world.office, about="  Over ons  ", benefits=" Voordelen\n", actor=lead
    )
    assert (page.about, page.benefits, page.updated_by) == ("Over ons", "Voordelen", lead)
    event = world.office.events.order_by("-pk").first()
    assert event.summary == "De openbare pagina is bijgewerkt." and event.actor == lead


def test_saving_the_page_again_replaces_the_published_successes(world):
    first = GoalFactory(office=world.office, status=GoalStatus.ACHIEVED)
    second = GoalFactory(office=world.office, status=GoalStatus.ACHIEVED)
    services.public_page_save(office=world.office, about="", benefits="", goals=[first])
    page = services.public_page_save(office=world.office, about="", benefits="", goals=[second])
    assert list(page.published_goals.all()) == [second]
    assert selectors.public_page_of(world.office) == page


def test_search_engines_get_public_fields_only(world):
    world.office.contact_email = "geheim@example.invalid"
    data = selectors.organization_data(world.office, "https://kapstok.example/k/", "Over ons")
    assert data["@type"] == "Organization" and data["name"] == "Kantoor Utrecht"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Utrecht"}]
    assert "geheim@example.invalid" not in str(data)


def test_only_published_public_practices_are_shown(world):
    from kapstok.peers.models import Practice, PracticeStatus, Visibility

    def practice(title, **fields):
        return Practice.objects.create(
            office=world.office, title=title, what="x", why="y", result="z", **fields
        )

    shown = practice("Open", status=PracticeStatus.PUBLISHED, visibility=Visibility.PUBLIC)
    practice("Intern", status=PracticeStatus.PUBLISHED, visibility=Visibility.INTERNAL)
    practice("Concept", status=PracticeStatus.DRAFT, visibility=Visibility.PUBLIC)
    assert selectors.public_practices(world.office) == [shown]


def test_only_public_meetings_still_to_come_are_announced(world):
    from kapstok.peers.models import Meeting

    now = timezone.now()

    def meeting(title, days, public=True):
        return Meeting.objects.create(
            title=title,
            scope="office",
            office=world.office,
            starts_at=now + datetime.timedelta(days=days),
            ends_at=now + datetime.timedelta(days=days, hours=2),
            is_public=public,
        )

    later, sooner = meeting("Later", 20), meeting("Binnenkort", 3)
    meeting("Voorbij", -3)
    meeting("Besloten", 5, public=False)
    assert selectors.upcoming_public_meetings(world.office) == [sooner, later]


# --- Reaching the office: mail and contact ------------------------------------------------------


def test_mail_for_an_office_goes_to_its_active_leads(world):
    assert services.office_lead_emails(world.office) == ["kees@example.invalid"]
    world.users["lead"].is_active = False
    world.users["lead"].save()
    world.office.contact_email = "info@kantoor.example"
    world.office.save()
    assert services.office_lead_emails(world.office) == ["info@kantoor.example"]


def test_a_visitors_message_reaches_the_leads_with_a_reply_to_the_visitor(world):
    services.contact_message_send(
        office=world.office, name="Bas", email="bas@example.invalid", message="Hallo!"
    )
    (sent,) = mail.outbox
    assert sent.to == ["kees@example.invalid"]
    assert sent.reply_to == ["bas@example.invalid"]
    assert "bas@example.invalid" not in sent.to
    assert "Hallo!" in sent.body


def test_an_office_nobody_reads_refuses_messages_in_dutch(world):
    lonely = OfficeFactory(contact_email="")
    with pytest.raises(ValidationError, match="niet via de website bereikbaar"):
        services.contact_message_send(office=lonely, name="Bas", email="b@x.invalid", message="?")
    assert mail.outbox == []


# --- Join requests: links, membership, the lead's overview -------------------------------------


def test_a_confirmation_link_finds_its_request(world):
    request = join_request(world.office, confirm=False)
    token = services.confirmation_token(request)
    assert services.join_request_for_token(token) == request


@pytest.mark.parametrize("token", ["", "onzin", "eyJyIjoxfQ:1abc:def"])
def test_a_broken_confirmation_link_gives_a_dutch_error(world, token):
    with pytest.raises(ValidationError, match="ongeldig of verlopen"):
        services.join_request_for_token(token)


def test_a_link_sent_to_an_old_address_stops_working_when_the_address_changes(world):
    request = join_request(world.office, confirm=False)
    token = services.confirmation_token(request)
    JoinRequest.objects.filter(pk=request.pk).update(email="nieuw@example.invalid")
    with pytest.raises(ValidationError):
        services.join_request_for_token(token)


def test_a_link_to_a_deleted_request_gives_the_same_error(world):
    request = join_request(world.office, confirm=False)
    token = services.confirmation_token(request)
    request.delete()
    with pytest.raises(ValidationError, match="ongeldig of verlopen"):
        services.join_request_for_token(token)


def test_the_lead_sees_whether_a_kvk_number_is_already_a_current_member(world):
    kvk = world.member_entrepreneur.kvk_number
    assert services.kvk_is_member(world.office, kvk)
    assert not services.kvk_is_member(world.other_office, kvk)
    assert not services.kvk_is_member(world.office, "99999999")


def test_the_lead_sees_confirmed_requests_and_only_a_count_of_unconfirmed_ones(world):
    confirmed = join_request(world.office, kvk="11111111", email="a@example.invalid")
    join_request(world.office, kvk="22222222", email="b@example.invalid", confirm=False)
    overview = selectors.join_requests_for_lead(world.office)
    assert overview["awaiting"] == [confirmed]
    assert overview["unconfirmed_count"] == 1
    assert overview["decided"] == []


def test_a_decided_request_moves_from_awaiting_to_decided(world):
    request = join_request(world.office)
    services.join_request_decline(
        join_request=request, actor=world.users["lead"], reason="Geen sportaanbieder."
    )
    overview = selectors.join_requests_for_lead(world.office)
    assert overview["awaiting"] == [] and overview["decided"] == [request]


# --- The funnel ----------------------------------------------------------------------------


def test_the_funnel_lists_twelve_months_newest_first_with_empty_months(world):
    today = datetime.date(2025, 3, 15)
    rows = selectors.funnel(world.office, today=today)
    assert len(rows) == 12
    assert rows[0]["month"] == datetime.date(2025, 3, 1)
    assert rows[-1]["month"] == datetime.date(2024, 4, 1)
    assert all(row["views"] == 0 and row["request_rate"] is None for row in rows)


def test_the_funnel_gives_rates_as_whole_percentages(world):
    OfficeMonthlyReach.objects.create(
        office=world.office,
        month=datetime.date(2025, 3, 1),
        views=300,
        join_requests=7,
        confirmed=6,
        accepted=4,
    )
    march = selectors.funnel(world.office, months=1, today=datetime.date(2025, 3, 31))[0]
    assert (march["request_rate"], march["accept_rate"]) == (2, 67)


def test_reach_is_counted_per_month_and_an_unknown_field_is_refused(world):
    services.reach_count(field="views", office=world.office, on=datetime.date(2025, 3, 2))
    services.reach_count(field="views", office_id=world.office.pk, on=datetime.date(2025, 3, 30))
    services.reach_count(field="views", office=world.office, on=datetime.date(2025, 4, 1))
    months = dict(
        OfficeMonthlyReach.objects.filter(office=world.office).values_list("month", "views")
    )
    assert months == {datetime.date(2025, 3, 1): 2, datetime.date(2025, 4, 1): 1}
    with pytest.raises(ValueError):
        services.reach_count(field="likes", office=world.office)


# --- The lead's start page ------------------------------------------------------------------


def test_only_the_lead_of_the_office_is_asked_to_decide(world):
    join_request(world.office)
    assert len(selectors.join_requests_to_decide(viewer_for(world.users["lead"]))) == 1
    for persona in ("other_lead", "member", "pos"):
        assert selectors.join_requests_to_decide(viewer_for(world.users[persona])) == []


def test_a_request_waiting_more_than_a_week_asks_attention(world):
    from kapstok.core.todo import Urgency

    request = join_request(world.office)
    (item,) = selectors.join_requests_to_decide(viewer_for(world.users["lead"]))
    assert item.urgency == Urgency.NORMAL and "Padel 12345678" in item.title
    JoinRequest.objects.filter(pk=request.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=8)
    )
    (item,) = selectors.join_requests_to_decide(viewer_for(world.users["lead"]))
    assert item.urgency == Urgency.SOON


def test_beyond_five_requests_one_line_counts_the_rest(world):
    for n in range(7):
        join_request(world.office, kvk=f"1000000{n}", email=f"s{n}@example.invalid")
    items = selectors.join_requests_to_decide(viewer_for(world.users["lead"]))
    assert len(items) == 6
    assert items[-1].title == "Nog 2 aanmeldingen wachten op uw besluit"
    assert items[-1].url.endswith("/aanmeldingen/")
