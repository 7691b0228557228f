"""The rules for one landscape row, and linking rows to known entrepreneurs, case by case."""

import pytest

from kapstok.network.factories import MunicipalityFactory, SportBranchFactory
from kapstok.representation import importer
from kapstok.representation.importer import ImportContext, ParsedRow, RowError, parse_row
from kapstok.representation.matching import Known, comparable, match_exact, suggest
from kapstok.representation.models import BranchClassification
from kapstok.representation.reading import Table


@pytest.fixture
def ctx(world, taxonomy):
    return ImportContext.for_office(world.office)


def row_values(**values):
    base = {"kvk_number": "12345678", "trade_name": "Padelhal Domstad", "sbi_codes": "93.12.4"}
    return base | values


def refusal(values, ctx) -> str:
    with pytest.raises(RowError) as refused:
        parse_row(2, values, ctx)
    return str(refused.value)


# --- one row ---------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["GM0344", "gm0344", "0344", "344", "Utrecht", " UTRECHT "])
def test_the_municipality_may_be_a_cbs_code_in_any_form_or_its_name(world, ctx, given):
    assert parse_row(2, row_values(municipality=given), ctx).municipality_id == world.utrecht.pk


def test_an_office_of_two_municipalities_takes_the_place_when_it_is_one_of_them(world, taxonomy):
    ijsselstein = MunicipalityFactory(code="GM0353", name="IJsselstein")
    world.office.municipalities.add(ijsselstein)
    ctx = ImportContext.for_office(world.office)
    assert parse_row(2, row_values(place="IJsselstein"), ctx).municipality_id == ijsselstein.pk
    assert "meer gemeenten" in refusal(row_values(place="Amersfoort"), ctx)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"kvk_number": ""}, "Het KvK-nummer ontbreekt."),
        ({"kvk_number": "1234567890"}, "KvK-nummer '1234567890' bestaat niet uit 8 cijfers."),
        ({"kvk_number": "1234AB78"}, "KvK-nummer '1234AB78' bestaat niet uit 8 cijfers."),
        ({"trade_name": "   "}, "De handelsnaam ontbreekt."),
        ({"trade_name": "x" * 201}, "De handelsnaam is langer dan 200 tekens."),
        (
            {"establishment_number": "1234567890123"},
            "Vestigingsnummer '1234567890123' bestaat niet uit 12 cijfers.",
        ),
        ({"sbi_codes": ""}, "Er staat geen SBI-code en geen tak van sport in deze regel."),
        ({"sbi_codes": "geen idee"}, "Onbekende SBI-code 'geen idee'."),
    ],
)
def test_a_row_is_refused_with_a_dutch_reason(ctx, values, reason):
    assert refusal(row_values(**values), ctx) == reason


def test_a_kvk_number_in_scientific_notation_is_explained(ctx):
    assert "wetenschappelijke notatie" in refusal(row_values(kvk_number="1,23457E+07"), ctx)


def test_a_row_is_tidied_before_it_is_stored(ctx):
    row = parse_row(
        2,
        row_values(
            kvk_number="1234.5678",
            trade_name="  Padelhal   Domstad ",
            street="Domplein ",
            house_number=" 1a",
            postcode="3512je",
            website=" https://padel.example ",
        ),
        ctx,
    )
    assert (row.kvk_number, row.trade_name) == ("12345678", "Padelhal Domstad")
    assert (row.address, row.postcode, row.website) == (
        "Domplein 1a",
        "3512 JE",
        "https://padel.example",
    )


def test_known_sbi_codes_are_kept_dotted_and_unknown_ones_dropped(ctx):
    row = parse_row(2, row_values(sbi_codes="93124; 99999"), ctx)
    assert (row.sbi_codes, row.branch) == ("93.12.4", "padel")


def test_a_postcode_in_another_shape_is_kept_as_given():
    assert importer.clean_postcode(" B-1000 ") == "B-1000"


def test_a_leads_earlier_choice_beats_the_sbi_code(world, taxonomy):
    golf = SportBranchFactory(slug="golf")
    BranchClassification.objects.create(office=world.office, kvk_number="12345678", branch=golf)
    row = parse_row(2, row_values(), ImportContext.for_office(world.office))
    assert (row.branch, row.branch_source) == ("golf", "lead")


def test_a_bad_line_repeated_exactly_is_one_rejection_and_one_duplicate(ctx):
    bad = ["1234", "Padelhal", "93.12.4"]
    rows = iter([(2, bad), (3, bad), (4, ["12345678", "Padelhal", "93.12.4"])])
    table = Table(header=["kvk", "naam", "sbi"], rows=rows, total=3)
    result = importer.parse_table(table, {"kvk_number": 0, "trade_name": 1, "sbi_codes": 2}, ctx)
    assert [r.line for r in result.rejected] == [2]
    assert result.duplicates == [(3, 2)]
    assert [row.line for row in result.rows] == [4]


def test_a_known_chains_kvk_number_makes_a_single_row_a_chain():
    rows = [_parsed("90000001"), _parsed("12345678")]
    importer.mark_chains(rows, chain_kvks=["90000001"])
    assert [row.is_chain for row in rows] == [True, False]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["KvK nr.", "Naam"], {"kvk_number": 0, "trade_name": 1}),
        (["Plaats", "Woonplaats", "kvk"], {"place": 0, "kvk_number": 2}),
        (["SBI-code (hoofd)", "Handelsnaam"], {"sbi_codes": 0, "trade_name": 1}),
        (["Iets", "Anders"], {}),
    ],
)
def test_the_mapping_is_guessed_from_the_header_one_column_per_field(header, expected):
    assert importer.guess_mapping(header) == expected


def test_the_missing_required_fields_are_named_by_their_labels():
    assert importer.missing_required({"trade_name": 1}) == ["KvK-nummer"]
    assert importer.missing_required({}) == ["KvK-nummer", "Handelsnaam"]


# --- matching (plain data, no database) ------------------------------------------------------


def _parsed(kvk, establishment="", name="Padelhal", municipality=1):
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


def _known(pk, kvk, establishment="", name="Iets", municipality=1, chain=False):
    return Known(pk, kvk, establishment, name, municipality, chain)


def test_a_kvk_number_alone_links_only_when_there_is_one_establishment_to_pick():
    one = _parsed("11111111", "000000000001")
    two = _parsed("22222222", "000000000001")
    linked = match_exact(
        [one, two],
        [
            _known(1, "11111111"),
            _known(2, "22222222", "000000000005"),
            _known(3, "22222222", "000000000006"),
        ],
    )
    assert linked == {1}
    assert (one.entrepreneur_id, one.match_kind, two.entrepreneur_id) == (1, "kvk", None)


def test_two_rows_of_one_kvk_number_are_not_linked_to_an_entrepreneur_without_establishment():
    rows = [_parsed("11111111", "000000000001"), _parsed("11111111", "000000000002")]
    assert match_exact(rows, [_known(1, "11111111")]) == set()


def test_different_establishment_numbers_do_not_link():
    row = _parsed("11111111", "000000000001")
    assert match_exact([row], [_known(1, "11111111", "000000000002")]) == set()


def test_a_row_linked_to_a_known_chain_is_a_chain():
    row = _parsed("11111111")
    match_exact([row], [_known(1, "11111111", chain=True)])
    assert row.is_chain


def test_names_compare_without_legal_form_and_place_in_both_spellings():
    assert comparable("Padel Centrum Domstad Utrecht B.V.", ["Utrecht"]) == (
        "centrum domstad padel",
        "padelcentrumdomstad",
    )
    assert comparable("Padelcentrum Domstad", ["Utrecht"])[1] == "padelcentrumdomstad"


def test_a_suggestion_comes_only_from_the_same_municipality_and_free_entrepreneurs():
    here = _parsed("11111111", name="Padel Centrum Domstad", municipality=1)
    there = _parsed("22222222", name="Padel Centrum Domstad", municipality=2)
    taken = _parsed("33333333", name="Tennispark Kort", municipality=1)
    known = [
        _known(10, "90000010", name="Padelcentrum Domstad", municipality=1),
        _known(11, "90000011", name="Tennispark Kort", municipality=1),
    ]
    made = suggest([here, there, taken], known, taken={11}, place_names={1: "Utrecht", 2: "Zwolle"})
    assert made == 1
    assert (here.suggested_id, here.suggestion_score) == (10, 100.0)
    assert there.suggested_id is None and taken.suggested_id is None


def test_a_rejected_pair_is_not_suggested_again_but_another_candidate_may_be():
    row = _parsed("11111111", name="Padelcentrum Domstad")
    known = [_known(10, "90000010", name="Padelcentrum Domstad")]
    assert suggest([row], known, taken=set(), place_names={}, rejected={row.key: 10}) == 0
    assert row.suggested_id is None
