"""Consent to share contact details with a municipality, over any sequence of yeses and noes.

The example tests (test_spec_consent.py) check one step each. Here Hypothesis lets two
businesses say yes and no to two municipalities in any order, and lets the member withdraw from
*Mijn gegevens*, against a plain model of "the latest word per business and municipality":

- what the portal may show (`municipality_contact_given`, `municipality_contact_holders`, and
  `municipality_contact_stands` inside a query) is always exactly the latest word, per business
  and per municipality;
- saying what already holds records nothing; every change appends one record and no record is
  ever altered, so the history can always be shown as it was;
- the member's withdrawal for one municipality touches only their own business there, and
  withdrawing what holds nowhere records nothing.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapstok.core.tests.hypothesis_db import db_settings, in_savepoint
from kapstok.network.models import Entrepreneur
from kapstok.trust.consent import (
    consent_withdraw,
    consents_current,
    current_text,
    municipality_contact_given,
    municipality_contact_holders,
    municipality_contact_set,
    municipality_contact_stands,
)
from kapstok.trust.models import ConsentPurpose, ConsentRecord

CONTACT = ConsentPurpose.MUNICIPALITY_CONTACT
DB_SETTINGS = db_settings(20)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("say"), st.integers(0, 1), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("withdraw"), st.none() | st.integers(0, 1)),
    ),
    max_size=14,
)


def history():
    fields = ("pk", "given", "text_version", "text_hash", "entrepreneur_id", "municipality_id")
    return list(ConsentRecord.objects.filter(purpose=CONTACT).order_by("pk").values_list(*fields))


def stands_in_a_query(municipality_id: int, ids) -> set[int]:
    """The businesses whose consent stands, asked inside one query on the businesses."""
    return set(
        Entrepreneur.objects.filter(pk__in=ids)
        .annotate(shares=municipality_contact_stands(municipality_id))
        .filter(shares=True)
        .values_list("pk", flat=True)
    )


@pytest.mark.django_db
@DB_SETTINGS
@given(steps)
def test_the_portal_shows_exactly_the_latest_word_and_the_history_only_grows(world, ops):
    member = world.users["member"]
    businesses = [world.member_entrepreneur, world.other_entrepreneur]
    places = [world.utrecht, world.zwolle]

    def example():
        latest = {(b, m): False for b in range(2) for m in range(2)}
        before = history()
        for op in ops:
            if op[0] == "say":
                _say, b, m, yes = op
                record = municipality_contact_set(
                    entrepreneur=businesses[b],
                    municipality=places[m],
                    given=yes,
                    user=member if b == 0 else world.users["other_member"],
                    source="deelpagina",
                )
                changed = latest[(b, m)] != yes
                assert (record is not None) == changed
                latest[(b, m)] = yes
                expected_new = 1 if changed else 0
            else:
                _withdraw, m = op
                withdrawn = consent_withdraw(
                    user=member,
                    purpose=CONTACT,
                    municipality_id=None if m is None else places[m].pk,
                )
                mine = [m] if m is not None else [0, 1]
                expected_new = sum(latest[(0, where)] for where in mine)
                assert len(withdrawn) == expected_new
                assert all(r.entrepreneur_id == businesses[0].pk for r in withdrawn)
                for where in mine:
                    latest[(0, where)] = False
            after = history()
            assert after[: len(before)] == before  # nothing recorded is ever changed
            assert len(after) == len(before) + expected_new
            before = after
            for (b, m), holds in latest.items():
                assert municipality_contact_given(businesses[b].pk, places[m].pk) is holds
            for m, place in enumerate(places):
                ids = [business.pk for business in businesses]
                expected = {businesses[b].pk for b in range(2) if latest[(b, m)]}
                assert municipality_contact_holders(place.pk, ids) == expected
                assert stands_in_a_query(place.pk, ids) == expected

    in_savepoint(example)


@pytest.mark.django_db
@DB_SETTINGS
@given(st.lists(st.tuples(st.integers(0, 1), st.booleans()), min_size=1, max_size=8))
def test_what_holds_now_is_one_current_record_per_municipality_for_the_current_text(world, ops):
    member = world.users["member"]
    places = [world.utrecht, world.zwolle]

    def example():
        latest = {}
        for m, yes in ops:
            municipality_contact_set(
                entrepreneur=world.member_entrepreneur,
                municipality=places[m],
                given=yes,
                user=member,
                source="deelpagina",
            )
            if yes or m in latest:
                latest[m] = yes
        current = [r for r in consents_current(member) if r.purpose == CONTACT]
        assert {r.municipality_id: r.given for r in current} == {
            places[m].pk: yes for m, yes in latest.items()
        }
        text = current_text(CONTACT)
        assert all((r.text_version, r.text_hash) == (text.version, text.sha256) for r in current)

    in_savepoint(example)
