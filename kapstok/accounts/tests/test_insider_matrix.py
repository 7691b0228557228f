"""Insiders reach only what is theirs: every route that takes a POST, sent by every insider who
may not act there, answers 403/404 (or 405, or the login page) and leaves the database exactly
as it was.

The routes come from the page matrix (`test_access_matrix.PAGES`), which every URL of the
project must be in: a new POST route is covered the day it is added. Who may act on a route
is what the page matrix says (an outcome of "200", or "400" for a form it lets through); every
other insider is sent a hostile form that names another office, another municipality, another
partner, a phase step back and "confirm", so a missing check shows up as a changed database,
not only as a status code.

The insiders: a lead of another office, a lead of an office the member *used to* belong to, a
member of the same office, a member of another office, the civil servant of another
municipality, a partner not assigned to the office, a researcher and an anonymous visitor.
The API has no write operations (`kapstok/api` exposes GET only); a test below keeps it so.
"""

import hashlib

import pytest

from django.apps import apps
from django.db import connection

from .test_access_matrix import PAGES
from .test_access_matrix import matrix_world as matrix_world  # noqa: F401  (the fixture)

INSIDERS = [
    "other_lead",
    "former_lead",
    "member",
    "other_member",
    "other_civil_servant",
    "other_partner",
    "researcher",
    "anonymous",
]
REFUSED = {403, 404, 405}
# Rows that change with every request whatever it does, not data of the network.
VOLATILE_TABLES = {"django_session", "core_contentgeneration"}
VOLATILE_PREFIXES = ("axes_",)


def hostile_form(w) -> dict:
    """Fields that, if a view forgot its check, would move or take over someone else's data."""
    return {
        "office": w.other_office.pk,
        "offices": [w.other_office.pk],
        "invited_offices": [w.other_office.pk],
        "municipality": w.zwolle.pk,
        "municipalities": [w.zwolle.pk],
        "partner": w.other_partner.pk,
        "status": "dissolved",
        "to": "goals",
        "action": "confirm",
        "confirm": "on",
        "name": "Overgenomen",
        "title": "Overgenomen",
        "text": "Overgenomen",
        "body": "Overgenomen",
        "reason": "Overgenomen",
        "email": "overname@example.invalid",
        "kvk_number": w.member_entrepreneur.kvk_number,
        "joined_on": "2025-01-01",
        "left_on": "2025-01-02",
        "listed_publicly": "on",
        "shares_contact": "on",
    }


def database_fingerprint() -> dict[str, str]:
    """A hash of every row of every table of the project's models, per table."""
    fingerprint = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in VOLATILE_TABLES or table.startswith(VOLATILE_PREFIXES):
            continue
        columns = [field.column for field in model._meta.local_concrete_fields]
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        order = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quoted} FROM {connection.ops.quote_name(table)} ORDER BY {order}"
            )
            rows = cursor.fetchall()
        fingerprint[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return fingerprint


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


def may_act(page: str, insider: str) -> bool:
    """Allowed by the page matrix: shown (200), or let through to the form's errors (400)."""
    return PAGES[page][1][insider] in {"200", "400"}


@pytest.mark.parametrize("page", PAGES)
def test_insiders_who_may_not_act_change_nothing(page, matrix_world, client):
    build_url, _outcomes = PAGES[page]
    url = build_url(matrix_world)
    form = hostile_form(matrix_world)
    wrong = {}
    for insider in INSIDERS:
        if may_act(page, insider):
            continue
        client.logout()
        if insider != "anonymous":
            client.force_login(matrix_world.users[insider])
        before = database_fingerprint()
        response = client.post(url, form)
        after = database_fingerprint()
        to_login = response.status_code == 302 and "/account/inloggen/" in response["Location"]
        if response.status_code not in REFUSED and not (insider == "anonymous" and to_login):
            wrong[insider] = f"answered {response.status_code}"
        if changed := changed_tables(before, after):
            wrong[insider] = f"{wrong.get(insider, 'refused')}, but changed {changed}"
    assert not wrong, f"{page} {url}: {wrong}"


def test_the_api_has_no_write_operations(client):
    """If the API gains writes, they must join this matrix; until then it answers 405."""
    schema = client.get("/api/v1/openapi.json").json()
    methods = {method for path in schema["paths"].values() for method in path}
    assert methods <= {"get"}, methods
