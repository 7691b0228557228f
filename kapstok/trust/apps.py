from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "kapstok.trust"
    label = "trust"
    verbose_name = "Vertrouwen: audit, mailwachtrij, back-ups"
