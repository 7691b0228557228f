from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kapstok.network"
    label = "network"
    verbose_name = "Netwerk"

    def ready(self):
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
