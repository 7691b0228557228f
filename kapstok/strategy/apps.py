from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "kapstok.strategy"
    label = "strategy"
    verbose_name = "Strategische sessies"

    def ready(self):
        # A lead who leaves hands the sessions they facilitate and that are not closed to the
        # successor (see `accounts.services.hand_over`).
        from kapstok.accounts.services import register_hand_over

        from .services import sessions_hand_over

        register_hand_over("strategy", sessions_hand_over)
