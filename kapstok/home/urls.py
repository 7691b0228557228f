from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("start/", views.start, name="start"),
    path("onderzoek/", views.research_home, name="research_home"),
]
