from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kapstok.goals"
    label = "goals"
    verbose_name = "Kapstok: doelen, strategieën en projecten"

    def ready(self):
        # A lead who leaves hands their open goals, projects and activities to the successor;
        # accounts ends the role but imports no app, so goals says how its work moves.
        from kapstok.accounts.services import register_hand_over

        from .services import open_work_hand_over

        register_hand_over("goals", open_work_hand_over)
