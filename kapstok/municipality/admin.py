from django.contrib import admin

from .models import ContactSharing


@admin.register(ContactSharing)
class ContactSharingAdmin(admin.ModelAdmin):
    """Read-only: consent changes go through the member's or lead's page (and the audit log)."""

    list_display = ["membership", "shares_contact_with_municipality", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
