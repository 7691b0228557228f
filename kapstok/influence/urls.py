from django.urls import path

from . import national_views, views

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

NATIONAL = "invloed/landelijk/"
NATIONAL_POSITION = NATIONAL + "<int:pk>/"

urlpatterns += [
    path(NATIONAL, national_views.national_positions, name="national_positions"),
    path(NATIONAL + "nieuw/", national_views.national_position_create, name="national_create"),
    path(
        NATIONAL_POSITION,
        national_views.national_position_detail,
        name="national_position_detail",
    ),
    path(
        NATIONAL_POSITION + "bewerken/",
        national_views.national_position_edit,
        name="national_position_edit",
    ),
    path(
        NATIONAL_POSITION + "status/",
        national_views.national_position_status,
        name="national_position_status",
    ),
    path(
        NATIONAL_POSITION + "steunen/",
        national_views.national_position_endorse,
        name="national_position_endorse",
    ),
    path(
        NATIONAL_POSITION + "intrekken/",
        national_views.national_position_withdraw,
        name="national_position_withdraw",
    ),
    path(
        NATIONAL_POSITION + "gemeenten/<str:code>.pdf",
        national_views.national_position_pdf,
        name="national_position_pdf",
    ),
]
