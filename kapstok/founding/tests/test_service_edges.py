"""Edges of the founding services: boundaries of dates and numbers, corrections, and that a
refusal anywhere in a registration leaves nothing behind."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.founding import services
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.founding.models import FoundingChecklist
from kapstok.network import services as network_services
from kapstok.network.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from kapstok.network.models import EventKind, Office, OfficeEvent, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=10)


def register(**overrides):
    values = {
        "name": "POS-kantoor Ede",
        "municipalities": [MunicipalityFactory(name="Ede")],
        "initiative": "entrepreneurs",
        "started_on": START,
        "initiator_emails": ["anna@example.invalid"],
        "members_needed": 1,
    }
    return services.founding_register(**(values | overrides))


def ready_to_found(office):
    """Every item done: a kartrekker (from registration), a meeting, a contact, a member."""
    services.first_meeting_record(office=office, held_on=START)
    services.municipality_contact_record(
        office=office, contact_on=START, contact_with="Mevrouw Jansen, beleidsadviseur"
    )
    MembershipFactory(office=office, joined_on=START)


def test_a_founding_may_start_today():
    office = register(started_on=TODAY)

    assert office.founding.started_on == TODAY


def test_without_a_start_date_the_founding_starts_today():
    office = register(started_on=None)

    assert office.founding.started_on == TODAY


def test_the_office_name_is_stored_without_surrounding_spaces():
    office = register(name="  POS-kantoor Ede  ")

    assert office.name == "POS-kantoor Ede"


def test_a_name_equal_to_an_existing_founded_office_is_refused():
    OfficeFactory(name="POS-kantoor Ede")

    with pytest.raises(ValidationError) as error:
        register(name="POS-KANTOOR EDE")

    assert error.value.message_dict == {"name": ["Er is al een POS-kantoor met deze naam."]}
    assert Office.objects.count() == 1


@pytest.mark.parametrize("needed", [0, 101])
def test_members_needed_outside_one_to_a_hundred_is_refused_and_nothing_saved(needed):
    with pytest.raises(ValidationError) as error:
        register(members_needed=needed)

    assert "members_needed" in error.value.message_dict
    assert not Office.objects.exists()
    assert not FoundingChecklist.objects.exists()
    assert not User.objects.filter(email="anna@example.invalid").exists()


@pytest.mark.parametrize("needed", [1, 100])
def test_members_needed_of_one_and_a_hundred_are_accepted(needed):
    office = register(members_needed=needed)

    assert office.founding.members_needed == needed


def test_a_registration_without_initiators_has_no_kartrekker():
    office = register(initiator_emails=[])

    assert not RoleGrant.objects.filter(office=office).exists()


def test_a_registration_says_on_the_office_timeline_since_when_it_is_founding():
    office = register(started_on=datetime.date(2026, 1, 5))

    summaries = list(OfficeEvent.objects.filter(office=office).values_list("summary", flat=True))
    assert summaries.count("Het kantoor is in oprichting sinds 5 januari 2026.") == 1


def test_recording_the_first_meeting_again_corrects_it():
    office = register()
    services.first_meeting_record(office=office, held_on=START, note="Eerste versie.")

    services.first_meeting_record(office=office, held_on=START + datetime.timedelta(days=1))

    record = FoundingChecklist.objects.get(office=office)
    assert record.first_meeting_on == START + datetime.timedelta(days=1)
    assert record.first_meeting_note == ""


def test_a_first_meeting_today_is_accepted():
    office = register()

    services.first_meeting_record(office=office, held_on=TODAY)

    assert FoundingChecklist.objects.get(office=office).first_meeting_on == TODAY


def test_an_overlong_meeting_note_is_refused_and_nothing_saved():
    office = register()

    with pytest.raises(ValidationError):
        services.first_meeting_record(office=office, held_on=TODAY, note="x" * 501)

    assert FoundingChecklist.objects.get(office=office).first_meeting_on is None
    assert not OfficeEvent.objects.filter(office=office, kind=EventKind.MEETING_HELD).exists()


def test_the_municipality_contact_is_stored_trimmed_and_named_on_the_timeline():
    office = register()

    services.municipality_contact_record(
        office=office,
        contact_on=datetime.date(2026, 1, 6),
        contact_with="  Wethouder De Vries ",
        note=" Positief. ",
    )

    record = FoundingChecklist.objects.get(office=office)
    assert (record.municipality_contact_with, record.municipality_contact_note) == (
        "Wethouder De Vries",
        "Positief.",
    )
    assert OfficeEvent.objects.filter(
        office=office, summary="Contact met de gemeente: Wethouder De Vries, op 6 januari 2026."
    ).exists()


def test_a_municipality_contact_in_the_future_is_refused():
    office = register()

    with pytest.raises(ValidationError) as error:
        services.municipality_contact_record(
            office=office, contact_on=TODAY + datetime.timedelta(days=1), contact_with="Wethouder"
        )

    assert error.value.message_dict == {"contact_on": ["Deze datum ligt in de toekomst."]}
    assert FoundingChecklist.objects.get(office=office).municipality_contact_on is None


def test_a_municipality_contact_on_a_founded_office_is_refused():
    office = register()
    ready_to_found(office)
    services.founding_complete(office=office, founded_on=TODAY)

    with pytest.raises(ValidationError) as error:
        services.municipality_contact_record(office=office, contact_on=TODAY, contact_with="X")

    assert error.value.messages == [
        "POS-kantoor Ede is niet (meer) in oprichting; de checklist ligt vast."
    ]
    assert FoundingChecklist.objects.get(office=office).municipality_contact_with == (
        "Mevrouw Jansen, beleidsadviseur"
    )


def test_an_office_never_registered_in_founding_cannot_be_ticked_or_founded():
    office = OfficeFactory(status=OfficeStatus.FOUNDING, founded_on=None)

    with pytest.raises(ValidationError):
        services.first_meeting_record(office=office, held_on=TODAY)
    with pytest.raises(ValidationError):
        services.founding_complete(office=office, founded_on=TODAY)
    office.refresh_from_db()
    assert office.status == OfficeStatus.FOUNDING


def test_an_office_may_be_founded_on_the_day_its_founding_started():
    office = register()
    ready_to_found(office)

    services.founding_complete(office=office, founded_on=START)

    office.refresh_from_db()
    assert (office.status, office.founded_on) == (OfficeStatus.ACTIVE, START)


def test_a_founding_date_in_the_future_is_refused_even_with_everything_done():
    office = register()
    ready_to_found(office)

    with pytest.raises(ValidationError) as error:
        services.founding_complete(office=office, founded_on=TODAY + datetime.timedelta(days=1))

    assert error.value.message_dict == {"founded_on": ["Deze datum ligt in de toekomst."]}
    office.refresh_from_db()
    assert (office.status, office.founded_on) == (OfficeStatus.FOUNDING, None)


def test_a_founding_date_too_early_names_the_start_of_the_founding():
    office = register(started_on=datetime.date(2026, 1, 5))
    ready_to_found(office)

    with pytest.raises(ValidationError) as error:
        services.founding_complete(office=office, founded_on=datetime.date(2026, 1, 4))

    assert error.value.message_dict == {
        "founded_on": [
            "De oprichtingsdatum ligt vóór het begin van de oprichting (5 januari 2026)."
        ]
    }


def test_an_office_whose_only_kartrekker_stopped_cannot_be_founded():
    office = register()
    ready_to_found(office)
    RoleGrant.objects.filter(office=office, role=Role.LEAD).update(ends_on=START)

    with pytest.raises(ValidationError) as error:
        services.founding_complete(office=office, founded_on=TODAY)

    assert error.value.message_dict["founded_on"][0].endswith(
        "nog niet gedaan is initiatiefnemers."
    )


def test_a_stale_office_object_cannot_be_founded_a_second_time():
    office = register()
    ready_to_found(office)
    stale = Office.objects.get(pk=office.pk)
    services.founding_complete(office=office, founded_on=TODAY)

    with pytest.raises(ValidationError):
        services.founding_complete(office=stale, founded_on=START)

    assert Office.objects.get(pk=office.pk).founded_on == TODAY
    assert OfficeEvent.objects.filter(office=office, summary__contains="opgericht op").count() == 1


def test_the_factory_checklist_starts_with_nothing_ticked_by_hand():
    record = FoundingChecklistFactory()

    assert (record.first_meeting_on, record.municipality_contact_on) == (None, None)
    assert record.office.is_founding


def test_an_office_registered_between_the_name_check_and_the_save_is_refused_by_name(
    monkeypatch,
):
    """The race of a form sent twice, played in one thread: the other request commits the
    same office after this one checked the name and chose the web address, so the model's
    unique check refuses the web address. The person reads that the name is taken."""
    other = OfficeFactory(name="POS-kantoor Ede", slug="pos-kantoor-ede")
    checks = []

    def name_free_at_the_first_check(name):
        checks.append(name)
        return len(checks) > 1 and Office.objects.filter(name__iexact=name).exists()

    monkeypatch.setattr(services, "office_name_taken", name_free_at_the_first_check)
    monkeypatch.setattr(network_services, "unique_office_slug", lambda name, **kw: other.slug)

    with pytest.raises(ValidationError) as error:
        register(name="POS-kantoor Ede")

    assert error.value.message_dict == {"name": ["Er is al een POS-kantoor met deze naam."]}
    assert len(checks) == 2
    assert list(Office.objects.all()) == [other]
    assert not FoundingChecklist.objects.exists()


def test_another_refusal_of_the_save_is_passed_on_as_it_is(monkeypatch):
    """Only a clash with an office of the same name becomes "name taken"."""

    def refuse(**kwargs):
        raise ValidationError({"municipalities": ["Kies ten minste één gemeente."]})

    monkeypatch.setattr(network_services, "office_save", refuse)

    with pytest.raises(ValidationError) as error:
        register()

    assert error.value.message_dict == {"municipalities": ["Kies ten minste één gemeente."]}
