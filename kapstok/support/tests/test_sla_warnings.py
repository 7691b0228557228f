"""The daily SLA-warning job: the assignee hears before and at a breach."""

import datetime

import time_machine

from django.core import mail

from kapstok.home.scheduler import JOBS
from kapstok.support.services import sla_warnings_send

AMS = datetime.timezone(datetime.timedelta(hours=1))


def test_assignee_is_warned_on_the_day_before_the_target(world, support_request):
    support_request.assignee = world.users["pos"]
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    # "rechtsvorm": first response within 2 working days; on Tue 2 June 1 day has passed.
    assert sla_warnings_send(today=datetime.date(2026, 6, 2)) == 1
    assert mail.outbox[0].to == ["pos@example.invalid"]
    assert "bijna te laat" in mail.outbox[0].body


def test_no_mail_when_everything_is_on_time(world, support_request):
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    assert sla_warnings_send(today=datetime.date(2026, 6, 1)) == 0
    assert not mail.outbox


def test_late_unassigned_request_goes_to_pos_staff(world, support_request):
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    sla_warnings_send(today=datetime.date(2026, 6, 10))
    assert mail.outbox[0].to == ["pos@example.invalid"]
    assert "te laat" in mail.outbox[0].body


def test_the_job_is_scheduled_daily():
    assert "support_sla_warnings" in [job.name for job in JOBS]


def test_overdue_request_feeds_the_stall_signal(world, support_request):
    from kapstok.progress.facts import office_states

    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    states = office_states([world.office, world.other_office], datetime.date(2026, 6, 10))
    assert states[world.office.pk].stall.overdue_support_requests == 1
    assert states[world.other_office.pk].stall.overdue_support_requests == 0


def test_open_states_give_the_worse_clock_of_each_open_request(world, support_request):
    from kapstok.support.models import OPEN_STATUSES, SupportRequest
    from kapstok.support.selectors import open_states

    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES)
    # "rechtsvorm": first response within 2 working days.
    assert open_states(open_requests, datetime.date(2026, 6, 1)) == [
        (support_request.pk, world.office.pk, "ok")
    ]
    assert open_states(open_requests, datetime.date(2026, 6, 2))[0][2] == "warning"
    assert open_states(open_requests, datetime.date(2026, 6, 10))[0][2] == "breached"


def test_national_dashboard_counts_open_and_late_requests(world, support_request, client):
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    client.force_login(world.users["pos"])
    html = client.get("/netwerk/dashboard/").content.decode()
    assert "Ondersteuning: 1 open vraag" in html
    # The clocks run in the badge the dashboard fetches after the page (issue #19).
    assert 'hx-get="/netwerk/ondersteuning/te-laat/" hx-trigger="load"' in html
    badge = client.get("/netwerk/ondersteuning/te-laat/").content.decode()
    assert "1 te laat, 0 bijna" in badge
    assert 'href="/netwerk/ondersteuning/?late=1"' in badge


def test_the_late_badge_is_empty_when_nothing_is_late_or_nearly_late(
    world, support_request, client
):
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    client.force_login(world.users["pos"])
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=AMS), tick=False):
        badge = client.get("/netwerk/ondersteuning/te-laat/")
        page = client.get("/netwerk/dashboard/").content.decode()
    assert badge.status_code == 200 and badge.content.decode().strip() == ""
    assert "Ondersteuning: 1 open vraag" in page


def test_without_open_requests_the_dashboard_fetches_no_badge(world, client):
    client.force_login(world.users["pos"])
    page = client.get("/netwerk/dashboard/").content.decode()
    assert "Ondersteuning: 0 open vragen" in page
    assert "te-laat/" not in page


def test_the_badge_costs_the_same_queries_for_one_or_many_open_requests(
    world, support_request, client
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kapstok.support.models import SupportRequest

    client.force_login(world.users["pos"])
    with CaptureQueriesContext(connection) as one:
        client.get("/netwerk/ondersteuning/te-laat/")
    for _ in range(20):
        support_request.pk = None
        support_request.save()
    assert SupportRequest.objects.count() == 21
    with CaptureQueriesContext(connection) as many:
        client.get("/netwerk/ondersteuning/te-laat/")
    assert len(many.captured_queries) == len(one.captured_queries)
