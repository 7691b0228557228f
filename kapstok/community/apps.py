from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "kapstok.community"
    label = "community"
    verbose_name = "Maatschappelijke waarde"

    def ready(self):
        # The internal office page (network's) shows what the office does for the community;
        # network does not import this app, so the part is registered with it.
        from kapstok.network import page_parts

        from . import selectors

        page_parts.register_office_page_part(selectors.office_page_part)
