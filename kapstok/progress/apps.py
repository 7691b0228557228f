from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "kapstok.progress"
    label = "progress"
    verbose_name = "Voortgang en doorpak-signalen"

    def ready(self):
        # The office page and the municipality's list of offices show the office's phase:
        # network's pages, progress's knowledge (network does not import progress).
        from kapstok.network import page_parts

        from . import selectors

        def phase_part(office) -> dict:
            return selectors.phase_context_of(selectors.office_phase(office))

        page_parts.register_office_page_part(phase_part)
        page_parts.register_office_phase_labels(selectors.phases_of)
