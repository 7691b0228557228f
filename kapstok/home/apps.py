from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top floor: composes the domain apps (start pages, error pages, scheduler, demo)."""

    name = "kapstok.home"
    label = "home"
    verbose_name = "Startpunt"

    def ready(self):
        # The monitor's snapshots hold figures other apps own; the monitor imports none of them.
        from kapstok.goals.selectors import work_figures
        from kapstok.monitor.indicators import register_indicators
        from kapstok.progress.selectors import phase_figures
        from kapstok.representation.selectors import coverage_figures
        from kapstok.strategy.selectors import sessions_held_figures
        from kapstok.support.selectors import support_figures

        register_indicators("representation", coverage_figures)
        register_indicators("progress", phase_figures)
        register_indicators("goals", work_figures)
        register_indicators("strategy", sessions_held_figures)
        register_indicators("support", support_figures)
