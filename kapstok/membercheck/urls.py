from django.urls import path

from . import views

app_name = "membercheck"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("uitkomsten/", views.results, name="results"),
]
