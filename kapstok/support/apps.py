from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "kapstok.support"
    label = "support"
    verbose_name = "Ondersteuning"

    def ready(self):
        # The stall signal "support requests past their norm" counts with support's own rule.
        from kapstok.progress.facts import register_overdue_counts

        from .selectors import overdue_counts

        register_overdue_counts(overdue_counts)
