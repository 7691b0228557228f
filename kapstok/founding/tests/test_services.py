"""Founding an office: registering it, ticking what the data cannot know, marking it founded.

Every refusal is a Dutch message at the field it concerns, and nothing is saved.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.accounts.services import grant_role
from kapstok.founding import selectors, services
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.founding.models import FoundingChecklist
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, MunicipalityFactory
from kapstok.network.models import EventKind, Office, OfficeEvent, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=40)


def register(**overrides):
    values = {
        "name": "POS-kantoor Ede",
        "municipalities": [MunicipalityFactory(name="Ede")],
        "initiative": "entrepreneurs",
        "started_on": START,
        "initiator_emails": ["anna@example.invalid", "bart@example.invalid"],
        "members_needed": 2,
    }
    return services.founding_register(**(values | overrides))


def messages_of(error: pytest.ExceptionInfo) -> dict:
    return error.value.message_dict


def test_registering_makes_an_office_in_founding_without_a_founding_date():
    office = register()

    assert office.status == OfficeStatus.FOUNDING
    assert office.founded_on is None
    assert office.founding.started_on == START
    assert office.founding.members_needed == 2
    assert OfficeEvent.objects.filter(office=office, summary__contains="in oprichting").exists()


def test_each_initiator_becomes_a_kartrekker_from_the_start_of_the_founding():
    office = register()

    grants = RoleGrant.objects.filter(office=office, role=Role.LEAD).order_by("user__email")
    assert [(g.user.email, g.starts_on, g.ends_on) for g in grants] == [
        ("anna@example.invalid", START, None),
        ("bart@example.invalid", START, None),
    ]


def test_an_initiator_with_an_account_keeps_it():
    anna = UserFactory(email="anna@example.invalid", full_name="Anna Aanjager")
    office = register(initiator_emails=["anna@example.invalid"])

    assert User.objects.filter(email="anna@example.invalid").count() == 1
    assert RoleGrant.objects.get(office=office).user == anna


def test_a_second_office_of_the_same_name_is_refused_and_nothing_is_saved():
    register()
    with pytest.raises(ValidationError) as error:
        register(name="pos-kantoor ede", initiator_emails=["carla@example.invalid"])

    assert messages_of(error) == {"name": ["Er is al een POS-kantoor met deze naam."]}
    assert Office.objects.count() == 1
    assert not User.objects.filter(email="carla@example.invalid").exists()


def test_a_founding_that_starts_in_the_future_is_refused():
    with pytest.raises(ValidationError) as error:
        register(started_on=TODAY + datetime.timedelta(days=1))

    assert messages_of(error) == {"started_on": ["Deze datum ligt in de toekomst."]}
    assert not Office.objects.exists()


def test_an_office_without_municipality_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        register(municipalities=[])

    assert messages_of(error) == {"municipalities": ["Kies ten minste één gemeente."]}
    assert not Office.objects.exists()
    assert not User.objects.exists()


def test_the_database_refuses_a_founded_office_without_a_date():
    office = register()
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.filter(pk=office.pk).update(status=OfficeStatus.ACTIVE)


def test_the_database_refuses_a_founding_office_with_a_date():
    office = register()
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.filter(pk=office.pk).update(founded_on=TODAY)


def test_the_first_meeting_is_ticked_with_its_date_and_note_and_on_the_timeline():
    office = register()
    held = START + datetime.timedelta(days=7)

    services.first_meeting_record(office=office, held_on=held, note="  Twaalf ondernemers.  ")

    checklist = FoundingChecklist.objects.get(office=office)
    assert (checklist.first_meeting_on, checklist.first_meeting_note) == (
        held,
        "Twaalf ondernemers.",
    )
    assert OfficeEvent.objects.filter(office=office, kind=EventKind.MEETING_HELD).count() == 1


def test_a_first_meeting_in_the_future_is_refused():
    office = register()
    with pytest.raises(ValidationError) as error:
        services.first_meeting_record(office=office, held_on=TODAY + datetime.timedelta(days=2))

    assert messages_of(error) == {"held_on": ["Deze datum ligt in de toekomst."]}
    assert FoundingChecklist.objects.get(office=office).first_meeting_on is None


def test_a_municipality_contact_needs_to_say_with_whom():
    office = register()
    with pytest.raises(ValidationError) as error:
        services.municipality_contact_record(office=office, contact_on=TODAY, contact_with="  ")

    assert messages_of(error) == {
        "contact_with": ["Vul in met wie bij de gemeente er contact was."]
    }
    assert FoundingChecklist.objects.get(office=office).municipality_contact_on is None


def test_the_database_refuses_a_contact_date_without_whom():
    checklist = FoundingChecklistFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FoundingChecklist.objects.filter(pk=checklist.pk).update(municipality_contact_on=TODAY)


def test_an_office_that_is_not_founding_keeps_its_checklist_as_it_is():
    checklist = FoundingChecklistFactory()
    office = checklist.office
    Office.objects.filter(pk=office.pk).update(status=OfficeStatus.ACTIVE, founded_on=TODAY)

    with pytest.raises(ValidationError) as error:
        services.first_meeting_record(office=office, held_on=TODAY)

    assert "niet (meer) in oprichting" in error.value.messages[0]
    assert FoundingChecklist.objects.get(pk=checklist.pk).first_meeting_on is None


def complete_the_checklist(office):
    """Hand-ticked meeting and contact, the data's kartrekkers and two members."""
    services.first_meeting_record(office=office, held_on=START)
    services.municipality_contact_record(
        office=office, contact_on=START, contact_with="Wethouder De Vries"
    )
    for name in ("Yoga Ede", "Boks Ede"):
        MembershipFactory(
            office=office, entrepreneur=EntrepreneurFactory(business_name=name), joined_on=START
        )


def test_marking_founded_says_what_is_missing_and_saves_nothing():
    office = register(initiator_emails=[])
    services.first_meeting_record(office=office, held_on=START)

    with pytest.raises(ValidationError) as error:
        services.founding_complete(office=office, founded_on=TODAY)

    assert messages_of(error) == {
        "founded_on": [
            "Het kantoor kan nog niet op opgericht: nog niet gedaan is initiatiefnemers, "
            "contact met de gemeente, eerste leden."
        ]
    }
    office.refresh_from_db()
    assert (office.status, office.founded_on) == (OfficeStatus.FOUNDING, None)


def test_a_complete_checklist_marks_the_office_founded_on_that_date():
    office = register()
    complete_the_checklist(office)
    founded = TODAY - datetime.timedelta(days=1)

    services.founding_complete(office=office, founded_on=founded)

    office.refresh_from_db()
    assert (office.status, office.founded_on) == (OfficeStatus.ACTIVE, founded)
    assert OfficeEvent.objects.filter(office=office, summary__startswith="Het kantoor is opgericht")
    assert selectors.checklist_of(office).days_in_founding == (founded - START).days


def test_a_founding_date_before_the_founding_started_is_refused():
    office = register()
    complete_the_checklist(office)

    with pytest.raises(ValidationError) as error:
        services.founding_complete(office=office, founded_on=START - datetime.timedelta(days=1))

    assert "vóór het begin van de oprichting" in messages_of(error)["founded_on"][0]
    office.refresh_from_db()
    assert office.status == OfficeStatus.FOUNDING


def test_marking_founded_twice_is_refused_the_second_time():
    office = register()
    complete_the_checklist(office)
    services.founding_complete(office=office, founded_on=TODAY)

    with pytest.raises(ValidationError):
        services.founding_complete(office=office, founded_on=START)
    office.refresh_from_db()
    assert office.founded_on == TODAY


def test_a_civil_servant_in_kapstok_ticks_the_municipality_contact_by_itself():
    ede = MunicipalityFactory(name="Ede")
    office = register(municipalities=[ede])
    servant = UserFactory(full_name="Gerda Gemeente")
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=ede, starts_on=START)

    item = selectors.checklist_of(office).item("municipality_contact")

    assert item.done and item.derived
    assert item.done_on == START
    assert "Gerda Gemeente" in item.detail
