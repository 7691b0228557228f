"""The pseudonymised export: what is in the ZIP, and that no personal data is."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from kapstok.coding import exports, services
from kapstok.coding.factories import REMARK


def unzip(project) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(exports.project_zip(project))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def every_cell(files: dict[str, bytes]) -> list[str]:
    """Each CSV cell, each XLSX cell, each line of the scripts and the readme, as text."""
    cells = []
    for name, content in files.items():
        if name.endswith(".csv"):
            cells += [cell for row in csv_rows(content) for cell in row]
        elif name.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(content))
            for sheet in book.worksheets:
                cells += [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
        else:
            cells += content.decode().splitlines()
    return cells


def personal_values(world) -> list[str]:
    """Names, emails, phone numbers, office and municipality names of the test data."""
    values = [user.full_name for user in world.users.values()]
    values += [user.email for user in world.users.values()]
    values += [world.office.name, world.other_office.name, world.utrecht.name, world.zwolle.name]
    values += [world.member_entrepreneur.business_name, world.other_entrepreneur.business_name]
    values += [world.partner.name, "06-12345678", "Kees"]
    return values


@pytest.fixture
def coded(study, goals_answer):
    services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
        start=0,
        end=28,
    )
    remark = study.responses[(2025, "lead")].answers[5]
    services.coding_add(
        project=study.project,
        answer=remark,
        code=study.codes["gemeente"],
        coder=study.world.users["pos"],
    )
    return study


def test_the_zip_holds_data_codebook_and_labels(coded):
    files = unzip(coded.project)
    name = f"antwoorden_lead_{coded.questionnaire.pk}"
    assert set(files) == {
        f"{name}.csv",
        "momentopnames.csv",
        "coderingen.csv",
        "codeboek.csv",
        "codes.csv",
        "onderzoek.xlsx",
        "labels.sps",
        "labels.R",
        "LEESMIJ.txt",
    }
    sheets = load_workbook(io.BytesIO(files["onderzoek.xlsx"])).sheetnames
    assert sheets == [name, "momentopnames", "coderingen", "codeboek", "codes"]


def test_no_personal_field_is_in_any_exported_cell(coded):
    services.questions_clear(
        project=coded.project, questions=[coded.questions[0]], actor=coded.world.users["pos"]
    )
    cells = every_cell(unzip(coded.project))
    assert len(cells) > 100
    leaks = [
        (v, c) for v in personal_values(coded.world) for c in cells if v.casefold() in c.casefold()
    ]
    assert not leaks


def test_one_row_per_response_one_column_per_question(coded):
    files = unzip(coded.project)
    [header, *rows] = csv_rows(files[f"antwoorden_lead_{coded.questionnaire.pk}.csv"])
    assert len(rows) == 4  # two offices × two waves
    assert header[:9] == [
        "respondent", "kantoor", "meetronde", "jaar", "doelgroep",
        "initiatief", "grootte", "fase", "ingediend",
    ]  # fmt: skip
    # v01 and v06 are open and not cleared: left out. v03 has one 0/1 column per option.
    assert header[9:] == ["v02", "v03_1", "v03_2", "v03_3", "v04", "v05"]
    first = dict(zip(header, rows[0], strict=True))
    assert (first["v02"], first["v03_1"], first["v03_2"], first["v03_3"]) == ("2", "1", "0", "1")
    assert (first["v04"], first["v05"]) == ("4", "7.5")
    # Two offices are fewer than k = 3: nothing about their type may be shown.
    assert (first["initiatief"], first["grootte"], first["fase"]) == ("afgeschermd",) * 3


def test_the_same_office_has_the_same_pseudonym_in_both_waves_of_the_export(coded):
    files = unzip(coded.project)
    [header, *rows] = csv_rows(files[f"antwoorden_lead_{coded.questionnaire.pk}.csv"])
    by_wave = {}
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        by_wave.setdefault(cells["kantoor"], set()).add(cells["jaar"])
    assert list(by_wave.values()) == [{"2025", "2026"}, {"2025", "2026"}]


def test_a_cleared_open_question_is_exported_with_its_text(coded):
    services.questions_clear(
        project=coded.project, questions=[coded.questions[0]], actor=coded.world.users["pos"]
    )
    files = unzip(coded.project)
    [header, *rows] = csv_rows(files[f"antwoorden_lead_{coded.questionnaire.pk}.csv"])
    assert "v01" in header and "v06" not in header
    [coding_header, *codings] = csv_rows(files["coderingen.csv"])
    fragments = {row[coding_header.index("vraag")]: row[-1] for row in codings}
    assert fragments == {"v01": "Wij willen meer leden werven", "v06": ""}


def test_an_uncleared_answer_text_is_nowhere(coded):
    cells = every_cell(unzip(coded.project))
    assert not any("Bel mij gerust" in cell for cell in cells)
    assert REMARK not in "".join(cells)


def test_the_codebook_lists_left_out_questions_and_value_labels(coded):
    [header, *rows] = csv_rows(unzip(coded.project)["codeboek.csv"])
    by_variable = {(row[0].split("_")[0], row[1]): row for row in rows}
    assert by_variable[("antwoorden", "v06")][3] == "weggelaten"
    assert by_variable[("antwoorden", "v02")][4] == "1 = geen; 2 = vereniging"
    assert by_variable[("antwoorden", "v04")][4] == "1 = ontevreden; 5 = tevreden"


def test_spss_syntax_reads_the_files_and_labels_values(coded):
    syntax = unzip(coded.project)["labels.sps"].decode()
    assert f"/FILE='antwoorden_lead_{coded.questionnaire.pk}.csv'" in syntax
    assert "v02 'Welke rechtsvorm heeft het kantoor?'" in syntax
    assert "v02 1 'geen' 2 'vereniging'" in syntax
    assert "v03_1 0 'niet gekozen' 1 'gekozen'" in syntax
    assert syntax.count("GET DATA") == 3  # answers, snapshots, codings


def test_r_script_makes_labelled_factors(coded):
    script = unzip(coded.project)["labels.R"].decode()
    name = f"antwoorden_lead_{coded.questionnaire.pk}"
    assert f'{name} <- read.csv("{name}.csv", sep = ";"' in script
    assert (
        f'{name}$v02 <- factor({name}$v02, levels = c(1, 2), labels = c("geen", "vereniging"))'
        in script
    )
    assert f'attr({name}$v05, "label") <- "Hoeveel uur per week besteedt u?"' in script


def test_a_formula_in_an_answer_stays_text(coded):
    services.questions_clear(
        project=coded.project, questions=[coded.questions[0]], actor=coded.world.users["pos"]
    )
    answer = coded.responses[(2026, "lead")].answers[0]
    answer.text = '=HYPERLINK("http://x")'
    answer.save()
    cells = every_cell(unzip(coded.project))
    assert '\'=HYPERLINK("http://x")' in cells
    assert '=HYPERLINK("http://x")' not in cells


def test_snapshots_are_exported_per_office_and_wave(coded):
    [header, *rows] = csv_rows(unzip(coded.project)["momentopnames.csv"])
    assert header == [
        "kantoor",
        "meetronde",
        "jaar",
        "vastgelegd",
        "members",
        "phase",
        "phase_label",
    ]
    assert len(rows) == 4


def test_names_in_a_cleared_answer_are_masked_in_the_export(coded):
    services.questions_clear(
        project=coded.project, questions=[coded.questions[5]], actor=coded.world.users["pos"]
    )
    cells = every_cell(unzip(coded.project))
    remarks = [cell for cell in cells if cell.startswith("Bel mij gerust")]
    assert remarks and all("Kees" not in cell and "06-" not in cell for cell in remarks)
    assert len(remarks[0]) == len(REMARK)  # masked in place: offsets still hold
