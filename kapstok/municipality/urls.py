from django.urls import path

from . import views

app_name = "municipality"

urlpatterns = [
    path("gemeenteportaal/", views.portal_list, name="portal_list"),
    path("gemeenteportaal/<str:code>/", views.portal, name="portal"),
    path(
        "gemeenteportaal/<str:code>/<slug:slug>/ondernemers/",
        views.portal_members,
        name="portal_members",
    ),
    path(
        "kantoren/<slug:slug>/delen-met-gemeente/",
        views.contact_sharing,
        name="contact_sharing",
    ),
    path("toestemming-gemeente/<str:token>/", views.consent_respond, name="consent_respond"),
    # The address it had when the page was part of the support desk, so links keep working.
    path(
        "ondersteuning/kantoor/<slug:slug>/bijdragen/",
        views.contributions,
        name="contributions",
    ),
]
