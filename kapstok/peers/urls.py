from django.urls import path

from . import exchange_views, meeting_views, views

app_name = "peers"

urlpatterns = [
    path("kantoren/<slug:slug>/collega-kantoren/", views.office_peers, name="office_peers"),
    path("collega-kantoren/gewichten/", views.peer_weights, name="weights"),
    path("praktijkvoorbeelden/", views.practice_list, name="practice_list"),
    path("praktijkvoorbeelden/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("praktijkvoorbeelden/<int:pk>/bewerken/", views.practice_edit, name="practice_edit"),
    path(
        "praktijkvoorbeelden/<int:pk>/ook-geprobeerd/",
        views.practice_trial,
        name="practice_trial",
    ),
    path(
        "kantoren/<slug:slug>/praktijkvoorbeelden/nieuw/",
        views.practice_create,
        name="practice_create",
    ),
    path(
        "kantoren/<slug:slug>/projecten/<int:project_pk>/praktijkvoorbeeld/",
        views.practice_from_project,
        name="practice_from_project",
    ),
]

urlpatterns += [
    path("kantoren/<slug:slug>/uitwisselbord/", exchange_views.exchange_board, name="exchange"),
    path(
        "kantoren/<slug:slug>/uitwisselbord/<int:pk>/",
        exchange_views.exchange_detail,
        name="exchange_detail",
    ),
    path(
        "kantoren/<slug:slug>/uitwisselbord/<int:pk>/opgelost/",
        exchange_views.exchange_solve,
        name="exchange_solve",
    ),
]

urlpatterns += [
    path("uitwisselbord/regio/", exchange_views.regional_board, name="regional_board"),
]

urlpatterns += [
    path("bijeenkomsten/", meeting_views.meeting_list, name="meeting_list"),
    path("bijeenkomsten/nieuw/", meeting_views.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("bijeenkomsten/<int:pk>/bewerken/", meeting_views.meeting_edit, name="meeting_edit"),
    path("bijeenkomsten/<int:pk>/antwoord/", meeting_views.meeting_rsvp, name="meeting_rsvp"),
    path(
        "bijeenkomsten/<int:pk>/aanwezigheid/",
        meeting_views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("bijeenkomsten/<int:pk>/uitnodiging.ics", meeting_views.meeting_ics, name="meeting_ics"),
]
urlpatterns += [
    # Read by calendar apps without a session: the signed token in the path is the key.
    path("agenda/<str:token>/bijeenkomsten.ics", meeting_views.meeting_feed, name="meeting_feed"),
]
urlpatterns += [path("regios/", views.regions, name="regions")]
