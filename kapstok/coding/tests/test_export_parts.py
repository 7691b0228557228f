"""The pieces of the export, without a database: cells, names, CSV, XLSX, SPSS and R text."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kapstok.coding import exports
from kapstok.coding.exports import Table, Variable, answer_value, variable_name
from kapstok.monitor.models import Answer


def answer(text="", number=None, choices=()):
    return Answer(text=text, number=number, choices=list(choices))


def table(rows, variables=None):
    variables = variables or [
        Variable("naam", "Naam", "text"),
        Variable("aantal", "Aantal", "number"),
    ]
    return Table("proef", "Proef", variables, rows)


# --- names and cells -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("members", "members"),
        ("1e fase", "i_1e_fase"),
        ("leden-nu", "leden_nu"),
        ("ledenaantal één", "ledenaantal___n"),
        ("", "i"),
        ("x" * 80, "x" * 60),
    ],
)
def test_variable_names_are_safe_for_spss_and_r(key, name):
    assert variable_name(key) == name


def test_an_unanswered_question_is_an_empty_cell():
    assert answer_value(Variable("v01", "V", "number"), None) == ""
    assert answer_value(Variable("v01", "V", "text"), answer(text="  ")) == ""


def test_whole_numbers_are_integers_and_others_decimals():
    variable = Variable("v04", "Uren", "number")
    assert answer_value(variable, answer(number=Decimal("4.00"))) == 4
    assert answer_value(variable, answer(number=Decimal("7.5"))) == 7.5


def test_a_single_choice_is_its_value_label_number():
    variable = Variable("v02", "Rechtsvorm", "category", [(1, "geen"), (2, "vereniging")])
    assert answer_value(variable, answer(choices=["vereniging"])) == 2
    assert answer_value(variable, answer(choices=["stichting"])) == ""  # an option since removed


def test_each_option_of_a_multiple_choice_is_a_zero_or_one_column():
    chosen = answer(choices=["POS", "partner"])
    pos = Variable("v03_1", "Wie: POS", "category", [], option="POS")
    municipality = Variable("v03_2", "Wie: gemeente", "category", [], option="gemeente")
    assert (answer_value(pos, chosen), answer_value(municipality, chosen)) == (1, 0)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (True, 1),
        (False, 0),
        (None, ""),
        (3, 3),
        (2.5, 2.5),
        ("groot", "groot"),
        ({"b": 1, "a": "é"}, '{"a": "é", "b": 1}'),
        ([1, 2], "[1, 2]"),
    ],
)
def test_snapshot_indicators_become_plain_cells(value, cell):
    assert exports._indicator(value) == cell


# --- files ---------------------------------------------------------------------------------


def test_csv_has_a_bom_semicolons_and_a_point_for_decimals():
    content = exports.as_csv(table([["Padel; tennis", 2.5], ["=SOM(A1)", 3]]))
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == "naam;aantal"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1:] == [["Padel; tennis", "2.5"], ["'=SOM(A1)", "3"]]


def test_xlsx_has_a_sheet_per_table_with_names_cut_to_31_characters():
    long_name = Table("antwoorden_lead_" + "9" * 30, "T", [Variable("a", "A", "text")], [["x"]])
    book = load_workbook(io.BytesIO(exports.as_xlsx([table([["a", 1]]), long_name])))
    assert book.sheetnames == ["proef", long_name.name[:31]]
    assert [c.value for c in book["proef"][1]] == ["naam", "aantal"]
    assert book["proef"]["A1"].font.bold


def test_spss_text_is_quoted_on_one_line_and_cut_at_250_characters():
    assert exports._spss_text('Kees\' "zaal"\nhuur') == "'Kees'' \"zaal\" huur'"
    assert len(exports._spss_text("x" * 400)) == 252


def test_spss_reads_numbers_as_numbers_and_text_as_wide_enough_strings():
    proef = table([["Één zaal", 1], ["Hal", 2.25]])
    assert exports._spss_format(proef, 0, proef.variables[0]) == "A10"  # bytes, not letters
    assert exports._spss_format(proef, 1, proef.variables[1]) == "F12.2"
    whole = table([["a", 1], ["b", ""]])
    assert exports._spss_format(whole, 1, whole.variables[1]) == "F8.0"


def test_a_number_column_with_text_in_it_is_read_as_text():
    mixed = table([["a", 1], ["b", "onbekend"]])
    assert exports._spss_format(mixed, 1, mixed.variables[1]) == "A8"


def test_spss_syntax_labels_variables_and_values():
    variables = [
        Variable("v01", "Rechtsvorm", "category", [(1, "geen"), (2, "vereniging")]),
        Variable("v02", "Toelichting", "text"),
    ]
    syntax = exports.spss_syntax([Table("antwoorden", "Antwoorden", variables, [[1, "x"]])])
    assert "/FILE='antwoorden.csv'" in syntax
    assert "  v01 F8.0" in syntax
    assert "v01 'Rechtsvorm'" in syntax
    assert "v01 1 'geen' 2 'vereniging'" in syntax
    assert syntax.rstrip().endswith("EXECUTE.")


def test_r_text_escapes_quotes_and_backslashes():
    assert exports._r_text('Zaal "De Hal"\\noord\n') == '"Zaal \\"De Hal\\"\\\\noord "'


def test_r_script_turns_category_columns_into_factors_only():
    variables = [
        Variable("v01", "Rechtsvorm", "category", [(1, "geen"), (2, "vereniging")]),
        Variable("v02", "Tevreden", "number", [(1, "ontevreden")]),
    ]
    script = exports.r_script([Table("antwoorden", "Antwoorden", variables, [])])
    assert (
        'antwoorden$v01 <- factor(antwoorden$v01, levels = c(1, 2), labels = c("geen", '
        '"vereniging"))' in script
    )
    assert "factor(antwoorden$v02" not in script
    assert 'attr(antwoorden$v02, "label") <- "Tevreden"' in script


def test_the_readme_names_the_project_and_counts_left_out_questions():
    project = type("Project", (), {"name": "Monitor 2026"})()
    text = exports.readme(project, [{"name": "v01"}, {"name": "v06"}])
    assert text.startswith("Gepseudonimiseerde export van onderzoeksproject: Monitor 2026\n")
    assert "weggelaten vragen: 2" in text
