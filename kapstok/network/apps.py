from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kapstok.network"
    label = "network"
    verbose_name = "Netwerk"

    def ready(self):
        # Which offices a person's grants reach: accounts builds the Viewer, but imports no
        # domain app, so the owner of offices tells it.
        from kapstok.accounts import access

        from . import rules

        access.register_office_scope(rules.office_scope)

        # What network keeps about people, for trust's AVG functions (trust imports no app).
        from kapstok.trust import registry

        from . import personal_data

        registry.register_personal_data(
            registry.PersonalData(
                registry.ENTREPRENEURS, erase=personal_data.entrepreneurs_anonymise
            )
        )
        registry.register_businesses(personal_data.businesses_overview)
        registry.register_subject(
            "network.entrepreneur", skip=personal_data.ENTREPRENEUR_SKIPPED_MODELS
        )
        registry.register_subject("network.membership")
        registry.register_affiliations(personal_data.current_affiliations)
        registry.register_consent_withdrawn(personal_data.listing_off_on_withdrawal)
