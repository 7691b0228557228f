from django.apps import AppConfig


def _invitations_anonymise(*, user, actor) -> int:
    from .services import invitations_anonymise

    return invitations_anonymise(user=user)


class MonitorConfig(AppConfig):
    name = "kapstok.monitor"
    label = "monitor"
    verbose_name = "Monitor"

    def ready(self):
        # Invitations copy a respondent's name and address: trust's erasure blanks them.
        from kapstok.trust import registry

        registry.register_personal_data(
            registry.PersonalData("monitor.invitation", erase=_invitations_anonymise)
        )
