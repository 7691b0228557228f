from django.urls import path

from . import views

app_name = "community"

OFFICE = "netwerk/kantoren/<slug:slug>/buurt/"
STORY = OFFICE + "verhalen/<int:pk>/"

urlpatterns = [
    path(OFFICE, views.office_community, name="office"),
    path(OFFICE + "activiteiten/nieuw/", views.activity_add, name="activity_add"),
    path(OFFICE + "activiteiten/<int:pk>/", views.activity_edit, name="activity_edit"),
    path(
        OFFICE + "activiteiten/<int:pk>/verwijderen/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(OFFICE + "verhalen/nieuw/", views.story_add, name="story_add"),
    path(STORY, views.story_edit, name="story_edit"),
    path(STORY + "publiceren/", views.story_publish, name="story_publish"),
    path(STORY + "verwijderen/", views.story_delete, name="story_delete"),
    # The photo has a public address: a published one is shown on the public office page.
    path("kantoren/<slug:slug>/verhalen/<int:pk>/foto.jpg", views.story_photo, name="story_photo"),
]
