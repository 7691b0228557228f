#!/usr/bin/env bash
# The Debian packages Kapstok's tests need, installed when they are missing.
#
#   bash scripts/system-packages.sh            what `make test` runs: installs what is missing
#                                              as root; otherwise says what is missing and
#                                              carries on (the browser tests are then skipped,
#                                              and pytest's last line says how many)
#   bash scripts/system-packages.sh --require  what `.ci/run` runs: also PostgreSQL 15, and it
#                                              fails when something is missing and cannot be
#                                              installed
#
# Chromium drives the browser tests; Pango and HarfBuzz let WeasyPrint render the session
# reports (PDF); gettext compiles the catalogue; npm installs node_modules (htmx, axe-core).
set -euo pipefail

REQUIRE=0
[[ ${1:-} == --require ]] && REQUIRE=1
PG_BIN=/usr/lib/postgresql/15/bin

wanted=(chromium gettext fonts-dejavu-core fonts-liberation make
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
[[ $REQUIRE -eq 1 && ! -x "$PG_BIN/initdb" ]] && wanted+=(postgresql-15)
command -v npm >/dev/null || wanted+=(npm)

missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "System packages: all present"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "System packages missing: ${missing[*]}; install them with:" >&2
    echo "  sudo bash scripts/system-packages.sh" >&2
    [[ $REQUIRE -eq 1 ]] && exit 1
    exit 0
fi

echo "System packages: installing ${missing[*]}"
log="$(mktemp /tmp/kapstok-apt.XXXXXX)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$log" 2>&1; then
    cat "$log" >&2
    echo "System packages: installing ${missing[*]} failed" >&2
    [[ $REQUIRE -eq 1 ]] && exit 1
    exit 0
fi
