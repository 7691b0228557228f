from django.urls import path

from . import views

app_name = "coding"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("nieuw/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/meetrondes/", views.project_waves, name="project_waves"),
    path("<int:pk>/codeboek/", views.codebook, name="codebook"),
    path("<int:pk>/codeboek/<int:code_pk>/", views.code_edit, name="code_edit"),
    path("<int:pk>/meetrondes/<int:wave_pk>/", views.wave_answers, name="wave_answers"),
    path("<int:pk>/antwoorden/<int:answer_pk>/coderen/", views.coding_create, name="coding_create"),
    path(
        "<int:pk>/coderingen/<int:coding_pk>/verwijderen/",
        views.coding_delete,
        name="coding_delete",
    ),
    path(
        "<int:pk>/coderingen/<int:coding_pk>/bevestigen/",
        views.coding_confirm,
        name="coding_confirm",
    ),
    path("<int:pk>/overeenstemming/", views.agreement, name="agreement"),
    path("<int:pk>/frequenties/", views.frequencies, name="frequencies"),
    path("<int:pk>/vrijgeven/", views.questions_clear, name="questions_clear"),
    path("<int:pk>/export.zip", views.export_zip, name="export"),
]
