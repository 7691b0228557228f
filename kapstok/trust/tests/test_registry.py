"""Trust learns what the other apps keep about people from its registry, not by importing them."""

import pytest

from django.apps import apps

from kapstok.trust import registry, retention

JOIN_REQUESTS = "Aanmeldingen van niet-leden (publiek formulier)"


def test_the_apps_that_keep_personal_data_have_registered():
    keys = [section.key for section in registry.personal_data_sections()]
    assert {"rollen", registry.ENTREPRENEURS, "monitor.invitation"} <= set(keys)
    # Who represents a business is read before the roles go: sections erase before closing.
    assert registry.account_closing_steps()
    categories = [rule.category for rule in retention.rules()]
    # A purged join request leaves orphaned consents, which a later rule takes the same night.
    assert categories.index(JOIN_REQUESTS) < categories.index(
        "Toestemmingen (wat, wanneer, welke tekst)"
    )


def test_ready_twice_registers_once():
    before = (len(registry.retention_rules()), len(registry.personal_data_sections()))
    for label in ("accounts", "network", "public", "monitor"):
        apps.get_app_config(label).ready()
    assert (len(registry.retention_rules()), len(registry.personal_data_sections())) == before


@pytest.mark.django_db
def test_without_a_registered_check_nobody_sees_the_inventory(client, world, monkeypatch):
    monkeypatch.setattr(registry, "_site_admin_checks", {})
    client.force_login(world.users["admin"])
    assert client.get("/account/persoonsgegevens/").status_code == 403
