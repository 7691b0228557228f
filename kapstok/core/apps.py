from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kapstok.core"
    label = "core"
    verbose_name = "Kern"
