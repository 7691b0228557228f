"""Contact sharing becomes the business's own consent, per municipality (kapstok.trust).

A `ContactSharing` row that the member set themselves (its `changed_by` had a member grant for
that business) becomes a consent record for each municipality of the office, with the exact
checkbox text they ticked (version "2026-11-0"). A row set by a lead, by POS or by nobody was
never the person's consent and is dropped: their municipality stops seeing those details until
the business says yes itself.
"""

import hashlib

from django.db import migrations

LEGACY_VERSION = "2026-11-0"
LEGACY_TEXT = "Deelt e-mailadres en telefoonnummer met de gemeente"


def members_own_sharing_to_consent(apps, schema_editor):
    ContactSharing = apps.get_model("municipality", "ContactSharing")
    RoleGrant = apps.get_model("accounts", "RoleGrant")
    ConsentRecord = apps.get_model("trust", "ConsentRecord")
    text_hash = hashlib.sha256(LEGACY_TEXT.encode()).hexdigest()
    rows = ContactSharing.objects.filter(
        shares_contact_with_municipality=True, changed_by__isnull=False
    ).select_related("membership", "membership__office")
    for sharing in rows:
        membership = sharing.membership
        own = RoleGrant.objects.filter(
            user_id=sharing.changed_by_id, role="member", entrepreneur_id=membership.entrepreneur_id
        ).exists()
        if not own:
            continue
        for municipality in membership.office.municipalities.all():
            ConsentRecord.objects.create(
                recorded_at=sharing.changed_at,
                purpose="municipality_contact",
                given=True,
                text_version=LEGACY_VERSION,
                text_hash=text_hash,
                source="delen met de gemeente",
                user_id=sharing.changed_by_id,
                entrepreneur_id=membership.entrepreneur_id,
                municipality=municipality,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("municipality", "0001_initial"),
        ("trust", "0004_consent_municipality"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(members_own_sharing_to_consent, migrations.RunPython.noop),
        migrations.DeleteModel(name="ContactSharing"),
    ]
