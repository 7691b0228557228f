from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "kapstok.coding"
    label = "coding"
    verbose_name = "Codering"
