from django.urls import path

from . import views

app_name = "finances"

OFFICE = "kantoren/<slug:slug>/financien/"

urlpatterns = [
    path("financien/rechtsvormen/", views.guide, name="guide"),
    path(OFFICE, views.office_finances, name="office"),
    path(OFFICE + "rechtsvorm/", views.legal_form_edit, name="legal_form"),
    path(OFFICE + "contributie/", views.fee_schedules, name="fee_schedules"),
    path(OFFICE + "betalingen/", views.payments, name="payments"),
    path(OFFICE + "betalingen/<int:pk>/verwijderen/", views.payment_delete, name="payment_delete"),
    path(OFFICE + "inkomsten/nieuw/", views.income_add, name="income_add"),
    path(OFFICE + "uitgaven/nieuw/", views.expense_add, name="expense_add"),
    path(OFFICE + "kasboek-<int:year>.<str:fmt>", views.ledger_export, name="export"),
]
