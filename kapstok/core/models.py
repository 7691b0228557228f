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


class ContentGeneration(models.Model):
    """A number that goes up whenever something on the site may have changed.

    Cached pages carry the generation they were rendered in; a page from an older generation is
    never served. Kept in the database rather than in the cache so that every server process
    sees the same number, whatever cache backend each of them has. One row (pk 1).
    """

    value = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "inhoudsgeneratie"
        verbose_name_plural = "inhoudsgeneraties"

    def __str__(self):
        return str(self.value)
