"""Every kind of record Kapstok keeps about a person is described in Dutch words.

The personal-data overview walks every model with a foreign key to the user, to an
entrepreneur or to a membership (`my_data.linked_models`). A model found that way without a
description in `trust.descriptions` fails here: an app cannot start keeping something about a
person without saying what it is, why, on what ground and how long.
"""

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from kapstok.network.models import Entrepreneur, Membership
from kapstok.trust import my_data, retention
from kapstok.trust.descriptions import (
    COMMON_LABELS,
    DESCRIPTIONS,
    EXEMPT,
    label_for,
    shown_fields,
)


def models_pointing_at_a_person() -> set[str]:
    """Labels of every model with a foreign key to the user, an entrepreneur or a membership."""
    people = (get_user_model(), Entrepreneur, Membership)
    return {
        model._meta.label_lower
        for model in apps.get_models()
        for model_field in model._meta.concrete_fields
        if model_field.is_relation and model_field.related_model in people
    }


def test_every_model_that_points_at_a_person_is_described():
    missing = models_pointing_at_a_person() - set(DESCRIPTIONS) - set(EXEMPT)
    assert not missing, f"describe these in kapstok/trust/descriptions.py: {sorted(missing)}"


def test_every_model_the_export_walks_is_described():
    walked = {
        model._meta.label_lower
        for target, skip in my_data.export_subjects()
        for model in my_data.linked_models(target, skip=skip)
    }
    assert walked, "the export walks nothing: the rule changed?"
    assert walked <= set(DESCRIPTIONS), sorted(walked - set(DESCRIPTIONS))


def test_no_description_is_left_over_for_a_model_that_is_gone():
    for label in DESCRIPTIONS:
        apps.get_model(label)  # raises LookupError for a model that no longer exists


@pytest.mark.parametrize("label", sorted(DESCRIPTIONS))
def test_each_description_is_complete_and_names_real_fields(label):
    description = DESCRIPTIONS[label]
    model = apps.get_model(label)
    names = {f.name for f in model._meta.concrete_fields}
    for text in (description.name, description.what, description.why, description.ground):
        assert str(text).strip(), label
    assert description.how_long().strip(), f"{label}: say how long it is kept"
    assert not (description.kept and description.retention), f"{label}: kept or retention"
    assert description.since in names, f"{label}: since={description.since!r}"
    since = model._meta.get_field(description.since)
    assert isinstance(since, models.DateField | models.DateTimeField), label
    for name in (*description.omit, *description.labels, *description.values):
        assert name in names, f"{label}: no field {name!r}"


@pytest.mark.parametrize("label", sorted(DESCRIPTIONS))
def test_every_field_shown_has_a_dutch_label(label):
    description = DESCRIPTIONS[label]
    for model_field in shown_fields(apps.get_model(label), description):
        shown = label_for(description, model_field)
        assert shown, f"{label}.{model_field.name}: give it a Dutch label"
        assert "_" not in shown, (label, shown)
        # Django's default label is the field's name: only a Dutch label chosen on purpose
        # ("status", "website", "agenda") may be spelled like the name.
        chosen = (
            model_field._verbose_name is not None
            or model_field.name in description.labels
            or model_field.name in COMMON_LABELS
        )
        assert chosen or shown != model_field.name, (label, shown)
    for extra in description.extras:
        assert str(extra.label).strip() and "_" not in str(extra.label), (label, extra.key)


def test_secrets_hashes_and_machine_fields_are_never_shown():
    never = {"password", "key", "token", "text_hash", "pseudonym_salt", "join_code", "params"}
    for label, description in DESCRIPTIONS.items():
        model = apps.get_model(label)
        shown = {f.name for f in shown_fields(model, description)}
        assert not shown & never, (label, shown & never)
        for model_field in shown_fields(model, description):
            if isinstance(model_field, models.JSONField | models.FileField):
                assert model_field.name in description.values, (label, model_field.name)


def test_retention_rules_named_by_a_description_exist():
    categories = {rule.category for rule in retention.rules()}
    categories |= {category for category, _kept in retention.HELD_WHILE_ACTIVE}
    for label, description in DESCRIPTIONS.items():
        if description.retention:
            assert description.retention in categories, label
