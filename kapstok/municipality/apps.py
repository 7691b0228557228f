from django.apps import AppConfig


class MunicipalityConfig(AppConfig):
    name = "kapstok.municipality"
    label = "municipality"
    verbose_name = "Gemeenteportaal"
