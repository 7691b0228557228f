"""`Contribution` moves to the municipality app (what a municipality gives an office).

The table keeps its rows: it is renamed (support_contribution → municipality_contribution) and
the model leaves support's state; `municipality.0003_contribution` adds it to the new app's
state without touching the database.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0004_knowledge_and_links"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="Contribution", table="municipality_contribution"),
            ],
            state_operations=[
                migrations.DeleteModel(name="Contribution"),
            ],
        ),
    ]
