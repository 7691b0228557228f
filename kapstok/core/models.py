"""Bookkeeping of the scheduled jobs, so several app servers never run a daily job twice."""

from django.db import models


class JobRun(models.Model):
    name = models.CharField(max_length=60, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=20, blank=True)
    last_message = models.TextField(blank=True)

    class Meta:
        verbose_name = "geplande taak"
        verbose_name_plural = "geplande taken"

    def __str__(self):
        return self.name
