"""Which role agreements a viewer takes part in (as the office, the municipality or a partner).

`access.agreement_parties_of` and `access.can_manage_agreement` decide per office; here is the
rule as a queryset for the start page (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.db.models import QuerySet

from kapstok.accounts.access import Viewer


def agreements_with_a_party_of(viewer: Viewer) -> QuerySet:
    """Agreements of offices where the viewer speaks for a party: the office (its leads), the
    municipality (its contacts) or the partner (its staff). POS, a party of every office,
    follows the rounds from the offices' pages instead."""
    from .models import RoleAgreement

    offices = viewer.lead_office_ids | viewer.municipality_office_ids | viewer.partner_office_ids
    return RoleAgreement.objects.filter(office_id__in=offices)
