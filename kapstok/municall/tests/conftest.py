"""The world of the root conftest, plus a second member of Kantoor Utrecht (Gym Henk, with a
member account of its own) and helpers that write calls and questions the way people do."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def henk(world):
    """Gym Henk, a second member of Kantoor Utrecht, with his own account."""
    gym = EntrepreneurFactory(
        business_name="Gym Henk", email="info@gym-henk.invalid", phone="06-11112222"
    )
    MembershipFactory(office=world.office, entrepreneur=gym, joined_on=datetime.date(2024, 1, 1))
    user = UserFactory(email="henk@example.invalid", full_name="Henk Haltères")
    grant_role(user=user, role=Role.MEMBER, scope=gym, starts_on=datetime.date(2000, 1, 1))
    world.users["henk"] = user
    world.gym = gym
    return user


@pytest.fixture
def viewer(world):
    def _viewer(persona):
        return viewer_for(world.users[persona])

    return _viewer


@pytest.fixture
def write_call(world, today):
    """A call from Gerrit (civil servant of Utrecht) to Kantoor Utrecht, still pending."""
    from kapstok.municall import services

    def _write(**fields):
        user = world.users["civil_servant"]
        values = {
            "title": "Sportdag voor ouderen",
            "text": "Op de sportdag bewegen ouderen bij ondernemers in de wijk.",
            "ask": "Een clinic van een uur",
            "deadline": today + datetime.timedelta(days=14),
            **fields,
        }
        return services.call_create(
            office=world.office, viewer=viewer_for(user), author=user, **values
        )

    return _write


@pytest.fixture
def open_call(world, write_call):
    """A call the lead shared with the members."""
    from kapstok.municall import services

    return services.call_approve(call=write_call(), actor=world.users["lead"])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what services do after the transaction commits (the members' mail)."""

    def _run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return _run
