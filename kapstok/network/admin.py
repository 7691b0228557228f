from django.contrib import admin

from kapstok.trust.admin_audit import AuditedAdminMixin

from .models import (
    Body,
    BranchOrganisation,
    Entrepreneur,
    Membership,
    Municipality,
    Office,
    Partner,
    SbiCode,
    SportBranch,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "population", "urbanisation", "ended_on"]
    list_filter = ["province", "urbanisation"]
    search_fields = ["code", "name"]


@admin.register(SportBranch)
class SportBranchAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "group"]
    list_filter = ["group"]


@admin.register(SbiCode)
class SbiCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "label", "relevance"]
    list_filter = ["version"]
    filter_horizontal = ["branches"]


@admin.register(BranchOrganisation)
class BranchOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    filter_horizontal = ["branches"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["entrepreneur"]


@admin.register(Office)
class OfficeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "status", "initiative", "legal_form", "founded_on"]
    list_filter = ["status", "initiative", "legal_form"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["municipalities"]
    inlines = [MembershipInline]


@admin.register(Entrepreneur)
class EntrepreneurAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "business_name",
        "kvk_number",
        "establishment_number",
        "municipality",
        "is_chain",
    ]
    list_filter = ["is_chain", "size_band"]
    search_fields = ["business_name", "kvk_number"]
    raw_id_fields = ["municipality"]
    filter_horizontal = ["branches", "branch_organisations"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "branch_organisation"]
    filter_horizontal = ["municipalities", "offices"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["municipalities"]
