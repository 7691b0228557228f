"""How landscape rows are linked to the office's members, for any file (Hypothesis, no database).

`test_spec_importer.py` pins single cases; these hold for every mix of rows and members: a link
is only ever made on the same KvK number and never against a different establishment, rows of a
KvK number with several establishments are not guessed at, a linked row gets no suggestion, a
suggestion stays in the row's municipality, is never a taken member nor a rejected pair, and a
name compares the same however it is spaced, cased or suffixed with a legal form or the place.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.representation.importer import ParsedRow
from kapstok.representation.matching import FUZZY_THRESHOLD, Known, comparable, match_exact, suggest

SETTINGS = settings(max_examples=100, deadline=None)
KVKS = st.sampled_from(["11111111", "22222222", "33333333", "44444444"])
ESTABLISHMENTS = st.sampled_from(["", "000000000001", "000000000002"])
NAMES = st.sampled_from(
    ["Padelcentrum Domstad", "Padel Centrum Domstad", "Tennispark Kort", "Yogastudio Zon",
     "Manege De Hoef", "Fitstudio Kelinmo", "Dansschool Pas"]
)  # fmt: skip
MUNICIPALITIES = st.sampled_from([1, 2])


def parsed(kvk, establishment, name, municipality):
    return ParsedRow(
        line=2,
        kvk_number=kvk,
        establishment_number=establishment,
        trade_name=name,
        address="",
        postcode="",
        place="",
        municipality_id=municipality,
        website="",
        sbi_codes="",
        branch=None,
        branch_source="unknown",
    )


rows = st.lists(st.builds(parsed, KVKS, ESTABLISHMENTS, NAMES, MUNICIPALITIES), max_size=8)
members = st.lists(
    st.builds(
        Known, st.integers(1, 99), KVKS, ESTABLISHMENTS, NAMES, MUNICIPALITIES, st.booleans()
    ),
    max_size=6,
    unique_by=lambda known: known.id,
)


@SETTINGS
@given(rows, members)
def test_a_link_is_only_made_on_the_same_kvk_number_and_a_compatible_establishment(file, known):
    by_id = {k.id: k for k in known}
    linked = match_exact(file, known)
    assert linked == {row.entrepreneur_id for row in file if row.entrepreneur_id is not None}
    for row in file:
        if row.entrepreneur_id is None:
            assert row.match_kind == ""
            continue
        member = by_id[row.entrepreneur_id]
        assert row.match_kind == "kvk"
        assert member.kvk_number == row.kvk_number
        both_given = member.establishment_number and row.establishment_number
        if both_given:
            assert member.establishment_number == row.establishment_number
        assert row.is_chain >= member.is_chain  # a known chain makes the row a chain


@SETTINGS
@given(rows, members)
def test_an_exact_pair_of_numbers_always_links(file, known):
    pairs = {(k.kvk_number, k.establishment_number): k.id for k in known}
    match_exact(file, known)
    for row in file:
        if row.key in pairs:
            assert row.entrepreneur_id == pairs[row.key]


@SETTINGS
@given(rows, members)
def test_rows_of_a_kvk_number_without_an_exact_pair_are_not_guessed_when_several(file, known):
    pairs = {(k.kvk_number, k.establishment_number) for k in known}
    match_exact(file, known)
    for row in file:
        rows_of_number = sum(other.kvk_number == row.kvk_number for other in file)
        members_of_number = sum(k.kvk_number == row.kvk_number for k in known)
        if row.key not in pairs and (rows_of_number > 1 or members_of_number > 1):
            assert row.entrepreneur_id is None


@SETTINGS
@given(rows, members, st.sets(st.integers(1, 99)), st.booleans())
def test_suggestions_stay_in_the_municipality_and_skip_linked_taken_and_rejected(
    file, known, taken, reject_first
):
    by_id = {k.id: k for k in known}
    match_exact(file, known)
    linked_before = {id(row): row.entrepreneur_id for row in file}
    rejected = {}
    if reject_first and file and known:
        rejected[file[0].key] = known[0].id
    made = suggest(
        file, known, taken=taken, place_names={1: "Utrecht", 2: "Zwolle"}, rejected=rejected
    )
    assert made == sum(row.suggested_id is not None for row in file)
    for row in file:
        assert row.entrepreneur_id == linked_before[id(row)]  # a suggestion never links
        if row.suggested_id is None:
            continue
        member = by_id[row.suggested_id]
        assert row.entrepreneur_id is None
        assert member.municipality_id == row.municipality_id
        assert member.id not in taken
        assert rejected.get(row.key) != member.id
        assert FUZZY_THRESHOLD <= row.suggestion_score <= 100


@SETTINGS
@given(rows, members)
def test_a_row_with_the_same_name_as_a_free_member_in_its_place_gets_a_suggestion(file, known):
    suggest(file, known, taken=set(), place_names={1: "Utrecht", 2: "Zwolle"})
    for row in file:
        twins = [
            k
            for k in known
            if k.name == row.trade_name and k.municipality_id == row.municipality_id
        ]
        if twins:
            assert row.suggested_id is not None and row.suggestion_score == 100


words = st.lists(st.sampled_from(["padel", "centrum", "domstad", "tennis", "zon"]), min_size=1)


@SETTINGS
@given(words, st.sampled_from(["", " B.V.", " bv", " V.O.F.", " Utrecht", " utrecht B.V."]))
def test_legal_forms_the_place_case_and_spacing_do_not_change_a_name(parts, suffix):
    name = " ".join(parts)
    decorated = "  ".join(part.title() for part in parts) + suffix
    assert comparable(decorated, ["Utrecht"]) == comparable(name, ["Utrecht"])


@SETTINGS
@given(words)
def test_word_order_does_not_change_the_sorted_form(parts):
    forward = comparable(" ".join(parts))
    backward = comparable(" ".join(reversed(parts)))
    assert forward[0] == backward[0]
    assert forward[1] == "".join(parts)
