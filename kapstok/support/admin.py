from django.contrib import admin

from . import services
from .models import Category, SavedReply, SupportOffer, SupportRequest


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "first_response_days", "resolution_days", "position", "active"]
    list_editable = ["first_response_days", "resolution_days", "position", "active"]


@admin.register(SupportOffer)
class SupportOfferAdmin(admin.ModelAdmin):
    list_display = ["service", "category", "delivered_by", "capacity_per_quarter"]
    list_filter = ["category"]


@admin.register(SavedReply)
class SavedReplyAdmin(admin.ModelAdmin):
    list_display = ["title"]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "office", "category", "status", "created_at"]
    list_filter = ["status", "category"]
    raw_id_fields = ["office", "created_by", "assignee", "partner", "merged_into"]

    def save_model(self, request, obj, form, change):
        """Dates edited here move the stopped clocks the report counts: store them again."""
        super().save_model(request, obj, form, change)
        services.clock_days_store(SupportRequest.objects.filter(pk=obj.pk))
