from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "kapstok.coding"
    label = "coding"
    verbose_name = "Codering"

    def ready(self):
        # Researchers read the monitor through this project's pseudonyms and disclosure rules;
        # coding builds on the monitor, so it registers its lens there.
        from kapstok.monitor.research_lens import ResearchLens, register_research_lens

        from . import office_types, pseudonyms, selectors

        def project_for_wave(wave):
            return pseudonyms.project_for_wave(wave) if wave else pseudonyms.standing_project()

        register_research_lens(
            ResearchLens(
                project_for_wave=project_for_wave,
                office_pseudonyms=pseudonyms.office_pseudonyms,
                respondent_pseudonyms=pseudonyms.respondent_pseudonyms,
                office_types=office_types.project_office_types,
                masker=selectors.waves_masker,
            )
        )
