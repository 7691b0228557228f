from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kapstok.trust.admin_audit import AuditedAdminMixin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    raw_id_fields = ["office", "municipality", "partner", "entrepreneur", "branch_organisation"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    inlines = [RoleGrantInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["full_name"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "office", "municipality", "partner", "starts_on", "ends_on"]
    list_filter = ["role"]
    raw_id_fields = [
        "user",
        "office",
        "municipality",
        "partner",
        "entrepreneur",
        "branch_organisation",
    ]
