from django.urls import path

from . import knowledge_views, views

app_name = "support"

urlpatterns = [
    path("", views.request_queue, name="queue"),
    path("kantoor/<slug:slug>/", views.office_requests, name="office_requests"),
    path("kantoor/<slug:slug>/nieuw/", views.request_create, name="request_create"),
    path("vragen/<int:pk>/", views.request_detail, name="request_detail"),
    path("vragen/<int:pk>/reageren/", views.message_add, name="message_add"),
    path("vragen/<int:pk>/behandelen/", views.request_handle, name="request_handle"),
    path("vragen/<int:pk>/samenvoegen/", views.request_merge, name="request_merge"),
    path("vragen/<int:pk>/beoordelen/", views.request_rate, name="request_rate"),
    path("bijlagen/<int:pk>/", views.attachment_download, name="attachment_download"),
]
urlpatterns += [
    path("rapport/", views.supply_demand, name="report"),
    path("te-laat/", views.late_counts, name="late_counts"),
    path("rapport.xlsx", views.supply_demand_xlsx, name="report_xlsx"),
]
urlpatterns += []
urlpatterns += [path("aanbod/", views.offer_catalogue, name="catalogue")]
urlpatterns += [
    path("vragen/<int:pk>/koppelen/", views.request_link, name="request_link"),
    path("vragen/<int:pk>/ontkoppelen/", views.request_unlink, name="request_unlink"),
    path("kennisbank/", knowledge_views.article_list, name="article_list"),
    path("kennisbank/nieuw/", knowledge_views.article_create, name="article_create"),
    path("kennisbank/<int:pk>/", knowledge_views.article_detail, name="article_detail"),
    path("kennisbank/<int:pk>/bewerken/", knowledge_views.article_edit, name="article_edit"),
]
