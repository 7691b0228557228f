from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kapstok.network"
    label = "network"
    verbose_name = "Netwerk"
