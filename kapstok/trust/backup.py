"""Backup and restore of the whole platform: the database as JSON plus the uploaded files.

`backup_write(path)` writes one `.tar.gz` with `data.json` (Django's `dumpdata` of every app,
foreign keys to content types by natural key) and `media/` (a copy of MEDIA_ROOT).
`backup_restore(path)` loads it into a migrated database that holds no data yet (or, with
`replace=True`, after emptying it) and puts the files back.

This works on SQLite and PostgreSQL alike and needs no server tools; for a large production
database, `pg_dump`/`pg_restore` plus a copy of MEDIA_ROOT is faster (docs/deploy.md).
Content types and permissions are not in the backup: `migrate` creates them.
"""

import io
import pathlib
import tarfile
import tempfile

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

# Not data: content types and permissions come from `migrate`, sessions are logins, and the
# content generation only tells caches what is stale (a restore starts a new one).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "core.contentgeneration"]


def dump_json() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=EXCLUDED,
        indent=None,
        stdout=out,
    )
    return out.getvalue()


def backup_write(path: pathlib.Path) -> pathlib.Path:
    data = dump_json().encode()
    media = pathlib.Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        if media.is_dir():
            archive.add(media, arcname="media")
    return path


def _database_is_empty() -> bool:
    from django.apps import apps

    skip = {"contenttypes.contenttype", "auth.permission", "core.contentgeneration"}
    return not any(
        model.objects.exists()
        for model in apps.get_models()
        if model._meta.label_lower not in skip and model._meta.managed
    )


class RestoreRefused(Exception):
    pass


def backup_restore(path: pathlib.Path, *, replace: bool = False) -> None:
    """Load a backup; refuses a database with data unless `replace` (which empties it first)."""
    if not replace and not _database_is_empty():
        raise RestoreRefused("De database bevat al gegevens; gebruik --replace om te vervangen.")
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        archive.extractall(work, filter="data")
        if replace:
            call_command("flush", interactive=False, verbosity=0)
        with transaction.atomic():
            call_command("loaddata", str(pathlib.Path(work) / "data.json"), verbosity=0)
        media = pathlib.Path(work) / "media"
        if media.is_dir():
            _copy_tree(media, pathlib.Path(settings.MEDIA_ROOT))


def _copy_tree(source: pathlib.Path, target: pathlib.Path) -> None:
    import shutil

    shutil.copytree(source, target, dirs_exist_ok=True)
