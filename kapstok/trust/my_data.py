"""The personal-data overview: all Kapstok keeps about a person, in words (AVG art. 12, 15, 20).

`personal_data_document(user)` is what the page *Mijn gegevens*, its PDF and its JSON download
show. It gathers the account, the roles, the businesses the person represents (with their
memberships), the consents, and every row elsewhere that points at the account, a represented
business or one of its memberships: found by walking the models' foreign keys
(`linked_models`), so a new app is included without changing this module, and described by
`kapstok.trust.descriptions` (a test fails when a model is walked but not described). Trust
imports none of the apps above it: what a business, a membership or a role is comes from
`kapstok.trust.registry` (network registers the businesses, their memberships and offices;
accounts the roles).

The document, also the JSON download's format (its keys are stable; `soort` is the model's
`app_label.model`, `sleutel` the field's name; the rest is Dutch for people):

    {
      "gemaakt_op": "6 december 2026, 14:05",
      "uitleg": "...",
      "account": GROUP, "rollen": GROUP, "toestemmingen": GROUP,
      "ondernemingen": [{"naam": business name, "onderneming": GROUP, "lidmaatschappen": GROUP,
                         "gegevens": [GROUP]}],
      "gegevens": [GROUP],
      "wie_ziet_uw_contactgegevens": [{"wie", "ziet", "grond", "sinds",
                                       "intrekken_toestemming", "intrekken_gemeente"}],
      "auditlog": GROUP without records, with "aantal" the number of entries
    }
    GROUP = {"soort": "strategy.participant", "naam": "Deelname aan strategische sessies",
             "omschrijving": what it is, "doel": why it is kept, "grondslag": the legal ground,
             "bewaartermijn": how long, "aantal": 2,
             "records": [{"soort": "strategy.participant", "sinds": "6 december 2026",
                          "velden": [{"sleutel": "created_at", "label": "deelgenomen op",
                                      "waarde": "6 december 2026, 20:15"}, ...]}]}
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .consent import consents_current, consents_for
from .descriptions import DESCRIPTIONS, format_day, group, shown_fields
from .models import AuditEntry, ConsentPurpose
from .personal_data import MAX_ROWS_PER_MODEL, SKIPPED_MODELS


def linked_models(target_model, *, skip=()) -> dict:
    """{model: [foreign key fields to `target_model`]} over every installed model."""
    found: dict = {}
    for model in apps.get_models():
        if model._meta.label_lower in skip or model is target_model:
            continue
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is target_model:
                found.setdefault(model, []).append(model_field)
    return found


def _covered() -> set[str]:
    """Models the registered sections show in their own group (the roles)."""
    return {label for section in registry.personal_data_sections() for label in section.covers}


def export_subjects() -> tuple:
    """What the export walks from: (target model, models it skips), for the completeness test."""
    return (
        (get_user_model(), SKIPPED_MODELS | _covered()),
        *((apps.get_model(label), skip) for label, skip in registry.subjects().items()),
    )


def _rows(model, fields, instances) -> list:
    """The rows of `model` pointing at any of `instances` through any of `fields`, newest first,
    each once, with the related records they show loaded in the same query."""
    where = Q()
    for model_field in fields:
        where |= Q(**{f"{model_field.name}__in": instances})
    description = DESCRIPTIONS.get(model._meta.label_lower)
    related = []
    if description is not None:
        related = [f.name for f in shown_fields(model, description) if f.is_relation]
        since = F(description.since).desc(nulls_last=True)
    else:
        since = F("pk").desc()
    queryset = model._default_manager.filter(where).select_related(*related)
    return list(queryset.order_by(since, "-pk").distinct()[:MAX_ROWS_PER_MODEL])


def _linked(target_model, instances, *, skip=()) -> dict[str, list]:
    """{model label: rows} of every model with a foreign key to `target_model` pointing at one
    of `instances` (models in `skip` are left out)."""
    if not instances:
        return {}
    found = {}
    for model, fields in linked_models(target_model, skip=skip).items():
        rows = _rows(model, fields, instances)
        if rows:
            found[model._meta.label_lower] = rows
    return found


def _groups(linked: dict[str, list], seen: set) -> list[dict]:
    """Described groups of rows not shown already (a row found twice is shown once)."""
    groups = []
    for label in sorted(linked, key=lambda label: str(DESCRIPTIONS[label].name)):
        rows = [row for row in linked[label] if (label, row.pk) not in seen]
        seen.update((label, row.pk) for row in rows)
        if rows:
            groups.append(group(label, rows))
    return groups


def _business(business: registry.Business, seen: set) -> dict:
    subjects = registry.subjects()
    linked: dict[str, list] = {}
    for label, instances in (
        (business.record._meta.label_lower, [business.record]),
        (business.parts_kind, business.parts),
    ):
        if label not in subjects:
            continue
        for found, rows in _linked(apps.get_model(label), instances, skip=subjects[label]).items():
            linked.setdefault(found, []).extend(rows)
    return {
        "naam": business.name,
        "onderneming": group(business.record._meta.label_lower, [business.record]),
        "lidmaatschappen": group(business.parts_kind, business.parts),
        "gegevens": _groups(linked, seen),
    }


def _sections(user) -> dict[str, dict]:
    """The registered sections that show records of their own (the roles, as "rollen")."""
    return {
        section.key: group(section.covers[0], list(section.export(user)))
        for section in registry.personal_data_sections()
        if section.export is not None and section.covers
    }


def personal_data_document(user) -> dict:
    """Everything about this person, described; see the module docstring for the format."""
    seen: set = set()
    businesses = registry.businesses(user)
    documents = [_business(business, seen) for business in businesses]
    consents = list(consents_for(user).order_by("-recorded_at", "-id"))
    auditlog = group("trust.auditentry", [])
    auditlog["aantal"] = AuditEntry.objects.filter(actor=user).count()
    skip = SKIPPED_MODELS | _covered()
    return {
        "gemaakt_op": format_day(timezone.now()),
        "uitleg": _(
            "Dit is alles wat Kapstok over u bewaart: per soort gegevens wat het is, waarom we "
            "het bewaren en op welke grond, sinds wanneer en hoe lang."
        ),
        "account": group(get_user_model()._meta.label_lower, [user]),
        **_sections(user),
        "ondernemingen": documents,
        "toestemmingen": group("trust.consentrecord", consents),
        "gegevens": _groups(_linked(get_user_model(), [user], skip=skip), seen),
        "wie_ziet_uw_contactgegevens": contact_visibility(
            user, [business.record.pk for business in businesses]
        ),
        "auditlog": auditlog,
    }


# --- who sees the contact details now --------------------------------------------------------


def _line(who, sees, ground, since=None, purpose=None, municipality=None) -> dict:
    return {
        "wie": who,
        "ziet": sees,
        "grond": ground,
        "sinds": format_day(since) if since else "",
        "intrekken_toestemming": purpose,
        "intrekken_gemeente": municipality,
    }


def contact_visibility(user, entrepreneur_ids: list[int]) -> list[dict]:
    """Who can see the contact details of the person's businesses now, and on what ground.

    The office's leads and POS staff see every member's email address and phone number
    (`access.member_detail`: FULL); a municipality the office works in only while the business's
    own consent for that municipality stands (`ConsentPurpose.MUNICIPALITY_CONTACT`, one record
    per business and municipality); the public office page shows name, branches and website of a
    member who is listed publicly. The offices come from the registry (`register_affiliations`).
    """
    current = [record for record in consents_current(user) if record.given]
    municipality_consent = {
        (record.entrepreneur_id, record.municipality_id): record
        for record in current
        if record.purpose == ConsentPurpose.MUNICIPALITY_CONTACT
    }
    listing_consent = {
        record.entrepreneur_id
        for record in current
        if record.purpose == ConsentPurpose.PUBLIC_LISTING
    }
    lines = []
    shown_municipalities: set[tuple[int, int]] = set()
    for affiliation in registry.affiliations(entrepreneur_ids):
        office, business = affiliation.office, affiliation.business
        contact = _("e-mailadres en telefoonnummer van %(business)s") % {"business": business}
        lines.append(
            _line(
                _("De kartrekkers van %(office)s") % {"office": office},
                contact,
                _("uw lidmaatschap van %(office)s") % {"office": office},
                affiliation.since,
            )
        )
        for municipality_id, municipality in affiliation.municipalities:
            key = (affiliation.business_id, municipality_id)
            record = municipality_consent.get(key)
            if record is None or key in shown_municipalities:
                continue
            shown_municipalities.add(key)
            lines.append(
                _line(
                    _("Beleidsambtenaren en wethouders van gemeente %(municipality)s")
                    % {"municipality": municipality},
                    contact,
                    _("uw toestemming om te delen met de gemeente"),
                    record.recorded_at,
                    purpose=ConsentPurpose.MUNICIPALITY_CONTACT.value,
                    municipality=municipality_id,
                )
            )
        if affiliation.listed_publicly:
            consented = affiliation.business_id in listing_consent
            lines.append(
                _line(
                    _("Iedereen, op de openbare pagina van %(office)s") % {"office": office},
                    _(
                        "naam, takken van sport en website van %(business)s; niet het "
                        "e-mailadres of telefoonnummer"
                    )
                    % {"business": business},
                    _("uw toestemming")
                    if consented
                    else _(
                        "gekozen door de kartrekker van %(office)s; vraag de kartrekker het uit "
                        "te zetten als u dat niet wilt"
                    )
                    % {"office": office},
                    purpose=ConsentPurpose.PUBLIC_LISTING.value if consented else None,
                )
            )
    if entrepreneur_ids:
        lines.append(
            _line(
                _("Medewerkers van het POS"),
                _("de gegevens van al uw ondernemingen en lidmaatschappen"),
                _("het beheer van het landelijke netwerk (gerechtvaardigd belang)"),
            )
        )
    return lines
