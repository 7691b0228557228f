"""Community fixtures: photos go to a temporary MEDIA_ROOT, which tests may list."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())
