"""Backup and restore: after a round trip the data and the uploaded files are the same, the
backup is readable by its owner only, and a restore leaves no uploads of the replaced data."""

import datetime
import os
import pathlib
import re
import stat
import tarfile
from unittest import mock

import pytest

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from kapstok.accounts.models import User
from kapstok.influence.models import Achievement
from kapstok.trust.backup import dump_json, referenced_files


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


@pytest.mark.django_db
def test_backup_file_is_readable_by_its_owner_only(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_backup_over_a_world_readable_file_leaves_it_owner_only(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "kapstok.tar.gz"
    archive.write_text("oud")
    archive.chmod(0o644)
    call_command("backup", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["kapstok.tar.gz"]


@pytest.mark.django_db
def test_backup_file_is_never_readable_by_others_while_written(world, tmp_path, settings):
    """The file is created restrictive, not chmod'ed afterwards: even a permissive umask and a
    look at the file before the archive is complete see mode 0600."""
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "kapstok.tar.gz"
    seen = []
    real_open = tarfile.open

    def spy(*args, **kwargs):
        seen.extend(stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.is_file())
        return real_open(*args, **kwargs)

    old_umask = os.umask(0o000)
    try:
        with mock.patch("kapstok.trust.backup.tarfile.open", spy):
            call_command("backup", str(archive))
    finally:
        os.umask(old_umask)
    assert seen and set(seen) == {0o600}
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def _achievement_with_file(office, name, content):
    achievement = Achievement.objects.create(
        office=office, title=f"Resultaat {name}", achieved_on=datetime.date(2024, 5, 1)
    )
    achievement.evidence_file.save(name, ContentFile(content.encode()))
    return achievement


@pytest.mark.django_db(transaction=True)
def test_restore_replace_removes_uploads_the_restored_data_does_not_refer_to(
    world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    kept = _achievement_with_file(world.office, "bewijs.txt", "in de back-up")
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))

    # After the backup: a new upload, and a file that is no Kapstok upload at all.
    later = _achievement_with_file(world.office, "later.txt", "na de back-up")
    later_path = pathlib.Path(later.evidence_file.path)
    stranger = settings.MEDIA_ROOT / "niet-van-kapstok.txt"
    stranger.write_text("van iemand anders")
    assert later_path.is_file()

    call_command("restore", str(archive), "--replace")

    assert not later_path.exists()
    assert not later_path.parent.exists() or any(later_path.parent.iterdir())
    assert pathlib.Path(Achievement.objects.get(pk=kept.pk).evidence_file.path).is_file()
    assert stranger.read_text() == "van iemand anders"
    uploads = {
        str(p.relative_to(settings.MEDIA_ROOT))
        for p in settings.MEDIA_ROOT.rglob("*")
        if p.is_file() and p != stranger
    }
    assert uploads == {name for _storage, name in referenced_files()}


@pytest.mark.django_db(transaction=True)
def test_restore_replace_keeps_uploads_the_restored_data_refers_to(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    achievement = _achievement_with_file(world.office, "bewijs.txt", "in de back-up")
    path = pathlib.Path(achievement.evidence_file.path)
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))

    call_command("restore", str(archive), "--replace")

    assert path.read_text() == "in de back-up"


@pytest.mark.django_db(transaction=True)
def test_restore_never_removes_files_outside_media_root(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    archive = tmp_path / "kapstok.tar.gz"
    call_command("backup", str(archive))
    outside = tmp_path / "buiten.txt"
    outside.write_text("buiten MEDIA_ROOT")
    Achievement.objects.create(
        office=world.office,
        title="Vreemd pad",
        achieved_on=datetime.date(2024, 5, 1),
        evidence_file="../buiten.txt",
    )

    call_command("restore", str(archive), "--replace")

    assert outside.read_text() == "buiten MEDIA_ROOT"
