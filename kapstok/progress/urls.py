from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("dashboard/", views.national_dashboard, name="national_dashboard"),
    path("dashboard/export.xlsx", views.national_export, name="national_export"),
    path("signalen/instellingen/", views.stall_settings, name="stall_settings"),
    path("kantoren/<slug:slug>/dashboard/", views.office_dashboard, name="office_dashboard"),
    path(
        "kantoren/<slug:slug>/signalen/<int:pk>/gezien/",
        views.signal_acknowledge,
        name="signal_acknowledge",
    ),
]
