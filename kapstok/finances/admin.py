from django.contrib import admin

from .models import Expense, FeePayment, FeeSchedule, Income


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ["office", "amount", "period", "valid_from"]
    list_filter = ["period"]
    raw_id_fields = ["office", "created_by"]


@admin.register(FeePayment)
class FeePaymentAdmin(admin.ModelAdmin):
    list_display = ["office", "entrepreneur", "period_start", "amount", "paid_on"]
    raw_id_fields = ["office", "entrepreneur", "recorded_by"]


@admin.register(Income)
class IncomeAdmin(admin.ModelAdmin):
    list_display = ["office", "received_on", "amount", "description"]
    raw_id_fields = ["office", "recorded_by"]


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ["office", "spent_on", "amount", "description", "project"]
    raw_id_fields = ["office", "project", "recorded_by"]
