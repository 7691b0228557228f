from django.contrib import admin

from .models import Contribution


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["office", "municipality", "kind", "given_on", "amount", "purpose"]
    list_filter = ["kind"]
