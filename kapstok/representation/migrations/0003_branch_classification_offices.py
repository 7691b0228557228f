"""Branch classifications belong to an office (step 2 of 3: whose choice each one was).

A classification goes to the offices whose landscape holds that establishment with this very
branch chosen by a lead, and, when a lead made it, only to offices that lead leads: the row
another office got from a shared choice says "lead" too, and must not keep a choice that was
not its own. One that no landscape shows as chosen is dropped (no import needs it). A migration
of its own: on PostgreSQL a table cannot be altered in the transaction that changed its rows.
"""

from django.db import migrations


def assign_offices(apps, schema_editor):
    BranchClassification = apps.get_model("representation", "BranchClassification")
    LandscapeBusiness = apps.get_model("representation", "LandscapeBusiness")
    RoleGrant = apps.get_model("accounts", "RoleGrant")
    for classification in BranchClassification.objects.filter(office__isnull=True):
        showing = LandscapeBusiness.objects.filter(
            kvk_number=classification.kvk_number,
            establishment_number=classification.establishment_number,
            branch_id=classification.branch_id,
            branch_source="lead",
        )
        led = RoleGrant.objects.filter(
            user_id=classification.classified_by_id, role="lead", office__isnull=False
        ).values_list("office_id", flat=True)
        if classification.classified_by_id and led.exists():
            showing = showing.filter(office_id__in=list(led))
        office_ids = sorted(set(showing.values_list("office_id", flat=True)))
        if not office_ids:
            classification.delete()
            continue
        first, *others = office_ids
        classification.office_id = first
        classification.save(update_fields=["office"])
        for office_id in others:
            BranchClassification.objects.create(
                office_id=office_id,
                kvk_number=classification.kvk_number,
                establishment_number=classification.establishment_number,
                branch_id=classification.branch_id,
                classified_by_id=classification.classified_by_id,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("representation", "0002_branchclassification_office"),
    ]

    operations = [migrations.RunPython(assign_offices, migrations.RunPython.noop)]
