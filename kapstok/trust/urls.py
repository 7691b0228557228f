from django.urls import path

from . import views

app_name = "trust"

urlpatterns = [
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/download.json", views.my_data_json, name="my_data_json"),
    path("mijn-gegevens/download.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("mijn-gegevens/wissen/", views.erase_confirm, name="erase_confirm"),
    path("mijn-gegevens/wissen/bevestigd/", views.erase, name="erase"),
    path("persoonsgegevens/", views.data_inventory, name="data_inventory"),
    path(
        "mijn-gegevens/toestemming-intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("toestemmingen/", views.consent_overview, name="consent_overview"),
]
