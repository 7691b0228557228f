"""Public pages at the root of the site, and the lead's public-page pages under /netwerk/."""

from django.urls import path

from . import lead_views, views

app_name = "public"

OFFICE_INTERNAL = "netwerk/kantoren/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("kantoren/<slug:slug>/", views.office, name="office"),
    path("kantoren/<slug:slug>/contact/", views.contact, name="contact"),
    path("kantoren/<slug:slug>/aanmelden/", views.join, name="join"),
    path("kantoren/<slug:slug>/aanmelden/verstuurd/", views.join_sent, name="join_sent"),
    path("aanmelden/bevestigen/<str:token>/", views.join_confirm, name="join_confirm"),
    path("privacy/", views.privacy, name="privacy"),
    path("embed/kaart/", views.embed_map, name="embed_map"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path(f"{OFFICE_INTERNAL}openbare-pagina/", lead_views.page_edit, name="page_edit"),
    path(f"{OFFICE_INTERNAL}aanmeldingen/", lead_views.join_requests, name="join_requests"),
    path(
        f"{OFFICE_INTERNAL}aanmeldingen/<int:pk>/",
        lead_views.join_request_detail,
        name="join_request_detail",
    ),
]
