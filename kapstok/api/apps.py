from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kapstok.api"
    label = "api"
    verbose_name = "API"
