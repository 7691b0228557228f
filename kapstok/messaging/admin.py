"""Site admins may look into messages and POS's per-office setting; deliveries are read-only."""

from django.contrib import admin

from .models import OfficeMessage, OfficeMessaging


@admin.register(OfficeMessage)
class OfficeMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "office", "sender_label", "status", "created_at"]
    list_filter = ["status", "sender_kind"]
    search_fields = ["subject", "office__name"]
    readonly_fields = ["office", "author", "municipality", "decided_by", "sent_at"]


@admin.register(OfficeMessaging)
class OfficeMessagingAdmin(admin.ModelAdmin):
    list_display = ["office", "auto_approve_municipality", "changed_at"]
    readonly_fields = ["changed_by", "changed_at"]
