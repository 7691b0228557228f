from django.apps import AppConfig


class MunicallConfig(AppConfig):
    name = "kapstok.municall"
    label = "municall"
    verbose_name = "Oproepen en vragen tussen gemeente en leden"
