from django.apps import AppConfig


class FinancesConfig(AppConfig):
    name = "kapstok.finances"
    label = "finances"
    verbose_name = "Structuur en geld"
