"""The founding pages at their edges: forms sent twice, bad input (future dates, overlong text,
a NUL byte, too many initiators), a founded office's checklist as a record, and the overview's
content and queries as offices are added."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.services import grant_role
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.founding.models import FoundingChecklist
from kapstok.network.factories import MembershipFactory, MunicipalityFactory
from kapstok.network.models import Office, OfficeEvent, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
STARTED = TODAY - datetime.timedelta(days=30)
OVERVIEW = "/netwerk/oprichting/"
REGISTER = "/netwerk/oprichting/nieuw/"


@pytest.fixture
def ede():
    return MunicipalityFactory(code="GM0228", name="Ede")


@pytest.fixture
def founding(world, ede):
    """Kantoor Ede in founding since 30 days; Utrecht's lead is its kartrekker too."""
    checklist = FoundingChecklistFactory(
        office__name="Kantoor Ede",
        office__slug="kantoor-ede",
        office__municipalities=[ede],
        started_on=STARTED,
        members_needed=1,
    )
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=checklist.office, starts_on=STARTED)
    return checklist.office


def url(office) -> str:
    return f"/netwerk/kantoren/{office.slug}/oprichting/"


def registration(ede, **overrides) -> dict:
    return {
        "name": "POS-kantoor Ede",
        "municipalities": [ede.pk],
        "initiative": "entrepreneurs",
        "started_on": TODAY.isoformat(),
        "initiators": "anna@example.invalid",
        "members_needed": "4",
    } | overrides


def complete(office):
    record = office.founding
    record.first_meeting_on = STARTED
    record.municipality_contact_on, record.municipality_contact_with = STARTED, "Wethouder"
    record.save()
    MembershipFactory(office=office, joined_on=STARTED)


def found(office, on=TODAY):
    Office.objects.filter(pk=office.pk).update(status=OfficeStatus.ACTIVE, founded_on=on)


# --- registering ----------------------------------------------------------------------------


def test_the_registration_form_offers_its_fields_with_labels_to_pos(world, login, ede):
    page = login(world.users["pos"]).get(REGISTER).content.decode()

    for label in ("Naam", "Gemeenten", "Initiatief", "In oprichting sinds", "Eerste leden nodig"):
        assert f"{label} <span" in page
    assert "E-mailadressen van de initiatiefnemers</label>" in page
    assert 'value="5"' in page  # five first members needed unless said otherwise
    assert f'value="{TODAY.isoformat()}"' in page


def test_a_registration_sent_twice_makes_one_office(world, login, ede):
    client = login(world.users["pos"])
    first = client.post(REGISTER, registration(ede))
    second = client.post(REGISTER, registration(ede))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Er is al een POS-kantoor met deze naam." in second.content.decode()
    assert Office.objects.filter(name="POS-kantoor Ede").count() == 1


def test_a_registration_that_starts_tomorrow_is_refused_at_its_field(world, login, ede):
    response = login(world.users["pos"]).post(
        REGISTER, registration(ede, started_on=TOMORROW.isoformat())
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"started_on": ["Deze datum ligt in de toekomst."]}
    assert not Office.objects.filter(name="POS-kantoor Ede").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "K" * 121),
        ("members_needed", "0"),
        ("members_needed", "101"),
        ("initiative", "onbekend"),
        ("started_on", "31-02-2026"),
    ],
)
def test_bad_registration_input_is_refused_at_its_field_and_nothing_saved(
    world, login, ede, field, value
):
    response = login(world.users["pos"]).post(REGISTER, registration(ede, **{field: value}))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Office.objects.count() == 2


def test_more_than_ten_initiators_are_refused(world, login, ede):
    addresses = "\n".join(f"persoon{n}@example.invalid" for n in range(11))
    response = login(world.users["pos"]).post(REGISTER, registration(ede, initiators=addresses))

    assert response.context["form"].errors == {
        "initiators": ["Geef ten hoogste 10 initiatiefnemers op."]
    }
    assert Office.objects.count() == 2


def test_ten_initiators_separated_by_commas_are_accepted(world, login, ede):
    addresses = ", ".join(f"persoon{n}@example.invalid" for n in range(10))
    response = login(world.users["pos"]).post(REGISTER, registration(ede, initiators=addresses))

    office = Office.objects.get(name="POS-kantoor Ede")
    assert response.status_code == 302
    assert RoleGrant.objects.filter(office=office, role=Role.LEAD).count() == 10


def test_a_registration_says_so_on_the_checklist_it_leads_to(world, login, ede):
    client = login(world.users["pos"])
    response = client.post(REGISTER, registration(ede), follow=True)

    page = response.content.decode()
    assert "POS-kantoor Ede staat nu in oprichting." in page
    assert "<h1>Oprichting POS-kantoor Ede</h1>" in page
    assert "In oprichting sinds" in page and "(0 dagen)" in page


# --- the checklist --------------------------------------------------------------------------


def test_pos_keeps_the_checklist_of_any_office_in_founding(world, login, founding):
    page = login(world.users["pos"]).get(url(founding)).content.decode()

    assert page.count('name="action"') == 3
    assert "Het kantoor kan op opgericht als alle punten zijn gedaan. Nog open:" in page
    assert "eerste bijeenkomst, contact met de gemeente, eerste leden." in page


def test_a_complete_checklist_invites_to_mark_the_office_founded(world, login, founding):
    complete(founding)

    page = login(world.users["lead"]).get(url(founding)).content.decode()

    assert "Alle punten zijn gedaan. Vanaf de oprichtingsdatum" in page
    assert "Open:" not in page


def test_a_derived_item_says_it_follows_from_the_data(world, login, founding):
    page = login(world.users["lead"]).get(url(founding)).content.decode()

    assert "Kartrekker: Kees Kartrekker. " in page
    assert page.count("(volgt uit de gegevens in Kapstok)") == 1


def test_a_first_meeting_tomorrow_comes_back_with_a_dutch_error(world, login, founding):
    response = login(world.users["lead"]).post(
        url(founding), {"action": "meeting", "meeting-held_on": TOMORROW.isoformat()}
    )

    assert response.status_code == 400
    assert response.context["forms"]["meeting"].errors == {
        "held_on": ["Deze datum ligt in de toekomst."]
    }
    assert FoundingChecklist.objects.get(office=founding).first_meeting_on is None


def test_an_overlong_meeting_note_is_refused(world, login, founding):
    response = login(world.users["lead"]).post(
        url(founding),
        {"action": "meeting", "meeting-held_on": TODAY.isoformat(), "meeting-note": "x" * 501},
    )

    assert response.status_code == 400
    assert list(response.context["forms"]["meeting"].errors) == ["note"]
    assert FoundingChecklist.objects.get(office=founding).first_meeting_on is None


def test_a_nul_byte_in_a_name_or_note_is_dropped_before_it_is_saved(world, login, founding, ede):
    client = login(world.users["pos"])
    client.post(REGISTER, registration(ede, name="POS-kantoor\x00 Wageningen"))
    client.post(
        url(founding),
        {"action": "meeting", "meeting-held_on": TODAY.isoformat(), "meeting-note": "Acht\x00."},
    )

    assert Office.objects.filter(name="POS-kantoor Wageningen").exists()
    assert FoundingChecklist.objects.get(office=founding).first_meeting_note == "Acht."


def test_the_municipality_contact_is_recorded_from_the_page(world, login, founding):
    client = login(world.users["lead"])
    response = client.post(
        url(founding),
        {
            "action": "contact",
            "contact-contact_with": "Mevrouw Jansen, beleidsadviseur",
            "contact-contact_on": datetime.date(2026, 1, 6).isoformat(),
            "contact-note": "",
        },
    )

    assert response.status_code == 302
    page = " ".join(client.get(url(founding)).content.decode().split())
    assert "Het contact met de gemeente is vastgelegd." in page
    assert "Met Mevrouw Jansen, beleidsadviseur op 6 januari 2026." in page
    assert 'value="Mevrouw Jansen, beleidsadviseur"' in page  # the form shows what was saved


def test_the_first_meeting_sent_twice_is_one_record_with_the_same_day(world, login, founding):
    client = login(world.users["lead"])
    data = {"action": "meeting", "meeting-held_on": TODAY.isoformat(), "meeting-note": "Acht."}
    client.post(url(founding), data)
    client.post(url(founding), data)

    record = FoundingChecklist.objects.get(office=founding)
    assert (record.first_meeting_on, record.first_meeting_note) == (TODAY, "Acht.")
    assert FoundingChecklist.objects.count() == 1


def test_an_unknown_action_is_refused(world, login, founding):
    response = login(world.users["pos"]).post(url(founding), {"action": "delete"})

    assert response.status_code == 403


def test_a_founded_office_shows_its_checklist_as_a_record_that_cannot_be_changed(
    world, login, founding
):
    complete(founding)
    found(founding, on=TODAY - datetime.timedelta(days=10))
    client = login(world.users["lead"])

    page = client.get(url(founding)).content.decode()
    refused = client.post(
        url(founding), {"action": "meeting", "meeting-held_on": TODAY.isoformat()}
    )

    assert "Opgericht op" in page and "na 20 dagen in oprichting" in page
    assert 'name="action"' not in page and "Lid toevoegen" not in page
    assert refused.status_code == 403
    assert FoundingChecklist.objects.get(office=founding).first_meeting_on == STARTED


def test_an_office_without_checklist_has_no_founding_page(world, login):
    assert login(world.users["pos"]).get(url(world.office)).status_code == 404


def test_the_civil_servant_of_the_municipality_may_not_see_the_checklist(
    world, login, founding, ede
):
    servant = world.users["civil_servant"]
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=ede, starts_on=STARTED)

    assert login(servant).get(url(founding)).status_code == 403


def test_a_refused_tick_leaves_the_timeline_as_it_was(world, login, founding):
    before = OfficeEvent.objects.filter(office=founding).count()
    login(world.users["lead"]).post(
        url(founding), {"action": "complete", "complete-founded_on": TODAY.isoformat()}
    )

    assert OfficeEvent.objects.filter(office=founding).count() == before


# --- the overview ---------------------------------------------------------------------------


def test_the_overview_says_when_no_office_is_founding(world, login):
    page = login(world.users["pos"]).get(OVERVIEW).content.decode()

    assert "Er is op dit moment geen kantoor in oprichting." in page
    assert "0 kantoren in oprichting" in page
    assert "Het afgelopen jaar opgericht" not in page


def test_the_overview_marks_an_office_ready_to_be_founded(world, login, founding):
    complete(founding)

    page = login(world.users["pos"]).get(OVERVIEW).content.decode()

    assert "Klaar om op opgericht te zetten" in page
    assert "4 van 4" in page


def test_the_overview_lists_what_was_founded_this_year_with_its_duration(world, login, founding):
    complete(founding)
    found(founding, on=TODAY - datetime.timedelta(days=5))

    page = " ".join(login(world.users["pos"]).get(OVERVIEW).content.decode().split())

    assert "Het afgelopen jaar opgericht" in page
    assert "Kantoor Ede</a>: opgericht op" in page
    assert "na 25 dagen in oprichting" in page
    assert "Er is op dit moment geen kantoor in oprichting." in page


def test_the_overview_s_queries_stay_flat_as_offices_are_added(world, login, founding):
    client = login(world.users["pos"])
    client.get(OVERVIEW)
    with CaptureQueriesContext(connection) as one:
        client.get(OVERVIEW)
    for _ in range(4):
        office = FoundingChecklistFactory(
            office__municipalities=[MunicipalityFactory()], started_on=STARTED
        ).office
        grant_role(user=world.users["lead"], role=Role.LEAD, scope=office, starts_on=STARTED)
        MembershipFactory(office=office)
    with CaptureQueriesContext(connection) as five:
        response = client.get(OVERVIEW)

    assert "5 kantoren in oprichting" in response.content.decode()
    assert len(five) == len(one)


# --- the office page ------------------------------------------------------------------------


def test_the_municipality_sees_the_founding_progress_but_no_way_to_the_checklist(
    world, login, founding, ede
):
    servant = world.users["civil_servant"]
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=ede, starts_on=STARTED)

    response = login(servant).get(f"/netwerk/kantoren/{founding.slug}/")

    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Dit kantoor is in oprichting sinds" in page
    # Her own role ticks the municipality contact: the kartrekker and she make two.
    assert "2 van de 4 punten van de checklist zijn gedaan." in page
    assert url(founding) not in page


def test_a_founded_office_s_page_no_longer_shows_the_founding(world, login, founding):
    complete(founding)
    found(founding)

    page = login(world.users["lead"]).get(f"/netwerk/kantoren/{founding.slug}/").content.decode()

    assert "Dit kantoor is in oprichting sinds" not in page
    assert url(founding) not in page  # neither in the summary nor in the office's navigation
