"""The command's safety: it never measures in, and never flushes, the application database."""

import pytest

from django.core.management import CommandError, call_command

from benchmarks.management.commands import bench

APPLICATION = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/kapstok/kapstok.sqlite3"}


def test_bench_refuses_the_application_database():
    environ = {"BENCH_DATABASE_URL": "sqlite:////srv/kapstok/kapstok.sqlite3"}
    with pytest.raises(CommandError, match="database van de applicatie"):
        bench.bench_database_url(environ, APPLICATION)


def test_bench_refuses_a_bench_url_equal_to_database_url():
    url = "postgres://kapstok@db:5432/kapstok"
    with pytest.raises(CommandError):
        bench.bench_database_url({"BENCH_DATABASE_URL": url, "DATABASE_URL": url}, APPLICATION)


def test_bench_defaults_to_its_own_sqlite_file(settings):
    url = bench.bench_database_url({}, APPLICATION)
    assert url == f"sqlite:///{settings.VAR_DIR / 'bench.sqlite3'}"


def test_worker_refuses_to_run_without_its_parent(monkeypatch):
    monkeypatch.delenv(bench.WORKER_URL_VARIABLE, raising=False)
    with pytest.raises(CommandError, match="alleen door `bench` zelf"):
        call_command("bench", "--worker")


def test_same_database_compares_name_host_and_port():
    postgres = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "kapstok",
        "HOST": "db",
        "PORT": 5432,
    }
    assert bench.same_database("postgres://u@db:5432/kapstok", postgres)
    assert not bench.same_database("postgres://u@db:5432/kapstok_bench", postgres)


def test_worker_environment_points_at_the_bench_database():
    env = bench.worker_environment(
        {"DATABASE_URL": "sqlite:///app", "ALLOWED_HOSTS": "example.org"}, "sqlite:///b"
    )
    assert env["DATABASE_URL"] == env[bench.WORKER_URL_VARIABLE] == "sqlite:///b"
    assert env["DEBUG"] == "false"
    assert env["ALLOWED_HOSTS"] == "example.org,testserver"
    assert env["KAPSTOK_BENCH"] == "true"
