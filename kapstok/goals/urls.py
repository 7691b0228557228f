from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    path("", views.kapstok_overview, name="overview"),
    path("doelen/nieuw/", views.goal_create, name="goal_create"),
    path("doelen/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("doelen/<int:pk>/bewerken/", views.goal_edit, name="goal_edit"),
    path("doelen/<int:goal_pk>/strategieen/nieuw/", views.strategy_create, name="strategy_create"),
    path("doelen/<int:goal_pk>/metingen/nieuw/", views.measurement_add, name="measurement_add"),
    path(
        "strategieen/<int:strategy_pk>/projecten/nieuw/",
        views.project_create,
        name="project_create",
    ),
    path("projecten/<int:pk>/bewerken/", views.project_edit, name="project_edit"),
    path("projecten/<int:pk>/voortgang/", views.project_progress, name="project_progress"),
    path(
        "projecten/<int:project_pk>/activiteiten/nieuw/",
        views.activity_create,
        name="activity_create",
    ),
    path("activiteiten/<int:pk>/bewerken/", views.activity_edit, name="activity_edit"),
    path("tijdlijn/", views.timeline, name="timeline"),
]
