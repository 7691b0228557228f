"""The world of the root conftest plus more members of Kantoor Utrecht, in two branches."""

import datetime

import pytest

from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, SportBranchFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def members(world):
    """Kantoor Utrecht: Yoga Marieke (fitness) plus three more, one padel, one without email."""
    padel = SportBranchFactory(slug="padel", name="Padel")
    fitness = SportBranchFactory(slug="fitness", name="Fitness")
    since = datetime.date(2024, 1, 1)
    extra = {
        "gym": EntrepreneurFactory(
            business_name="Gym Henk", branches=[fitness], phone="0612345678"
        ),
        "padel": EntrepreneurFactory(business_name="Padel Piet", branches=[padel]),
        "silent": EntrepreneurFactory(business_name="Stille Studio", branches=[fitness], email=""),
    }
    for entrepreneur in extra.values():
        MembershipFactory(office=world.office, entrepreneur=entrepreneur, joined_on=since)
    extra["yoga"] = world.member_entrepreneur
    world.padel, world.fitness = padel, fitness
    return extra


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Run the mail that services send after the transaction commits."""

    def _run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return _run
