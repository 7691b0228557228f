"""What the other apps keep about people, as they tell trust; trust imports none of them.

Trust sits low in the house: accounts, network, public, monitor and others record their changes
in its audit log and send their mail through its outbox. Its AVG functions still have to reach
what those apps keep, so each app registers with trust in its `AppConfig.ready()`, and trust
iterates the registry instead of importing the app:

- `register_personal_data(PersonalData(...))`: a section of the personal-data download and/or
  what to anonymise when a person asks to be erased (`kapstok.trust.personal_data`);
- `register_account_closing(fn)`: what goes when the account itself is closed, after every
  app's data is erased (the person's roles);
- `register_retention_rule(RetentionRule(...))`: a category of personal data with a retention
  term (`kapstok.trust.retention`, the data inventory page);
- `register_represented(fn)`: the businesses a person represents (their consents and data are
  the person's too);
- `register_consent_withdrawn(fn)`: what a withdrawn consent switches off;
- `register_site_admin_check(fn)`: who may see the inventory pages (the access layer decides);
- for the personal-data overview (`kapstok.trust.my_data`): `register_businesses(fn)` (the
  businesses a person represents, with their memberships), `register_subject(label, skip=)` (a
  model that stands for a person: rows pointing at it are theirs too),
  `register_affiliations(fn)` (the offices a business is a current member of, for "who sees
  your contact details") and `register_field_display(key, fn)` (how one field is put in words
  when that takes knowledge trust does not have).

Registering under a key that is already there replaces the entry, so calling `ready()` twice is
harmless. With nothing registered, trust still works on its own data and refuses its admin
pages.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# The section whose erasure count is kept on the `ErasureRecord` (entrepreneurs_anonymised).
ENTREPRENEURS = "ondernemers"


@dataclass(frozen=True)
class PersonalData:
    """What one app keeps about a person beyond the rows that point at their account.

    `key` names the section in the overview and download (Dutch, like its other keys).
    `export(user)` returns the section's records (model instances, all of the model
    `covers[0]`, described in `kapstok.trust.descriptions`); None when the generic part of the
    overview (every row with a foreign key to the account) already shows them. `erase(user=,
    actor=)` anonymises it and returns how many records it changed. `covers` lists the models
    (`app_label.modelname`) the section shows, so the generic part leaves them out.
    """

    key: str
    export: Callable[[Any], Any] | None = None
    erase: Callable[..., int] | None = None
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetentionRule:
    """A category of personal data, how long it is kept (in words, for site admins), how many
    records are held now, and `purge(now)`: delete what is past its term, return how many."""

    category: str
    kept: str
    held: Callable[[], int]
    purge: Callable[[datetime.datetime], int]


@dataclass(frozen=True)
class Business:
    """A business a person represents, as the personal-data overview shows it.

    `record` is the business's own row and `parts` the rows that belong to it (its
    memberships), model instances described in `kapstok.trust.descriptions`; `parts_kind` names
    the parts' model (`app_label.modelname`), so an empty list still has a heading.
    """

    name: str
    record: Any
    parts_kind: str
    parts: list


@dataclass(frozen=True)
class Affiliation:
    """A business's current membership of an office, for "who sees your contact details now".

    `municipalities` are (id, name) of the municipalities the office works in: each may see the
    business's contact details only with the business's consent for that municipality.
    """

    business_id: int
    business: str
    office: str
    since: datetime.date | None
    municipalities: tuple[tuple[int, str], ...]
    listed_publicly: bool


_personal_data: dict[str, PersonalData] = {}
_account_closing: dict[str, Callable[..., Any]] = {}
_retention_rules: dict[str, RetentionRule] = {}
_represented: dict[str, Callable[[Any], Iterable[int]]] = {}
_consent_withdrawn: dict[str, Callable[..., Any]] = {}
_site_admin_checks: dict[str, Callable[[Any], bool]] = {}
_businesses: dict[str, Callable[[Any], list[Business]]] = {}
_subjects: dict[str, frozenset[str]] = {}
_affiliations: dict[str, Callable[[list[int]], list[Affiliation]]] = {}
_field_displays: dict[str, Callable[[Any], str]] = {}


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def register_personal_data(section: PersonalData) -> None:
    _personal_data[section.key] = section


def register_account_closing(fn: Callable[..., Any]) -> None:
    """`fn(user=, actor=)`, run when an erased person's account is closed."""
    _account_closing[_name(fn)] = fn


def register_retention_rule(rule: RetentionRule) -> None:
    _retention_rules[rule.category] = rule


def register_represented(fn: Callable[[Any], Iterable[int]]) -> None:
    """`fn(user)` gives the ids of the entrepreneurs this person represents."""
    _represented[_name(fn)] = fn


def register_consent_withdrawn(fn: Callable[..., Any]) -> None:
    """`fn(purpose=, entrepreneur_ids=, actor=)`, run inside the withdrawal's transaction."""
    _consent_withdrawn[_name(fn)] = fn


def register_site_admin_check(fn: Callable[[Any], bool]) -> None:
    _site_admin_checks[_name(fn)] = fn


def register_businesses(fn: Callable[[Any], list[Business]]) -> None:
    """`fn(user)` gives the businesses this person represents, for the overview."""
    _businesses[_name(fn)] = fn


def register_subject(label: str, *, skip: Iterable[str] = ()) -> None:
    """A model (`app_label.modelname`) whose rows stand for a person besides their account:
    the overview shows every row pointing at one of them, except in the models in `skip`."""
    _subjects[label] = frozenset(skip)


def register_affiliations(fn: Callable[[list[int]], list[Affiliation]]) -> None:
    """`fn(entrepreneur_ids)` gives those businesses' current memberships of offices."""
    _affiliations[_name(fn)] = fn


def register_field_display(key: str, fn: Callable[[Any], str]) -> None:
    """`fn(instance)` puts the field `key` (`app_label.modelname.field`) in words."""
    _field_displays[key] = fn


def businesses(user) -> list[Business]:
    return [business for fn in _businesses.values() for business in fn(user)]


def subjects() -> dict[str, frozenset[str]]:
    return dict(_subjects)


def affiliations(entrepreneur_ids: list[int]) -> list[Affiliation]:
    return [a for fn in _affiliations.values() for a in fn(entrepreneur_ids)]


def field_display(key: str) -> Callable[[Any], str] | None:
    return _field_displays.get(key)


def personal_data_sections() -> list[PersonalData]:
    return list(_personal_data.values())


def account_closing_steps() -> list[Callable[..., Any]]:
    return list(_account_closing.values())


def retention_rules() -> list[RetentionRule]:
    return list(_retention_rules.values())


def represented_entrepreneur_ids(user) -> list[int]:
    return sorted({pk for fn in _represented.values() for pk in fn(user)})


def consent_withdrawn(*, purpose: str, entrepreneur_ids: list[int], actor) -> None:
    for fn in _consent_withdrawn.values():
        fn(purpose=purpose, entrepreneur_ids=entrepreneur_ids, actor=actor)


def is_site_admin(user) -> bool:
    """True when a registered check says so; nobody when none is registered (fail closed)."""
    return any(check(user) for check in _site_admin_checks.values())
