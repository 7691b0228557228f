from django.apps import AppConfig


def _join_requests_purge(now) -> int:
    from .services import join_requests_purge

    return join_requests_purge(now=now)


def _join_requests_held() -> int:
    from .models import JoinRequest

    return JoinRequest.objects.count()


class PublicConfig(AppConfig):
    name = "kapstok.public"
    label = "public"
    verbose_name = "Openbare site"

    def ready(self):
        # Join requests hold personal data of non-members: trust's retention purges them.
        from kapstok.trust import registry

        registry.register_retention_rule(
            registry.RetentionRule(
                "Aanmeldingen van niet-leden (publiek formulier)",
                "30 dagen na aanmelden of na het besluit",
                held=_join_requests_held,
                purge=_join_requests_purge,
            )
        )
