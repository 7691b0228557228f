from django.apps import AppConfig


def _is_site_admin(user) -> bool:
    from .access import can_administer_site, viewer_for

    return can_administer_site(viewer_for(user))


class AccountsConfig(AppConfig):
    name = "kapstok.accounts"
    label = "accounts"
    verbose_name = "Accounts en rollen"

    def ready(self):
        # What accounts keeps about people, for trust's AVG functions (trust imports no app).
        from kapstok.trust import registry

        from . import personal_data

        registry.register_personal_data(
            registry.PersonalData(
                "rollen", export=personal_data.roles_export, covers=("accounts.rolegrant",)
            )
        )
        registry.register_account_closing(personal_data.roles_revoke_all)
        registry.register_represented(personal_data.represented_entrepreneur_ids)
        registry.register_site_admin_check(_is_site_admin)
