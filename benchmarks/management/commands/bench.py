"""`manage.py bench`: measure the pages at national scale and update BENCHMARKS.md.

The command runs in two processes. The one you start picks the benchmark database
(`var/bench.sqlite3`, or `BENCH_DATABASE_URL`), refuses when that is the application's own
database, and starts itself again as `bench --worker` with `DATABASE_URL` pointing there.
Settings read the database once at import, so a fresh process is the simplest way to be sure
that nothing the run writes (a flush, the generated data, sessions) reaches the demo database.
The worker migrates, generates the data set or reuses it, measures, prints and merges the
report. Targets are informational: the exit status is 0 unless `--strict` is given.
"""

import os
import platform
import subprocess
import sys
import time
import warnings
from pathlib import Path

import dj_database_url

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from benchmarks import report, scale
from benchmarks.extra_sections import EXTRA_SECTIONS
from benchmarks.scenarios import GROUPS, group_run, world_find
from kapstok.accounts.models import User
from kapstok.core.planner import planner_statistics_refresh
from kapstok.network.models import Membership, Municipality

# The worker checks that its DATABASE_URL is the one the parent chose, not one it inherited.
WORKER_URL_VARIABLE = "KAPSTOK_BENCH_DATABASE_URL"


def bench_database_url(environ: dict, application: dict) -> str:
    """BENCH_DATABASE_URL, or a SQLite file beside the demo database; never the application's."""
    url = environ.get("BENCH_DATABASE_URL") or f"sqlite:///{settings.VAR_DIR / 'bench.sqlite3'}"
    if url == environ.get("DATABASE_URL") or same_database(url, application):
        raise CommandError(
            "De benchmarkdatabase is de database van de applicatie; kies een andere."
        )
    return url


def same_database(url: str, database: dict) -> bool:
    """Whether a URL names the given database (same engine, name, host and port)."""
    target = dj_database_url.parse(url)
    keys = ("ENGINE", "NAME", "HOST", "PORT")
    if target["ENGINE"].endswith("sqlite3") and database["ENGINE"].endswith("sqlite3"):
        return Path(target["NAME"]).resolve() == Path(str(database["NAME"])).resolve()
    return all(str(target.get(key) or "") == str(database.get(key) or "") for key in keys)


def worker_environment(environ: dict, url: str) -> dict:
    """The worker's environment: the benchmark database and production-like settings.

    DEBUG is off (it records every query and renders differently); the test client's host is
    allowed; static files resolve without a collectstatic manifest (a dictionary lookup in
    production, not worth requiring a build step for); the secret key is irrelevant here. The
    benchmark app itself is only installed with KAPSTOK_BENCH (kapstok/settings.py).
    """
    hosts = [h for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    return {
        **environ,
        "DATABASE_URL": url,
        WORKER_URL_VARIABLE: url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": ",".join([*hosts, "testserver"]),
        "KAPSTOK_MANIFEST_STATIC": "false",
        "KAPSTOK_ALLOW_INSECURE_KEY": "true",
        "KAPSTOK_BENCH": "true",
    }


class Command(BaseCommand):
    help = "Meet de pagina's op landelijke schaal in een aparte database en werk BENCHMARKS.md bij."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=50, help="getimede verzoeken per pagina")
        parser.add_argument("--warmup", type=int, default=5, help="verzoeken vooraf, niet getimed")
        parser.add_argument(
            "--only", action="append", choices=sorted(GROUPS), help="alleen deze groep"
        )
        parser.add_argument(
            "--extra",
            action="append",
            choices=sorted(EXTRA_SECTIONS),
            help="alleen deze extra sectie (zonder --only ook geen paginagroepen)",
        )
        parser.add_argument("--regenerate", action="store_true", help="genereer de data opnieuw")
        parser.add_argument(
            "--strict", action="store_true", help="exit 1 als een doel niet wordt gehaald"
        )
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "BENCHMARKS.md")
        parser.add_argument("--worker", action="store_true", help="intern: de meting zelf")

    def handle(self, *args, **options):
        if options["worker"]:
            return self.work(options)
        url = bench_database_url(os.environ, settings.DATABASES["default"])
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Benchmarkdatabase: {dj_database_url.parse(url)['NAME']}")
        argv = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench", "--worker"]
        completed = subprocess.run(
            argv + self.passthrough(options), env=worker_environment(os.environ, url)
        )
        if completed.returncode:
            raise CommandError("De benchmark is niet geslaagd.", returncode=completed.returncode)

    def passthrough(self, options) -> list[str]:
        argv = ["--repeat", str(options["repeat"]), "--warmup", str(options["warmup"])]
        argv += ["--output", str(options["output"])]
        for group in options["only"] or []:
            argv += ["--only", group]
        for key in options["extra"] or []:
            argv += ["--extra", key]
        return argv + [f"--{flag}" for flag in ("regenerate", "strict") if options[flag]]

    # --- the worker ------------------------------------------------------------------------

    def work(self, options):
        chosen = os.environ.get(WORKER_URL_VARIABLE)
        if not chosen or chosen != os.environ.get("DATABASE_URL"):
            raise CommandError("--worker wordt alleen door `bench` zelf gestart.")
        # WhiteNoise warns once that STATIC_ROOT is missing; the pages measured serve no files.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        call_command("migrate", interactive=False, verbosity=0)
        generation = self.data_set(regenerate=options["regenerate"])
        world = world_find(User.objects.get(email=scale.POS_EMAIL))
        repeat, warmup = options["repeat"], options["warmup"]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        only, extra = options["only"], options["extra"]
        # `--extra` alone runs only those extra sections, no page group.
        groups = [GROUPS[key] for key in only or ([] if extra else GROUPS)]
        results = [group_run(g, world, repeat=repeat, warmup=warmup) for g in groups]
        run = self.run_info(world, generation, load, repeat, warmup)
        # With `--only` the extra sections (clustering, import, public site) are left as they
        # are, unless `--extra` names some.
        self.report_write(results, run, options["output"], extras=extra or not only)
        failed = [t for r in results for t in r.targets if t.passed is False]
        if failed and options["strict"]:
            raise CommandError(f"{len(failed)} doel(en) niet gehaald.")

    def data_set(self, *, regenerate: bool) -> str:
        """Reuse the data set when its counts match the national scale; generate it otherwise."""
        if not regenerate and scale.is_generated(scale.NATIONAL):
            self.stdout.write("Data set aanwezig; hergebruikt (--regenerate voor een nieuwe).")
            return "data set reused from an earlier run"
        if not regenerate and scale.extend(scale.NATIONAL):
            analyze_tables()
            self.stdout.write("Data set aangevuld met het sessiebord; verder hergebruikt.")
            return "data set reused from an earlier run, session board added"
        if Municipality.objects.exists():
            call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        counts = scale.generate(scale.NATIONAL)
        seconds = time.perf_counter() - started
        analyze_tables()
        self.stdout.write(f"Data set gegenereerd in {seconds:.1f} s: {counts}")
        return f"generated in {seconds:.1f} s"

    def report_write(
        self, results, run: report.RunInfo, output: Path, *, extras: bool | list[str] = True
    ) -> None:
        """Merge the groups' sections and the extra ones: all of them (`extras=True`, once per
        `make bench`, so on SQLite only), or the ones named (on any database)."""
        label = connection.display_name
        document = output.read_text(encoding="utf-8") if output.exists() else report.HEADER
        for result in results:
            section = report.render_section(result, run, label)
            self.stdout.write(f"\n{section}\n")
            document = report.merge_section(
                document, report.section_key(result.group.key, connection.vendor), section
            )
        if extras is True and connection.vendor == "sqlite":  # once per `make bench`
            document = self.extra_sections(document)
        elif extras and extras is not True:
            document = self.extra_sections(document, extras)
        output.write_text(document, encoding="utf-8")
        self.stdout.write(f"Bijgewerkt: {output}")

    def extra_sections(self, document: str, names: list[str] | None = None) -> str:
        for name, build in EXTRA_SECTIONS.items():
            if names is not None and name not in names:
                continue
            built = build()
            if built:
                key, section = built
                self.stdout.write(f"\n{section}\n")
                document = report.merge_section(document, key, section)
        return document

    def run_info(self, world, generation: str, load: float, repeat: int, warmup: int):
        return report.RunInfo(
            date=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
            cpus=cpu_count(),
            cpu_model=cpu_model(),
            memory_gb=memory_gb(),
            load=load,
            python=platform.python_version(),
            django=django.get_version(),
            database=database_label(),
            data_set=data_set_label(world),
            generation=generation,
            repeat=repeat,
            warmup=warmup,
        )


def analyze_tables() -> None:
    """Give the query planner statistics for the freshly loaded tables, as production has them.

    PostgreSQL's autovacuum would do this about a minute after the bulk load, in the middle of
    the measurements; SQLite collects none unless asked, which the scheduler's daily
    `planner_statistics` job does in production (kapstok.core.planner).
    """
    planner_statistics_refresh()


def database_label() -> str:
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 100}"
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    return connection.display_name


def data_set_label(world) -> str:
    counts = scale.actual_counts()
    current = Membership.objects.current().count()
    return (
        f"{counts['offices']} offices, {counts['entrepreneurs']:,} entrepreneurs, "
        f"{counts['memberships']:,} memberships ({current:,} current); largest office "
        f"{world.largest_members} members, small office {world.small_members}; "
        f"{counts['goals']:,} goals, {counts['strategies']:,} strategies, "
        f"{counts['projects']:,} projects, {counts['activities']:,} activities, "
        f"{counts['measurements']:,} measurements, {counts['sessions']:,} sessions, "
        f"{counts['events']:,} timeline events; most goals in one office "
        f"{world.goals_count}, few goals {world.few_goals_count}; "
        f"session board with {world.board_cards} cards"
    )


def _proc_field(path: str, name: str) -> str:
    """A 'name: value' line from a /proc file; empty when not on Linux."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(name):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def cpu_count() -> int:
    """The CPUs this process may run on (what `nproc` prints), not all the host has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cpu_model() -> str:
    return _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"


def memory_gb() -> float:
    kilobytes = _proc_field("/proc/meminfo", "MemTotal").split(" ")[0]
    return int(kilobytes) / 1024 / 1024 if kilobytes.isdigit() else 0.0
