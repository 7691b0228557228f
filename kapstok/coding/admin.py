"""Admin for research projects and codebooks. Codings and pseudonyms are not shown: codings are
made on the coding pages, and the table of pseudonyms is the key that stays with the platform."""

from django.contrib import admin

from .models import Code, ResearchProject


class CodeInline(admin.TabularInline):
    model = Code
    fields = ["label", "parent", "order", "description"]
    extra = 0


@admin.register(ResearchProject)
class ResearchProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "is_standing", "created_at"]
    filter_horizontal = ["waves"]
    exclude = ["cleared_questions"]  # cleared on the project's page, which records it in the audit
    inlines = [CodeInline]
