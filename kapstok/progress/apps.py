from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "kapstok.progress"
    label = "progress"
    verbose_name = "Voortgang en doorpak-signalen"
