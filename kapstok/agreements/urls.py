from django.urls import path

from . import views

app_name = "agreements"

OFFICE = "kantoren/<slug:slug>/rollenafspraak/"
VERSION = OFFICE + "versie-<int:version>/"

urlpatterns = [
    path(OFFICE, views.office_agreements, name="office"),
    path(OFFICE + "nieuwe-ronde/", views.agreement_start, name="start"),
    path(VERSION, views.agreement_detail, name="detail"),
    path(VERSION + "taken/", views.tasks_edit, name="tasks"),
    path(VERSION + "beeld/<str:party>/", views.view_edit, name="view_edit"),
    path(VERSION + "voorstel/", views.agreement_propose, name="propose"),
    path(VERSION + "bevestigen/<str:party>/", views.agreement_acknowledge, name="acknowledge"),
]
