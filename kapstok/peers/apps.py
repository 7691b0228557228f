from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "kapstok.peers"
    label = "peers"
    verbose_name = "Collega-kantoren en praktijkvoorbeelden"
