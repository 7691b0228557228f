import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.membercheck import services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

SINCE = datetime.date(2020, 1, 1)


@pytest.fixture
def check(world):
    """This half year's round, open today for every active office of the world."""
    return services.round_open(today=timezone.localdate())


@pytest.fixture
def add_members(world):
    """`add_members(office, n)`: n more member businesses, each with its own account."""
    made = []

    def _add(office, count):
        users = []
        for _ in range(count):
            number = len(made) + 1
            entrepreneur = EntrepreneurFactory(business_name=f"Sportbedrijf {number}")
            MembershipFactory(office=office, entrepreneur=entrepreneur, joined_on=SINCE)
            user = UserFactory(email=f"lid-{number}@example.invalid", full_name=f"Lid {number}")
            grant_role(user=user, role=Role.MEMBER, scope=entrepreneur, starts_on=SINCE)
            made.append(user)
            users.append(user)
        return users

    return _add


def answers(value=4, relevance=3, time="1 tot 4 uur per maand", wish=""):
    return {"q10": str(value), "q20": str(relevance), "q30": time, "q40": wish}


@pytest.fixture
def answer(world):
    """`answer(wave, user, **values)`: a first answer through the service."""

    def _answer(wave, user, office=None, **values):
        return services.answer_save(
            wave=wave, office=office or world.office, user=user, data=answers(**values)
        )

    return _answer


@pytest.fixture
def close():
    """`close(wave)`: the round closes (the monitor's own service), so its figures show."""
    from kapstok.monitor.services import wave_close

    return lambda wave: wave_close(wave=wave)
