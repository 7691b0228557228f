from django.contrib import admin
from django.urls import include, path

from kapstok.api.api import api

urlpatterns = [
    path("", include("kapstok.public.urls")),
    path("", include("kapstok.home.urls")),
    path("account/", include("kapstok.accounts.urls")),
    path("account/", include("kapstok.trust.urls")),
    path("netwerk/", include("kapstok.network.urls")),
    path("netwerk/", include("kapstok.progress.urls")),
    path("netwerk/", include("kapstok.representation.urls")),
    path("netwerk/", include("kapstok.peers.urls")),
    path("netwerk/kantoren/<slug:slug>/kapstok/", include("kapstok.goals.urls")),
    path("netwerk/kantoren/<slug:slug>/sessies/", include("kapstok.strategy.urls")),
    path("netwerk/kantoren/<slug:slug>/ledencheck/", include("kapstok.membercheck.urls")),
    path("netwerk/sessies/", include("kapstok.strategy.national_urls")),
    path("netwerk/ondersteuning/", include("kapstok.support.urls")),
    path("netwerk/", include("kapstok.municipality.urls")),
    path("", include("kapstok.messaging.urls")),
    path("", include("kapstok.municall.urls")),
    path("sessie/", include("kapstok.strategy.join_urls")),
    path("", include("kapstok.monitor.urls")),
    path("onderzoek/codering/", include("kapstok.coding.urls")),
    path("netwerk/", include("kapstok.influence.urls")),
    path("netwerk/", include("kapstok.agreements.urls")),
    path("netwerk/brancheorganisaties/", include("kapstok.branches.urls")),
    path("netwerk/", include("kapstok.founding.urls")),
    path("netwerk/", include("kapstok.finances.urls")),
    path("", include("kapstok.community.urls")),
    path("netwerk/sportverenigingen/", include("kapstok.clubs.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "kapstok.home.views.permission_denied"
handler404 = "kapstok.home.views.page_not_found"
handler500 = "kapstok.home.views.server_error"
