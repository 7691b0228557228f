"""Admin for the session data. The theme catalogue is curated here by POS: the classifier
reads it from the database, so an edited description or example counts in the next proposal."""

from django.contrib import admin

from .models import CatalogueTheme, StrategySession


@admin.register(CatalogueTheme)
class CatalogueThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "description", "examples"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StrategySession)
class StrategySessionAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "starts_at", "phase"]
    list_filter = ["phase"]
    search_fields = ["title", "office__name"]
    raw_id_fields = ["office", "facilitator", "created_by"]
    readonly_fields = ["join_code", "closed_at"]
