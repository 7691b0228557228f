from django.urls import path

from . import views

app_name = "clubs"

urlpatterns = [
    path("", views.club_list, name="list"),
    path("nieuw/", views.club_create, name="create"),
    path("importeren/", views.club_import, name="import"),
    path("<int:pk>/", views.club_detail, name="detail"),
    path("<int:pk>/bewerken/", views.club_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.club_delete, name="delete"),
    path("<int:pk>/koppelen/", views.club_link, name="link"),
    path("<int:pk>/ontkoppelen/<str:kind>/<int:target_pk>/", views.club_unlink, name="unlink"),
]
