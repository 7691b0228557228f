from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kapstok.accounts"
    label = "accounts"
    verbose_name = "Accounts en rollen"
