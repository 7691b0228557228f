"""Backup and restore of the whole platform: the database as JSON plus the uploaded files.

`backup_write(path)` writes one `.tar.gz` with `data.json` (Django's `dumpdata` of every app,
foreign keys to content types by natural key) and `media/` (a copy of MEDIA_ROOT). The file holds
personal data, so only its owner may read it (mode 0600 from the moment it exists).
`backup_restore(path)` loads it into a migrated database that holds no data yet (or, with
`replace=True`, after emptying it) and puts the files back. Uploads of the replaced data that the
restored data does not refer to are removed, so no personal data lingers in MEDIA_ROOT.

This works on SQLite and PostgreSQL alike and needs no server tools; for a large production
database, `pg_dump`/`pg_restore` plus a copy of MEDIA_ROOT is faster (docs/deploy.md).
Content types and permissions are not in the backup: `migrate` creates them.
"""

import io
import os
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
    """Write the backup to `path`, readable by its owner only.

    The archive is written to a temporary file next to `path` that `mkstemp` creates with mode
    0600, then renamed over `path`: the data is never readable by others, not even for a moment
    and not when `path` already existed with a wider mode, and a failed backup leaves no half file.
    """
    path = pathlib.Path(path)
    data = dump_json().encode()
    media = pathlib.Path(settings.MEDIA_ROOT)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            with tarfile.open(fileobj=file, mode="w:gz") as archive:
                info = tarfile.TarInfo("data.json")
                info.size = len(data)
                info.mode = 0o600
                archive.addfile(info, io.BytesIO(data))
                if media.is_dir():
                    archive.add(media, arcname="media")
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)  # already 0600 from mkstemp; says so for the reader
        os.replace(temporary, path)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _file_fields():
    """(model, field) for every FileField (ImageField included) of a Kapstok model."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        if not model.__module__.startswith("kapstok.") or not model._meta.managed:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.auto_created:
                yield model, field


def referenced_files() -> set[tuple[object, str]]:
    """(storage, name) of every uploaded file the data in the database refers to."""
    found = set()
    for model, field in _file_fields():
        names = (
            model._default_manager.exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
            .values_list(field.attname, flat=True)
        )
        found.update((field.storage, name) for name in names)
    return found


def _remove_orphans(before: set, after: set) -> None:
    """Delete the files the replaced data referred to that the restored data does not.

    Only names that a Kapstok FileField held are candidates, and only when they resolve to a
    file inside MEDIA_ROOT: nothing else under MEDIA_ROOT (or outside it) is touched. Folders
    left empty by the removal go too, up to (not including) MEDIA_ROOT.
    """
    from django.core.exceptions import SuspiciousFileOperation

    media_root = pathlib.Path(settings.MEDIA_ROOT).resolve()
    keep = {name for _storage, name in after}
    for storage, name in before - after:
        if name in keep:
            continue
        try:
            file = pathlib.Path(storage.path(name)).resolve()
        except (SuspiciousFileOperation, NotImplementedError):
            continue
        if media_root not in file.parents or not file.is_file():
            continue
        file.unlink()
        folder = file.parent
        while folder != media_root and media_root in folder.parents and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


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
        replaced = referenced_files() if replace else set()
        if replace:
            call_command("flush", interactive=False, verbosity=0)
        with transaction.atomic():
            call_command("loaddata", str(pathlib.Path(work) / "data.json"), verbosity=0)
        media = pathlib.Path(work) / "media"
        if media.is_dir():
            _copy_tree(media, pathlib.Path(settings.MEDIA_ROOT))
        _remove_orphans(replaced, referenced_files())


def _copy_tree(source: pathlib.Path, target: pathlib.Path) -> None:
    import shutil

    shutil.copytree(source, target, dirs_exist_ok=True)
