"""Several workers picking up the same landscape import at once: one runs it, once.

PostgreSQL only (see `strategy/tests/test_voting_concurrency.py`): the claim is one conditional
UPDATE, and only a server with real concurrent transactions shows that it cannot be won twice.
"""

import pytest

from django.core.files.base import ContentFile
from django.db import connection

from kapstok.representation import jobs
from kapstok.representation.factories import ImportJobFactory
from kapstok.representation.models import ImportJob, ImportStatus, LandscapeBusiness

from .conftest import business, csv_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so nothing races",
    ),
]


def runners(outcomes) -> list[bool]:
    """Whether each worker ran the step, sorted; a worker that raised fails the test."""
    assert [outcome.error for outcome in outcomes] == [None] * len(outcomes)
    return sorted(outcome.value for outcome in outcomes)


def test_a_landscape_import_is_checked_once_and_imported_once(world, taxonomy, run_at_once):
    rows = [business("12345678", "Padelhal"), business("23456789", "Dansstudio")]
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("landschap.csv", ContentFile(csv_bytes(rows)))

    assert runners(run_at_once([lambda: jobs.import_job_run(job.pk)] * 4)) == [False] * 3 + [True]
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORT_PENDING)
    assert runners(run_at_once([lambda: jobs.import_job_run(job.pk)] * 4)) == [False] * 3 + [True]
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.report["created"] == 2
    assert LandscapeBusiness.objects.filter(office=world.office).count() == 2
