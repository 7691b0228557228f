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
- `register_site_admin_check(fn)`: who may see the inventory pages (the access layer decides).

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

    `key` names the section in the download (Dutch, like the download's other keys).
    `export(user)` returns the section's JSON-ready data; None when the generic part of the
    download (every row with a foreign key to the account) already shows it. `erase(user=,
    actor=)` anonymises it and returns how many records it changed. `covers` lists the models
    (`app_label.modelname`) the section exports, so the generic part leaves them out.
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


_personal_data: dict[str, PersonalData] = {}
_account_closing: dict[str, Callable[..., Any]] = {}
_retention_rules: dict[str, RetentionRule] = {}
_represented: dict[str, Callable[[Any], Iterable[int]]] = {}
_consent_withdrawn: dict[str, Callable[..., Any]] = {}
_site_admin_checks: dict[str, Callable[[Any], bool]] = {}


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
