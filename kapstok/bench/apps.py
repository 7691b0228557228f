from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "kapstok.bench"
    label = "bench"
    verbose_name = "Benchmarks"

    def ready(self):
        # Registers the kapstok group in `scenarios.GROUPS`.
        from . import scenarios_kapstok  # noqa: F401
