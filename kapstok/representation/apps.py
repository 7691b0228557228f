from django.apps import AppConfig


class RepresentationConfig(AppConfig):
    name = "kapstok.representation"
    label = "representation"
    verbose_name = "Afspiegeling en werving"
