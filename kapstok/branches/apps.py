from django.apps import AppConfig


class BranchesConfig(AppConfig):
    name = "kapstok.branches"
    label = "branches"
    verbose_name = "Brancheorganisaties"
