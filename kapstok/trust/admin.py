"""The audit log and the mail queue in the Django admin: read-only, with a CSV export."""

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_csv
from .models import AuditEntry, ConsentRecord, OutboxMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to site admins (superusers, or staff with the view permission); never editable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor_label", "action", "model", "object_id", "summary"]
    list_filter = ["action", "model"]
    search_fields = ["actor_label", "object_id", "summary"]
    date_hierarchy = "occurred_at"
    actions = ["export_csv"]

    @admin.action(description=_("Exporteer als CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(audit_csv(queryset), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
        return response


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "created_at", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["sent_at"]
    exclude = ["body", "attachments", "alternatives"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["recorded_at", "purpose", "given", "text_version", "source", "email"]
    list_filter = ["purpose", "given", "text_version"]
    search_fields = ["email"]
    raw_id_fields = ["user", "entrepreneur", "join_request"]
    date_hierarchy = "recorded_at"
