from django.apps import AppConfig


class MemberCheckConfig(AppConfig):
    name = "kapstok.membercheck"
    label = "membercheck"
    verbose_name = "Ledencheck"
