from django.apps import AppConfig


class FoundingConfig(AppConfig):
    name = "kapstok.founding"
    label = "founding"
    verbose_name = "Oprichting"

    def ready(self):
        # The office page (network) shows the checklist's progress of an office in founding;
        # network imports nothing above it, so founding registers.
        from kapstok.network import page_parts as network_page_parts

        from . import page_parts

        network_page_parts.register_office_page_part(page_parts.office_page_part)
