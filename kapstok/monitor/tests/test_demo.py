"""The monitor's demo: last year's closed wave for offices A–E, answered, with snapshots."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.home.demo_monitor import monitor_seed
from kapstok.monitor.models import Answer, Response, WaveStatus
from kapstok.network.factories import OfficeFactory


@pytest.fixture
def report_offices(db):
    offices = {}
    for letter in "ABCDE":
        office = OfficeFactory(name=f"Kantoor {letter}", slug=f"kantoor-{letter.lower()}")
        lead = UserFactory(email=f"lead-{letter.lower()}@example.invalid")
        grant_role(user=lead, role=Role.LEAD, scope=office)
        offices[letter] = office
    return offices


def test_the_demo_has_a_closed_and_an_open_wave(report_offices):
    pos = UserFactory(email="pos@example.invalid")
    today = timezone.localdate()
    closed, current = monitor_seed(offices=report_offices, pos=pos, today=today)
    assert closed.status == WaveStatus.CLOSED and closed.year == today.year - 1
    assert current.status == WaveStatus.OPEN and current.closes_on > today
    submitted = Response.objects.filter(invitation__wave=closed, submitted_at__isnull=False)
    audiences = set(submitted.values_list("invitation__office__name", "invitation__audience"))
    assert {(f"Kantoor {x}", "lead") for x in "ABCDE"} <= audiences
    assert {(f"Kantoor {x}", "municipality") for x in "ABCE"} <= audiences
    assert closed.snapshots.count() == 5
    assert Answer.objects.filter(response__invitation__wave=closed).count() > 100
    in_progress = Response.objects.filter(invitation__wave=current, submitted_at__isnull=True)
    assert in_progress.exists()


def test_the_demo_can_be_seeded_twice(report_offices):
    pos = UserFactory(email="pos@example.invalid")
    today = timezone.localdate()
    monitor_seed(offices=report_offices, pos=pos, today=today)
    first = Answer.objects.count()
    monitor_seed(offices=report_offices, pos=pos, today=today + datetime.timedelta(days=1))
    assert Answer.objects.count() == first
