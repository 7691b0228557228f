"""The participants' pages, mounted at /sessie/: short enough to type from a projector."""

from django.urls import path

from . import join_views

app_name = "participate"

urlpatterns = [
    path("", join_views.join, name="join"),
    path("<str:code>/", join_views.board, name="board"),
    path("<str:code>/live/", join_views.board_live, name="board_live"),
    path("<str:code>/kaartjes/nieuw/", join_views.card_add, name="card_add"),
    path("<str:code>/kaartjes/<int:card_pk>/bewerken/", join_views.card_edit, name="card_edit"),
    path(
        "<str:code>/kaartjes/<int:card_pk>/verwijderen/",
        join_views.card_delete,
        name="card_delete",
    ),
    path("<str:code>/stemmen/<int:theme_pk>/", join_views.vote_cast, name="vote_cast"),
    path(
        "<str:code>/stemmen/<int:theme_pk>/weghalen/",
        join_views.vote_remove,
        name="vote_remove",
    ),
]
