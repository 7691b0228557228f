from django.apps import AppConfig


class RepresentationConfig(AppConfig):
    name = "kapstok.representation"
    label = "representation"
    verbose_name = "Afspiegeling en werving"

    def ready(self):
        from kapstok.network.changes import register_members_changed

        from .services import coverage_refresh

        # The precomputed coverage figures follow every change of the members.
        register_members_changed(coverage_refresh)
