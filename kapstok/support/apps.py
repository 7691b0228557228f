from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "kapstok.support"
    label = "support"
    verbose_name = "Ondersteuning"
