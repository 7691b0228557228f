from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "benchmarks"
    label = "bench"
    verbose_name = "Benchmarks"

    def ready(self):
        # Registers the kapstok, peers, support, representation and roles groups in
        # `scenarios.GROUPS`.
        from . import (  # noqa: F401
            scenarios_kapstok,
            scenarios_peers,
            scenarios_representation,
            scenarios_roles,
            scenarios_support,
        )
