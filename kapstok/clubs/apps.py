from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "kapstok.clubs"
    label = "clubs"
    verbose_name = "Sportverenigingen"

    def ready(self):
        # The practice, meeting and exchange post pages (peers) show the linked clubs.
        from kapstok.peers import page_parts

        from . import selectors

        page_parts.register_page_part(selectors.linked_clubs_part)
