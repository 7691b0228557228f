"""The running clock stored on each open request, for the queue's late filter in SQL."""

from django.db import migrations, models
from django.utils import timezone

BATCH = 2000
OPEN = ["new", "in_progress", "waiting"]


def running_clock_fill(apps, schema_editor):
    """Store the running clock of the open requests, in batches: the same pure computation the
    services use (`running_clock_positions`), on the historical models. Closed requests get
    theirs if they are reopened (the services store it with every change of status)."""
    from kapstok.support.selectors import pauses_by_request, running_clock_positions

    SupportRequest = apps.get_model("support", "SupportRequest")
    Pause = apps.get_model("support", "Pause")
    zone = timezone.get_current_timezone()
    ids = list(
        SupportRequest.objects.filter(status__in=OPEN).order_by("pk").values_list("pk", flat=True)
    )
    for begin in range(0, len(ids), BATCH):
        batch = ids[begin : begin + BATCH]
        rows = SupportRequest.objects.filter(pk__in=batch).values_list("pk", "created_at")
        pauses = pauses_by_request(Pause.objects.filter(request_id__in=batch), zone)
        positions = running_clock_positions(list(rows), pauses)
        SupportRequest.objects.bulk_update(
            [
                SupportRequest(pk=pk, clock_base=base, clock_frozen=frozen)
                for pk, (base, frozen) in positions.items()
            ],
            ["clock_base", "clock_frozen"],
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0009_clock_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportrequest",
            name="clock_base",
            field=models.IntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="supportrequest",
            name="clock_frozen",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                condition=models.Q(
                    ("clock_base__isnull", True),
                    ("clock_frozen__isnull", True),
                    ("status__in", OPEN),
                ),
                fields=["created_at"],
                name="support_open_unclocked",
            ),
        ),
        migrations.RunPython(running_clock_fill, migrations.RunPython.noop),
    ]
