"""Branch classifications belong to an office (step 1 of 3: the column, still empty).

They used to be shared by every office, so one office's lead could set the branch of a business
in another office's landscape at its next import. Step 2 fills the column, step 3 requires it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_membershipclaim"),
        ("representation", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="branchclassification",
            name="unique_branch_classification",
        ),
        migrations.AddField(
            model_name="branchclassification",
            name="office",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="branch_classifications",
                to="network.office",
            ),
        ),
    ]
