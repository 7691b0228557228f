from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "kapstok.monitor"
    label = "monitor"
    verbose_name = "Monitor"
