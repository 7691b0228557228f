"""Helpers for the rules' specification tests (`<app>/tests/test_rules.py`): the personas of the
root conftest's `world`, plus an anonymous visitor, and their viewers as the database has them."""

from django.contrib.auth import get_user_model

from kapstok.accounts.access import ANONYMOUS, viewer_for

PERSONAS = [
    "anonymous",
    "pos",
    "lead",
    "member",
    "civil_servant",
    "partner",
    "researcher",
    "admin",
    "other_lead",
    "other_member",
    "outsider",
]


def viewer(world, persona):
    """The persona's viewer, built from their grants now (not one cached on the user object)."""
    if persona == "anonymous":
        return ANONYMOUS
    return viewer_for(get_user_model().objects.get(pk=world.users[persona].pk))


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))
