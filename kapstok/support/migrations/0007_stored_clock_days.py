"""The stopped clocks stored on each request, filled in for the requests already there."""

from django.db import migrations, models
from django.utils import timezone

BATCH = 2000


def clock_days_fill(apps, schema_editor):
    """Store the clocks that already stopped, in batches: the same pure computation the
    services use (`stopped_clock_days`), on the historical models."""
    from kapstok.support.selectors import pauses_by_request, stopped_clock_days

    SupportRequest = apps.get_model("support", "SupportRequest")
    Pause = apps.get_model("support", "Pause")
    zone = timezone.get_current_timezone()
    stopped = SupportRequest.objects.exclude(first_response_at=None, resolved_at=None)
    ids = list(stopped.order_by("pk").values_list("pk", flat=True))
    for begin in range(0, len(ids), BATCH):
        batch = ids[begin : begin + BATCH]
        rows = SupportRequest.objects.filter(pk__in=batch).values_list(
            "pk", "created_at", "first_response_at", "resolved_at"
        )
        pauses = pauses_by_request(Pause.objects.filter(request_id__in=batch), zone)
        days = stopped_clock_days(list(rows), pauses)
        SupportRequest.objects.bulk_update(
            [
                SupportRequest(pk=pk, response_days=r, resolution_days=s)
                for pk, (r, s) in days.items()
            ],
            ["response_days", "resolution_days"],
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0006_value_ranges"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportrequest",
            name="resolution_days",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="supportrequest",
            name="response_days",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(clock_days_fill, migrations.RunPython.noop),
    ]
