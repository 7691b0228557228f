from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "kapstok.public"
    label = "public"
    verbose_name = "Openbare site"
