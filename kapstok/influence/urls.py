from django.urls import path

from . import views

app_name = "influence"

OFFICE = "kantoren/<slug:slug>/invloed/"
POSITION = OFFICE + "standpunten/<int:pk>/"

urlpatterns = [
    path("invloed/", views.national, name="national"),
    path("invloed/export.xlsx", views.national_xlsx, name="national_xlsx"),
    path(OFFICE, views.office_influence, name="office"),
    path(OFFICE + "standpunten/nieuw/", views.position_create, name="position_create"),
    path(POSITION, views.position_detail, name="position_detail"),
    path(POSITION + "bewerken/", views.position_edit, name="position_edit"),
    path(POSITION + "openstellen/", views.position_open, name="position_open"),
    path(POSITION + "steunen/", views.position_endorse, name="position_endorse"),
    path(POSITION + "intrekken/", views.position_withdraw, name="position_withdraw"),
    path(POSITION + "versturen/", views.position_send, name="position_send"),
    path(POSITION + "antwoord/", views.position_answer, name="position_answer"),
    path(POSITION + "standpunt.pdf", views.position_pdf, name="position_pdf"),
    path(OFFICE + "zetels/nieuw/", views.seat_edit, name="seat_add"),
    path(OFFICE + "zetels/<int:pk>/", views.seat_edit, name="seat_edit"),
    path(OFFICE + "resultaten/nieuw/", views.achievement_add, name="achievement_add"),
    path(
        OFFICE + "resultaten/<int:pk>/bewijs/",
        views.achievement_evidence,
        name="achievement_evidence",
    ),
]
