from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "kapstok.influence"
    label = "influence"
    verbose_name = "Invloed"
