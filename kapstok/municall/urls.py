"""Included at the site root: calls and questions live under the office's pages."""

from django.urls import path

from . import views

app_name = "municall"

CALLS = "netwerk/kantoren/<slug:slug>/oproepen/"
QUESTIONS = "netwerk/kantoren/<slug:slug>/vragen-aan-gemeente/"

urlpatterns = [
    path(CALLS, views.call_list, name="call_list"),
    path(f"{CALLS}nieuw/", views.call_create, name="call_create"),
    path(f"{CALLS}<int:pk>/", views.call_detail, name="call_detail"),
    path(f"{CALLS}<int:pk>/goedkeuren/", views.call_approve, name="call_approve"),
    path(f"{CALLS}<int:pk>/afwijzen/", views.call_reject, name="call_reject"),
    path(f"{CALLS}<int:pk>/meedoen/", views.answer_create, name="answer_create"),
    path(f"{CALLS}<int:pk>/reactie-wijzigen/", views.answer_change, name="answer_change"),
    path(f"{CALLS}<int:pk>/reactie-intrekken/", views.answer_withdraw, name="answer_withdraw"),
    path(QUESTIONS, views.question_list, name="question_list"),
    path(f"{QUESTIONS}nieuw/", views.question_create, name="question_create"),
    path(f"{QUESTIONS}<int:pk>/", views.question_detail, name="question_detail"),
    path(f"{QUESTIONS}<int:pk>/doorsturen/", views.question_forward, name="question_forward"),
    path(f"{QUESTIONS}<int:pk>/afwijzen/", views.question_decline, name="question_decline"),
    path(f"{QUESTIONS}<int:pk>/beantwoorden/", views.question_answer, name="question_answer"),
]
