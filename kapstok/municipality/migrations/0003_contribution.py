"""`Contribution` comes from the support app with its rows (see support.0005).

Only the state changes here: the table was renamed by support.0005. A content type the old
app left (`support.contribution`) moves along, so permissions and admin history stay attached.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="municipality", model="contribution").exists():
        ContentType.objects.filter(app_label="support", model="contribution").update(
            app_label="municipality"
        )


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="support", model="contribution").exists():
        ContentType.objects.filter(app_label="municipality", model="contribution").update(
            app_label="support"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("municipality", "0002_contact_sharing_becomes_consent"),
        ("network", "0005_event_kinds_for_timeline_rules"),
        ("support", "0005_contribution_moves_to_municipality"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Contribution",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("money", "geld"),
                                    ("facilities", "faciliteiten"),
                                    ("commission", "opdracht"),
                                ],
                                max_length=12,
                                verbose_name="soort",
                            ),
                        ),
                        ("given_on", models.DateField(verbose_name="datum")),
                        (
                            "amount",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=10,
                                null=True,
                                verbose_name="bedrag (€)",
                            ),
                        ),
                        ("purpose", models.CharField(max_length=250, verbose_name="doel")),
                        ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="contributions",
                                to="network.municipality",
                                verbose_name="gemeente",
                            ),
                        ),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="contributions",
                                to="network.office",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gemeentelijke bijdrage",
                        "verbose_name_plural": "gemeentelijke bijdragen",
                        "ordering": ["-given_on", "-pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
