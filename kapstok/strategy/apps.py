from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "kapstok.strategy"
    label = "strategy"
    verbose_name = "Strategische sessies"
