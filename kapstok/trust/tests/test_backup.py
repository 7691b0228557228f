"""Backup and restore: after a round trip the data and the uploaded files are the same."""

import re

import pytest

from django.core.management import CommandError, call_command

from kapstok.accounts.models import User
from kapstok.trust.backup import dump_json


def at_backup_precision(dump: str) -> str:
    """The backup is Django's JSON, which keeps timestamps to the millisecond: a moment with
    fewer than 1,000 microseconds is written ".000Z" before and comes back as a whole second,
    written "Z". Both mean the same instant at that precision."""
    return re.sub(r"(T\d{2}:\d{2}:\d{2})\.000Z", r"\1Z", dump)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_the_same_data(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bijlagen").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bijlagen" / "plan.txt").write_text("plan van Kees")
    before = dump_json()
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))

    call_command("flush", interactive=False, verbosity=0)
    (settings.MEDIA_ROOT / "bijlagen" / "plan.txt").unlink()
    assert not User.objects.exists()

    call_command("restore", str(archive))
    assert at_backup_precision(dump_json()) == at_backup_precision(before)
    assert (settings.MEDIA_ROOT / "bijlagen" / "plan.txt").read_text() == "plan van Kees"


@pytest.mark.django_db
def test_restore_refuses_a_database_with_data(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="bevat al gegevens"):
        call_command("restore", str(archive))
