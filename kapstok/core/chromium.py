"""The Chromium that the browser tests and the benchmark's map-page section drive.

Debian's `/usr/bin/chromium` (or `KAPSTOK_CHROMIUM`), never a browser Playwright downloads, launched
with the same arguments by both. Plain data, no imports of the apps.
"""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("KAPSTOK_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps trying to reach Google, which a closed
# network refuses many times a second; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
