from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "kapstok.messaging"
    label = "messaging"
    verbose_name = "Berichten via het kantoor"
