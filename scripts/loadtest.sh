#!/usr/bin/env bash
# Load test: 100 simulated people for 60 s against gunicorn + PostgreSQL on loopback, figures
# into BENCHMARKS.md (section load:postgresql). Scenario: benchmarks/locustfile.py: everyone
# logs in while the users are spawned, then the statistics are reset and the page requests are
# measured for LOAD_SECONDS with everyone logged in (think time 5-15 s); logins are reported
# apart. Targets (issue #19): 0 errors, p95 of the page requests <= 300 ms.
#
#   DATABASE_URL=postgres://kapstok@127.0.0.1:54330/kapstok_load scripts/loadtest.sh
#
# The database is migrated and the demo seeded afresh (seed_demo replaces the demo data), so
# use a database of its own, never one with real data. Options by environment:
# LOAD_USERS (100), LOAD_SECONDS (60, the measured phase), LOAD_WORKERS (4, gunicorn),
# LOAD_PORT (8010),
# LOAD_SEED (1; 0 skips migrating and seeding), LOAD_REPORT (1; 0 leaves BENCHMARKS.md alone),
# LOAD_NOTE (a sentence for the report, e.g. what else ran on the machine).
# Exits non-zero when any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database for the load test}"
case "$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must be PostgreSQL" >&2; exit 2;; esac
USERS=${LOAD_USERS:-100}
SECONDS_=${LOAD_SECONDS:-60}
# Four sync workers on two cores: the pages are CPU-bound (templates, Python), so workers beyond
# about twice the cores only queue for the CPU (and take it from PostgreSQL on the same cores),
# while fewer leave a core idle whenever a worker waits for the database or a slow Argon2 login.
WORKERS=${LOAD_WORKERS:-4}
PORT=${LOAD_PORT:-8010}
OUT=var/load
mkdir -p "$OUT"

# The demo's settings: production settings over plain http on loopback, two-factor login off.
export KAPSTOK_DEMO=true HTTPS=false DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
export SECRET_KEY=${SECRET_KEY:-$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")}
export DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-60}
export AXES_ENABLED=${AXES_ENABLED:-true}
PY=.venv/bin/python

if [ "${LOAD_SEED:-1}" = 1 ]; then
  echo "==> migrate, municipalities, demo data"
  $PY manage.py migrate --noinput -v0
  $PY manage.py load_municipalities -v0
  $PY manage.py seed_demo > "$OUT/seed.log"
fi
$PY manage.py collectstatic --noinput -v0

echo "==> gunicorn on 127.0.0.1:$PORT ($WORKERS workers)"
.venv/bin/gunicorn kapstok.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --timeout 60 \
  --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "gunicorn did not start" >&2; exit 1; }

echo "==> locust: $USERS users log in, then ${SECONDS_} s measured"
load_before=$(cut -d' ' -f1 /proc/loadavg)
rm -f "$OUT"/locust_*
status=0
# The locustfile stops the run LOAD_SECONDS after the last login; --run-time is a safety net
# for a run in which not everyone manages to log in (the report then says so and fails).
LOAD_SECONDS=$SECONDS_ .venv/bin/locust -f benchmarks/locustfile.py --headless --users "$USERS" \
  --spawn-rate 20 --run-time "$((SECONDS_ + 300))s" --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/locust" --only-summary --loglevel WARNING || status=$?

if [ "${LOAD_REPORT:-1}" = 1 ]; then
  # load_report belongs to the benchmark app, which only KAPSTOK_BENCH loads (not gunicorn).
  KAPSTOK_BENCH=true $PY manage.py load_report "$OUT/locust" \
    --fact "date=$(date -u +%Y-%m-%d)" --fact "users=$USERS" --fact "duration=${SECONDS_} s" \
    --fact "spawn rate=20/s" --fact "think time=5-15 s between pages (10 s on average)" \
    --fact "gunicorn workers=$WORKERS (sync)" \
    --fact "database=PostgreSQL $(psql "$DATABASE_URL" -Atc 'show server_version' 2>/dev/null || echo '?') on loopback" \
    --fact "cpus=$(nproc) (shared)" --fact "load average at start=$load_before" \
    --fact "data=the demo (41 offices, ~6,000 entrepreneurs)" \
    ${LOAD_NOTE:+--fact "note=$LOAD_NOTE"}
fi
exit $status
