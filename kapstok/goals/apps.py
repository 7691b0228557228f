from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kapstok.goals"
    label = "goals"
    verbose_name = "Kapstok: doelen, strategieën en projecten"
