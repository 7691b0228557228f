from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top floor: composes the domain apps (start pages, error pages, scheduler, demo)."""

    name = "kapstok.home"
    label = "home"
    verbose_name = "Startpunt"
