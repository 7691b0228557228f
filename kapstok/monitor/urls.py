from django.urls import include, path

from . import views

app_name = "monitor"

# Researchers and POS staff.
research = [
    path("", views.overview, name="overview"),
    path("vragenlijsten/nieuw/", views.questionnaire_create, name="questionnaire_create"),
    path("vragenlijsten/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("vragenlijsten/<int:pk>/bewerken/", views.questionnaire_edit, name="questionnaire_edit"),
    path("vragenlijsten/<int:pk>/kopieren/", views.questionnaire_copy, name="questionnaire_copy"),
    path(
        "vragenlijsten/<int:pk>/voorbeeld/",
        views.questionnaire_preview,
        name="questionnaire_preview",
    ),
    path("vragenlijsten/<int:pk>/vragen/nieuw/", views.question_create, name="question_create"),
    path("vragen/<int:pk>/bewerken/", views.question_edit, name="question_edit"),
    path("vragen/<int:pk>/verplaatsen/", views.question_move, name="question_move"),
    path("vragen/<int:pk>/verwijderen/", views.question_delete, name="question_delete"),
    path("meetrondes/nieuw/", views.wave_create, name="wave_create"),
    path("meetrondes/<int:pk>/", views.wave_detail, name="wave_detail"),
    path("meetrondes/<int:pk>/herinneren/", views.wave_remind, name="wave_remind"),
    path("meetrondes/<int:pk>/sluiten/", views.wave_close, name="wave_close"),
    path("meetrondes/<int:pk>/uitnodigen/", views.invitation_add, name="invitation_add"),
    path(
        "meetrondes/<int:pk>/antwoorden/<slug:audience>/",
        views.wave_answers,
        name="wave_answers",
    ),
]

# The respondent's personal link: no account needed, the token is the key.
respondent = [
    path("", views.respond, name="respond"),
    path("deel/<int:index>/", views.respond_section, name="respond_section"),
    path("indienen/", views.respond_submit, name="respond_submit"),
]

urlpatterns = [
    path("onderzoek/monitor/", include(research)),
    path("vragenlijst/<str:token>/", include(respondent)),
]
