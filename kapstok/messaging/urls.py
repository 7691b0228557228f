"""Included at the site root: the office's message pages and the inbox live under /netwerk/,
the unsubscribe link (no account needed) under /afmelden/."""

from django.urls import path

from . import views

app_name = "messaging"

OFFICE = "netwerk/kantoren/<slug:slug>/berichten/"
INBOX = "netwerk/berichten/"

urlpatterns = [
    path(OFFICE, views.archive, name="archive"),
    path(f"{OFFICE}nieuw/", views.compose, name="compose"),
    path(f"{OFFICE}instellingen/", views.auto_approve, name="auto_approve"),
    path(f"{OFFICE}<int:pk>/", views.message_detail, name="message_detail"),
    path(f"{OFFICE}<int:pk>/goedkeuren/", views.message_approve, name="message_approve"),
    path(f"{OFFICE}<int:pk>/afwijzen/", views.message_reject, name="message_reject"),
    path(INBOX, views.inbox, name="inbox"),
    path(f"{INBOX}voorkeuren/", views.preferences, name="preferences"),
    path(f"{INBOX}<int:pk>/", views.inbox_detail, name="inbox_detail"),
    path(f"{INBOX}bijlagen/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
