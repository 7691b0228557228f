from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.office_list, name="office_list"),
    path("kantoren/nieuw/", views.office_create, name="office_create"),
    path("kantoren/<slug:slug>/", views.office_detail, name="office_detail"),
    path("kantoren/<slug:slug>/bewerken/", views.office_edit, name="office_edit"),
    path("kantoren/<slug:slug>/leden/nieuw/", views.membership_add, name="membership_add"),
    path(
        "kantoren/<slug:slug>/partners/brancheorganisatie/",
        views.branch_partner_add,
        name="branch_partner_add",
    ),
    path(
        "kantoren/<slug:slug>/leden/<int:pk>/beeindigen/",
        views.membership_end,
        name="membership_end",
    ),
    path(
        "kantoren/<slug:slug>/lidmaatschap/<int:pk>/opzeggen/",
        views.membership_leave,
        name="membership_leave",
    ),
    path(
        "kantoren/<slug:slug>/lidmaatschapsverzoeken/<int:pk>/intrekken/",
        views.claim_withdraw,
        name="claim_withdraw",
    ),
    path("lidmaatschap/bevestigen/<str:token>/", views.claim_respond, name="claim_respond"),
    path("lidmaatschapsverzoeken/<int:pk>/", views.claim_answer, name="claim_answer"),
    path("ondernemers/", views.entrepreneur_list, name="entrepreneur_list"),
    path("ondernemers/nieuw/", views.entrepreneur_create, name="entrepreneur_create"),
    path("ondernemers/<int:pk>/", views.entrepreneur_detail, name="entrepreneur_detail"),
    path("ondernemers/<int:pk>/bewerken/", views.entrepreneur_edit, name="entrepreneur_edit"),
    path("rollen/", views.role_list, name="role_list"),
    path("rollen/<int:pk>/data/", views.role_dates, name="role_dates"),
    path("rollen/<int:pk>/beeindigen/", views.role_end, name="role_end"),
    path("kantoren/<slug:slug>/rollen/", views.office_roles, name="office_roles"),
    path("gemeenten/", views.municipality_list, name="municipality_list"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="municipality_detail"),
]
