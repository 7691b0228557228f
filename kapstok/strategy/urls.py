"""Session pages of one office, mounted at /netwerk/kantoren/<slug>/sessies/."""

from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("nieuw/", views.session_create, name="session_create"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/bewerken/", views.session_edit, name="session_edit"),
    path("<int:pk>/live/", views.session_live, name="session_live"),
    path("<int:pk>/projectie/", views.session_projector, name="session_projector"),
    path("<int:pk>/fase/", views.session_phase, name="session_phase"),
    path("<int:pk>/uitnodigen/", views.session_invite, name="session_invite"),
    path(
        "<int:pk>/deelnemers/<int:participant_pk>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("<int:pk>/indeling/kaartjes/", views.cluster_column, name="cluster_column"),
    path("<int:pk>/indeling/voorstel/", views.themes_propose, name="themes_propose"),
    path("<int:pk>/indeling/bevestigen/", views.themes_confirm, name="themes_confirm"),
    path("<int:pk>/kaartjes/<int:card_pk>/verplaatsen/", views.card_move, name="card_move"),
    path("<int:pk>/themas/<int:theme_pk>/samenvoegen/", views.theme_merge, name="theme_merge"),
    path("<int:pk>/themas/<int:theme_pk>/hernoemen/", views.theme_rename, name="theme_rename"),
    path("<int:pk>/themas/<int:theme_pk>/splitsen/", views.theme_split, name="theme_split"),
    path("<int:pk>/themas/<int:theme_pk>/doel/", views.goal_from_theme, name="goal_from_theme"),
    path("<int:pk>/verslag.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/verslag.docx", views.report_docx, name="report_docx"),
]
