"""The network-wide view of sessions, mounted at /netwerk/sessies/ (POS staff)."""

from django.urls import path

from . import views

app_name = "sessions_national"

urlpatterns = [
    path("themas/", views.national_themes, name="themes"),
]
