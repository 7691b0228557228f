from django.urls import path

from . import views

app_name = "founding"

urlpatterns = [
    path("oprichting/", views.overview, name="overview"),
    path("oprichting/nieuw/", views.register, name="register"),
    path("kantoren/<slug:slug>/oprichting/", views.checklist, name="checklist"),
]
