"""Branch classifications belong to an office (step 3 of 3: required, unique per office)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("representation", "0003_branch_classification_offices")]

    operations = [
        migrations.AlterField(
            model_name="branchclassification",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="branch_classifications",
                to="network.office",
            ),
        ),
        migrations.AddConstraint(
            model_name="branchclassification",
            constraint=models.UniqueConstraint(
                fields=("office", "kvk_number", "establishment_number"),
                name="unique_branch_classification_per_office",
            ),
        ),
    ]
