from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "kapstok.bench"
    label = "bench"
    verbose_name = "Benchmarks"

    def ready(self):
        # Registers the kapstok, peers and support groups in `scenarios.GROUPS`.
        from . import scenarios_kapstok, scenarios_peers, scenarios_support  # noqa: F401
