from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "kapstok.agreements"
    label = "agreements"
    verbose_name = "Rollenafspraken"
