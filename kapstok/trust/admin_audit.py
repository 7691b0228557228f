"""Changes made in the Django admin land in the audit log too.

The services record their own changes (`audit_record`); the admin saves models directly, so
`AuditedAdminMixin` hooks the admin's own save and delete methods (not model signals: a bulk
import or migration decides for itself what it records). Put it first in the bases of every
ModelAdmin that edits personal data or role grants, directly or through an inline:

    class EntrepreneurAdmin(AuditedAdminMixin, admin.ModelAdmin): ...

Only models listed in `audit.PERSONAL_FIELDS` are recorded, with the same before/after
snapshots as the services, and the summary says the change came through the admin.
"""

from django.db import models

from .audit import PERSONAL_FIELDS, audit_record, snapshot
from .models import AuditAction

SUMMARY = "Via het beheer (Django-admin)"


def _audited(obj_or_model) -> bool:
    return obj_or_model._meta.label_lower in PERSONAL_FIELDS


def _stored(obj: models.Model) -> dict:
    """The object's personal fields as the database holds them now (before the admin saves)."""
    if obj.pk is None:
        return {}
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored)


class AuditedAdminMixin:
    """Records creates, changes and deletes made in this admin and in its inlines."""

    def save_model(self, request, obj, form, change):
        before = _stored(obj) if change and _audited(obj) else {}
        super().save_model(request, obj, form, change)
        if _audited(obj):
            action = AuditAction.UPDATE if change else AuditAction.CREATE
            after = snapshot(obj)
            audit_record(
                action=action,
                instance=obj,
                before=before,
                after=after,
                actor=request.user,
                summary=SUMMARY,
            )

    def delete_model(self, request, obj):
        if _audited(obj):
            self._record_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if _audited(queryset.model):
            for obj in queryset:
                self._record_delete(request, obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        model = formset.model
        if not _audited(model):
            return super().save_formset(request, form, formset, change)
        pks = [f.instance.pk for f in formset.forms if f.instance.pk is not None]
        stored = {obj.pk: snapshot(obj) for obj in model._default_manager.filter(pk__in=pks)}
        # Deleted objects lose their pk when Django deletes them, so they are recorded first;
        # the admin saves in one transaction, so a failed save takes these entries with it.
        for deleted in formset.deleted_forms:
            if deleted.instance.pk in stored:
                self._record_delete(request, deleted.instance, stored[deleted.instance.pk])
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_record(
                action=AuditAction.CREATE,
                instance=obj,
                after=snapshot(obj),
                actor=request.user,
                summary=SUMMARY,
            )
        for obj, _fields in formset.changed_objects:
            audit_record(
                action=AuditAction.UPDATE,
                instance=obj,
                before=stored.get(obj.pk, {}),
                after=snapshot(obj),
                actor=request.user,
                summary=SUMMARY,
            )

    def _record_delete(self, request, obj, before: dict | None = None) -> None:
        audit_record(
            action=AuditAction.DELETE,
            instance=obj,
            before=before or snapshot(obj),
            actor=request.user,
            summary=SUMMARY,
        )
