from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "kapstok.peers"
    label = "peers"
    verbose_name = "Collega-kantoren en praktijkvoorbeelden"

    def ready(self):
        # The personal-data overview (kapstok.trust) names the roles a meeting invites.
        from kapstok.trust import registry

        registry.register_field_display("peers.meeting.invited_roles", _invited_roles)


def _invited_roles(meeting) -> str:
    from kapstok.accounts.models import Role

    labels = dict(Role.choices)
    return ", ".join(str(labels.get(role, role)) for role in meeting.invited_roles or [])
