from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "kapstok.bench"
    label = "bench"
    verbose_name = "Benchmarks"
