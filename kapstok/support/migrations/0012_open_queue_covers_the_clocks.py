"""The open-queue index also covers what the late filter reads (index-only count on PostgreSQL)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("support", "0011_description_trigram_index")]

    operations = [
        migrations.RemoveIndex(
            model_name="supportrequest",
            name="support_open_queue",
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                condition=models.Q(("status__in", ["new", "in_progress", "waiting"])),
                fields=[
                    "created_at",
                    "id",
                    "category",
                    "status",
                    "first_response_at",
                    "resolved_at",
                    "response_days",
                    "resolution_days",
                    "clock_base",
                    "clock_frozen",
                ],
                name="support_open_clocks",
            ),
        ),
    ]
