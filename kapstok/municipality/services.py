"""Changes for the municipality portal: a member's consent to share contact details.

The consent is personal data about who may see personal data, so every change goes through
the audit log (`kapstok.trust.audit`), whoever makes it: the member, the lead or POS.
"""

from django.db import transaction
from django.utils import timezone

from kapstok.network.models import Membership
from kapstok.trust.audit import audit_record
from kapstok.trust.models import AuditAction

from .models import ContactSharing

FIELD = "shares_contact_with_municipality"


@transaction.atomic
def contact_sharing_set(*, membership: Membership, shares: bool, actor) -> ContactSharing:
    """Record whether this member lets the municipality see their email and phone."""
    sharing, created = ContactSharing.objects.select_for_update().get_or_create(
        membership=membership
    )
    before = {FIELD: sharing.shares_contact_with_municipality}
    sharing.shares_contact_with_municipality = shares
    sharing.changed_by, sharing.changed_at = actor, timezone.now()
    sharing.save()
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=sharing,
        before={} if created else before,
        after={FIELD: shares},
        actor=actor,
        summary=f"{membership.entrepreneur} @ {membership.office}",
    )
    return sharing
