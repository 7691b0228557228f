from django.urls import path

from . import views

app_name = "representation"

OFFICE = "kantoren/<slug:slug>/afspiegeling/"
IMPORT = OFFICE + "importeren/<uuid:pk>/"

urlpatterns = [
    path("afspiegeling/", views.national, name="national"),
    path("afspiegeling/landschappen/", views.landscapes, name="landscapes"),
    path(OFFICE, views.office_coverage, name="office"),
    path(OFFICE + "importeren/", views.import_start, name="import_start"),
    path(IMPORT, views.import_job, name="import_job"),
    path(IMPORT + "voortgang/", views.import_progress, name="import_progress"),
    path(IMPORT + "bevestigen/", views.import_confirm, name="import_confirm"),
    path(IMPORT + "opnieuw/", views.import_retry, name="import_retry"),
    path(IMPORT + "afgewezen.csv", views.import_rejected, name="import_rejected"),
    path(OFFICE + "bedrijven/", views.landscape_list, name="landscape_list"),
    path(OFFICE + "bedrijven/<int:pk>/tak/", views.business_classify, name="business_classify"),
    path(OFFICE + "bedrijven/<int:pk>/koppeling/", views.suggestion_decide, name="suggestion"),
    path(OFFICE + "werving/", views.pipeline, name="pipeline"),
    path(OFFICE + "werving/<int:pk>/", views.prospect_edit, name="prospect_edit"),
    path(OFFICE + "werving/export.csv", views.pipeline_export_csv, name="pipeline_csv"),
    path(OFFICE + "werving/export.xlsx", views.pipeline_export_xlsx, name="pipeline_xlsx"),
]
