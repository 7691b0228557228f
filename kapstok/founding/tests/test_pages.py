"""The founding pages as POS and a kartrekker use them, and offices in founding kept out of
what counts founded offices (national figures, the public map, the landscape overview)."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.services import grant_role
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.founding.models import FoundingChecklist
from kapstok.network.factories import MembershipFactory, MunicipalityFactory
from kapstok.network.models import Office, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OVERVIEW = "/netwerk/oprichting/"
REGISTER = "/netwerk/oprichting/nieuw/"


@pytest.fixture
def founding(world):
    """Kantoor Ede in founding since 60 days, with Utrecht's lead as its kartrekker too."""
    checklist = FoundingChecklistFactory(
        office__name="Kantoor Ede",
        office__slug="kantoor-ede",
        office__municipalities=[MunicipalityFactory(code="GM0228", name="Ede")],
        started_on=TODAY - datetime.timedelta(days=60),
        members_needed=1,
    )
    grant_role(
        user=world.users["lead"],
        role=Role.LEAD,
        scope=checklist.office,
        starts_on=TODAY - datetime.timedelta(days=60),
    )
    return checklist.office


def checklist_url(office) -> str:
    return f"/netwerk/kantoren/{office.slug}/oprichting/"


def test_pos_sees_every_office_in_founding_with_progress_and_age(
    world, login, founding, django_assert_max_num_queries
):
    client = login(world.users["pos"])
    with django_assert_max_num_queries(15):
        response = client.get(OVERVIEW)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kantoor Ede" in page and "Ede" in page
    assert "1 van 4" in page  # the kartrekker
    assert ">60<" in page  # days in founding
    assert "Kantoor Utrecht" not in page


def test_pos_registers_an_office_in_founding_with_its_initiators(world, login):
    ede = MunicipalityFactory(code="GM0228", name="Ede")
    client = login(world.users["pos"])
    response = client.post(
        REGISTER,
        {
            "name": "POS-kantoor Ede",
            "municipalities": [ede.pk],
            "initiative": "entrepreneurs",
            "started_on": TODAY.isoformat(),
            "initiators": "anna@example.invalid\nBart@Example.invalid; anna@example.invalid",
            "members_needed": "4",
        },
    )

    office = Office.objects.get(name="POS-kantoor Ede")
    assert response.status_code == 302
    assert response["Location"] == checklist_url(office)
    assert office.status == OfficeStatus.FOUNDING and office.founded_on is None
    assert sorted(
        RoleGrant.objects.filter(office=office).values_list("user__email", flat=True)
    ) == [
        "anna@example.invalid",
        "bart@example.invalid",
    ]


def test_a_wrong_initiator_address_is_refused_in_dutch_and_nothing_saved(world, login):
    ede = MunicipalityFactory(code="GM0228", name="Ede")
    client = login(world.users["pos"])
    response = client.post(
        REGISTER,
        {
            "name": "POS-kantoor Ede",
            "municipalities": [ede.pk],
            "initiative": "entrepreneurs",
            "started_on": TODAY.isoformat(),
            "initiators": "anna@example.invalid\nbart-at-example",
            "members_needed": "4",
        },
    )

    assert response.status_code == 200
    assert "&#x27;bart-at-example&#x27; is geen geldig e-mailadres." in response.content.decode()
    assert not Office.objects.filter(name="POS-kantoor Ede").exists()


def test_an_empty_registration_shows_its_errors(world, login):
    response = login(world.users["pos"]).post(REGISTER, {})

    assert "Dit veld is verplicht." in response.content.decode()
    assert Office.objects.count() == 2


def test_the_lead_ticks_the_first_meeting_on_the_checklist(world, login, founding):
    client = login(world.users["lead"])
    held = TODAY - datetime.timedelta(days=3)
    response = client.post(
        checklist_url(founding),
        {"action": "meeting", "meeting-held_on": held.isoformat(), "meeting-note": "Acht."},
    )

    assert response.status_code == 302
    assert FoundingChecklist.objects.get(office=founding).first_meeting_on == held
    page = client.get(checklist_url(founding)).content.decode()
    assert "De eerste bijeenkomst is vastgelegd." in page
    # Done or open is said in words, not only by the symbol's colour or shape.
    assert "Gedaan: Eerste bijeenkomst" in " ".join(page.split())


def test_a_contact_without_whom_comes_back_with_a_dutch_error(world, login, founding):
    response = login(world.users["lead"]).post(
        checklist_url(founding),
        {"action": "contact", "contact-contact_on": TODAY.isoformat(), "contact-contact_with": ""},
    )

    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert FoundingChecklist.objects.get(office=founding).municipality_contact_on is None


def test_marking_founded_too_early_names_what_is_missing(world, login, founding):
    response = login(world.users["pos"]).post(
        checklist_url(founding), {"action": "complete", "complete-founded_on": TODAY.isoformat()}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "nog niet gedaan is eerste bijeenkomst, contact met de gemeente, eerste leden" in page
    founding.refresh_from_db()
    assert founding.status == OfficeStatus.FOUNDING


def test_a_complete_checklist_is_marked_founded_from_the_page(world, login, founding):
    record = founding.founding
    record.first_meeting_on = TODAY - datetime.timedelta(days=20)
    record.municipality_contact_on = TODAY - datetime.timedelta(days=10)
    record.municipality_contact_with = "Wethouder Sport"
    record.save()
    MembershipFactory(office=founding, joined_on=TODAY - datetime.timedelta(days=5))
    client = login(world.users["lead"])

    response = client.post(
        checklist_url(founding), {"action": "complete", "complete-founded_on": TODAY.isoformat()}
    )

    founding.refresh_from_db()
    assert response.status_code == 302
    assert (founding.status, founding.founded_on) == (OfficeStatus.ACTIVE, TODAY)
    page = client.get(checklist_url(founding)).content.decode()
    assert "na 60 dagen in oprichting" in page
    assert 'name="action"' not in page  # a founded office's checklist is a record


def test_a_lead_of_another_office_may_not_tick_the_checklist(world, login, founding):
    response = login(world.users["other_lead"]).post(
        checklist_url(founding), {"action": "meeting", "meeting-held_on": TODAY.isoformat()}
    )

    assert response.status_code == 403
    assert FoundingChecklist.objects.get(office=founding).first_meeting_on is None


def test_the_office_page_shows_the_founding_progress_instead_of_a_founding_date(
    world, login, founding
):
    page = login(world.users["lead"]).get(f"/netwerk/kantoren/{founding.slug}/").content.decode()

    assert "in oprichting" in page
    assert "2 van de 4 punten" not in page and "1 van de 4 punten" in page
    assert checklist_url(founding) in page
    assert "opgericht " not in page.split("<h1>")[1].split("</p>")[0]


def test_the_lead_finds_the_checklist_as_to_do_on_the_start_page(world, login, founding):
    page = login(world.users["lead"]).get("/start/").content.decode()

    assert "Oprichting Kantoor Ede: 1 van 4 punten gedaan" in page
    assert checklist_url(founding) in page


def test_pos_finds_the_overview_on_the_start_page_and_in_the_menu(world, login, founding):
    page = login(world.users["pos"]).get("/start/").content.decode()

    assert "1 kantoor in oprichting" in page
    assert page.count(f'href="{OVERVIEW}"') >= 2


# --- offices in founding are not counted as founded offices ----------------------------------


def test_the_national_dashboard_does_not_count_an_office_in_founding(world, login, founding):
    MembershipFactory(office=founding)
    response = login(world.users["pos"]).get("/netwerk/dashboard/")

    assert response.context["figures"]["offices"] == 2
    assert "Kantoor Ede" not in response.content.decode()


def test_the_research_overview_counts_founded_offices_only(world, founding):
    from kapstok.network.selectors import research_overview

    figures = research_overview()

    assert figures["office_count"] == 2
    assert figures["municipality_count"] == 2


def test_the_public_map_and_office_page_leave_an_office_in_founding_out(world, client, founding):
    from kapstok.public.selectors import public_offices

    assert founding not in public_offices()
    assert client.get(f"/kantoren/{founding.slug}/").status_code == 404


def test_the_landscape_overview_and_regions_leave_an_office_in_founding_out(world, founding):
    from kapstok.peers.selectors import office_profiles
    from kapstok.representation.selectors import landscape_statuses

    assert founding not in [status.office for status in landscape_statuses()]
    assert founding.pk not in [profile.office_id for profile in office_profiles()]


def test_founding_offices_get_no_stall_signals(world, founding):
    from kapstok.progress.services import signals_compute

    signals_compute()

    assert not founding.signals.exists()


def test_the_office_form_cannot_skip_the_checklist(world, login, founding):
    client = login(world.users["pos"])
    response = client.post(
        f"/netwerk/kantoren/{founding.slug}/bewerken/",
        {
            "name": "Kantoor Ede",
            "municipalities": [m.pk for m in founding.municipalities.all()],
            "founded_on": TODAY.isoformat(),
            "initiative": "joint",
            "legal_form": "none",
            "status": "active",
        },
    )

    assert response.status_code == 302
    founding.refresh_from_db()
    assert (founding.status, founding.founded_on) == (OfficeStatus.FOUNDING, None)


def test_a_founded_office_cannot_be_set_back_to_founding(world, login):
    page = login(world.users["pos"]).get("/netwerk/kantoren/kantoor-utrecht/bewerken/")

    choices = [value for value, _label in page.context["form"].fields["status"].choices]
    assert choices == ["active", "dormant", "dissolved"]
