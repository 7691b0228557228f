"""The pseudonymised export of a research project: one ZIP with data, codebook and labels.

What is in it:

- ``antwoorden_<doelgroep>_<id>.csv``: per questionnaire, one row per submitted response and one
  column per question (``v01``, ``v02``, …; a multiple-choice question gives one 0/1 column per
  option, ``v05_1``, ``v05_2``, …). Open questions are left out unless a researcher cleared
  them for export (`ResearchProject.cleared_questions`): free text may name people.
- ``momentopnames.csv``: the platform's own indicators per office and wave (`monitor.Snapshot`).
- ``coderingen.csv``: every coding, with the fragment's text only for cleared questions.
- ``codeboek.csv`` and ``codes.csv``: every variable with its question, type and value labels,
  and the codebook's codes.
- ``onderzoek.xlsx``: the same tables as sheets; ``labels.sps`` (SPSS syntax that reads the
  CSV files and sets VARIABLE LABELS and VALUE LABELS) and ``labels.R`` (an R script that reads
  them and turns coded columns into labelled factors); ``LEESMIJ.txt``.

Offices, respondents and coders appear only as pseudonyms (`pseudonyms`); offices are
described by type (size band, initiative, phase), never by name or municipality, and the type
and the snapshot's member count and phase are generalised so that every office shares what is
shown about it with at least two others of the project (`office_types`, k-anonymity). No name,
email or phone number is read into any table, and in the free text of cleared questions the
names the platform knows, emails and phone numbers are masked (`analysis.masking`) as a
safety net. Every cell is written through `kapstok.core.spreadsheets`, which neutralises
formulas.
"""

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.styles import Font

from django.utils.translation import gettext as _

from kapstok.core.spreadsheets import csv_writer, workbook, workbook_bytes
from kapstok.monitor.models import QuestionKind, Response, Snapshot

from . import selectors
from .models import Coding, ResearchProject
from .office_types import K, project_office_types
from .pseudonyms import coder_pseudonyms, office_pseudonyms, respondent_pseudonyms


@dataclass
class Variable:
    """One column of a data file, with what the codebook and the labels say about it."""

    name: str
    label: str
    kind: str  # "text", "number" or "category"
    value_labels: list[tuple[int, str]] = field(default_factory=list)
    question_id: int | None = None
    option: str | None = None  # for one 0/1 column of a multiple-choice question


@dataclass
class Table:
    """A data file: its name (without extension), columns and rows of cells."""

    name: str
    title: str
    variables: list[Variable]
    rows: list[list]


def _fixed(name: str, label: str, kind: str = "text") -> Variable:
    return Variable(name, label, kind)


def _response_columns() -> list[Variable]:
    return [
        _fixed("respondent", _("Pseudoniem van de respondent")),
        _fixed("kantoor", _("Pseudoniem van het kantoor")),
        _fixed("meetronde", _("Meetronde")),
        _fixed("jaar", _("Jaar van de meetronde"), "number"),
        _fixed("doelgroep", _("Doelgroep")),
        _fixed("initiatief", _("Initiatief van het kantoor")),
        _fixed("grootte", _("Aantal leden van het kantoor, in klassen")),
        _fixed("fase", _("Fase van het kantoor")),
        _fixed("ingediend", _("Datum van indienen")),
    ]


def question_variables(questionnaire, cleared: set[int]) -> tuple[list[Variable], list[dict]]:
    """The columns of one questionnaire, and the open questions left out (for the codebook)."""
    variables, left_out = [], []
    for number, question in enumerate(questionnaire.questions.order_by("order", "pk"), start=1):
        name, text = f"v{number:02d}", question.text
        if question.kind == QuestionKind.OPEN:
            if question.pk in cleared:
                variables.append(Variable(name, text, "text", question_id=question.pk))
            else:
                left_out.append({"name": name, "label": text})
        elif question.kind == QuestionKind.SINGLE:
            labels = list(enumerate(question.choices, start=1))
            variables.append(Variable(name, text, "category", labels, question.pk))
        elif question.kind == QuestionKind.MULTIPLE:
            for option_number, option in enumerate(question.choices, start=1):
                variables.append(
                    Variable(
                        f"{name}_{option_number}",
                        f"{text}: {option}",
                        "category",
                        [(0, _("niet gekozen")), (1, _("gekozen"))],
                        question.pk,
                        option,
                    )
                )
        else:
            labels = []
            if question.kind == QuestionKind.SCALE:
                labels = [
                    (value, label)
                    for value, label in (
                        (question.scale_min, question.scale_min_label),
                        (question.scale_max, question.scale_max_label),
                    )
                    if label
                ]
            variables.append(Variable(name, text, "number", labels, question.pk))
    return variables, left_out


def _number(value: Decimal | None):
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def answer_value(variable: Variable, answer) -> object:
    """The cell for one question column from an answer (empty when not answered)."""
    if answer is None or answer.is_empty():
        return ""
    if variable.option is not None:
        return 1 if variable.option in answer.choices else 0
    if variable.kind == "text":
        return answer.text
    if variable.kind == "category":
        chosen = answer.choices[0] if answer.choices else None
        return next((value for value, label in variable.value_labels if label == chosen), "")
    return _number(answer.number)


class ProjectData:
    """Everything the export reads, loaded once: responses, pseudonyms and office types."""

    def __init__(self, project: ResearchProject):
        self.project = project
        self.cleared = set(project.cleared_questions.values_list("pk", flat=True))
        self.responses = list(
            Response.objects.filter(
                invitation__wave__in=project.waves.all(), submitted_at__isnull=False
            )
            .select_related("invitation__wave", "invitation__questionnaire")
            .prefetch_related("answers")
            .order_by("invitation__wave__year", "invitation__wave_id", "pk")
        )
        invitations = [r.invitation for r in self.responses]
        snapshots = list(Snapshot.objects.filter(wave__in=project.waves.all()))
        self.snapshots = snapshots
        office_ids = {i.office_id for i in invitations} | {s.office_id for s in snapshots}
        self.offices = office_pseudonyms(project, office_ids)
        self.people = respondent_pseudonyms(project, invitations)
        self.types = project_office_types(project)
        self.masker = selectors.project_masker(project)

    def masked(self, response, text: str) -> str:
        """Free text with the names the platform knows masked (even in cleared questions)."""
        return self.masker.mask(text)

    def questionnaires(self) -> list:
        seen = {}
        for response in self.responses:
            questionnaire = response.invitation.questionnaire
            seen.setdefault(questionnaire.pk, questionnaire)
        return list(seen.values())

    def response_cells(self, response) -> list:
        invitation = response.invitation
        office_type = self.types.labels(invitation.wave_id, invitation.office_id)
        return [
            self.people[invitation.pk],
            self.offices[invitation.office_id],
            invitation.wave.name,
            invitation.wave.year,
            invitation.get_audience_display(),
            office_type["initiative"],
            office_type["size"],
            office_type["phase"],
            response.submitted_at.date().isoformat(),
        ]


def answer_tables(data: ProjectData) -> tuple[list[Table], list[dict]]:
    """One table per questionnaire; and per left-out open question, a codebook note."""
    tables, left_out = [], []
    for questionnaire in data.questionnaires():
        variables, omitted = question_variables(questionnaire, data.cleared)
        name = f"antwoorden_{questionnaire.audience}_{questionnaire.pk}"
        left_out += [{"file": name, **item} for item in omitted]
        rows = []
        for response in data.responses:
            if response.invitation.questionnaire_id != questionnaire.pk:
                continue
            answers = {a.question_id: a for a in response.answers.all()}
            cells = data.response_cells(response)
            for variable in variables:
                value = answer_value(variable, answers.get(variable.question_id))
                cells.append(data.masked(response, value) if variable.kind == "text" else value)
            rows.append(cells)
        tables.append(Table(name, questionnaire.title, _response_columns() + variables, rows))
    return tables, left_out


def variable_name(key: str) -> str:
    """A name SPSS and R accept: letters, digits and underscores, starting with a letter.

    >>> variable_name("members"), variable_name("1e fase")
    ('members', 'i_1e_fase')
    """
    name = re.sub(r"\W", "_", key.strip(), flags=re.ASCII)[:60] or "i"
    return name if name[0].isalpha() else f"i_{name}"


def _indicator(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) or value is None:
        return "" if value is None else value
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def disclosed_indicators(data: ProjectData, snapshot) -> dict:
    """A snapshot's indicators with the public ones generalised as in the office type: the
    member count as its band, the phase as shown."""
    indicators = dict(snapshot.indicators or {})
    labels = data.types.labels(snapshot.wave_id, snapshot.office_id)
    shown = data.types.values(snapshot.wave_id, snapshot.office_id)
    if "members" in indicators:
        indicators["members"] = labels["size"]
    if "phase" in indicators:
        indicators["phase"] = shown["phase"]
    if "phase_label" in indicators:
        indicators["phase_label"] = labels["phase"]
    return indicators


def snapshot_table(data: ProjectData) -> Table:
    indicators = {s.pk: disclosed_indicators(data, s) for s in data.snapshots}
    keys = sorted({key for values in indicators.values() for key in values})
    variables = [
        _fixed("kantoor", _("Pseudoniem van het kantoor")),
        _fixed("meetronde", _("Meetronde")),
        _fixed("jaar", _("Jaar van de meetronde"), "number"),
        _fixed("vastgelegd", _("Datum van de momentopname")),
    ]
    for key in keys:
        numeric = all(
            isinstance(indicators[s.pk].get(key), int | float | type(None)) for s in data.snapshots
        )
        name = variable_name(key)
        variables.append(_fixed(name, key.replace("_", " "), "number" if numeric else "text"))
    waves = {w.pk: w for w in data.project.waves.all()}
    rows = []
    ordered = sorted(
        data.snapshots, key=lambda s: (waves[s.wave_id].year, data.offices[s.office_id], s.pk)
    )
    for snapshot in ordered:
        wave = waves[snapshot.wave_id]
        cells = [data.offices[snapshot.office_id], wave.name, wave.year]
        cells.append(snapshot.taken_at.date().isoformat())
        cells += [_indicator(indicators[snapshot.pk].get(key)) for key in keys]
        rows.append(cells)
    return Table("momentopnames", _("Momentopnames"), variables, rows)


def coding_table(data: ProjectData, nodes) -> Table:
    """Every coding of a submitted response; the fragment only for cleared questions."""
    variable_of = {}
    for questionnaire in data.questionnaires():
        for number, question in enumerate(questionnaire.questions.order_by("order", "pk"), start=1):
            variable_of[question.pk] = f"v{number:02d}"
    responses = {r.pk: r for r in data.responses}
    codings = list(
        Coding.objects.filter(code__project=data.project, answer__response_id__in=responses)
        .select_related("answer")
        .order_by("answer__response_id", "answer__question_id", "start", "pk")
    )
    coders = coder_pseudonyms(data.project, {c.coder_id for c in codings})
    paths = {node.code.pk: node.path for node in nodes}
    code_labels = [(node.code.pk, node.path) for node in nodes]
    variables = [
        *_response_columns()[:5],
        _fixed("vraag", _("Variabele van de vraag")),
        Variable("code", _("Code"), "category", code_labels),
        _fixed("codepad", _("Code met de codes erboven")),
        _fixed("codeur", _("Pseudoniem van de codeur")),
        _fixed("begin", _("Eerste teken van het fragment"), "number"),
        _fixed("einde", _("Teken na het fragment"), "number"),
        Variable("bevestigd", _("Bevestigd"), "category", [(0, _("nee")), (1, _("ja"))]),
        _fixed("fragment", _("Tekst van het fragment (alleen bij vrijgegeven vragen)")),
    ]
    rows = []
    for coding in codings:
        response = responses[coding.answer.response_id]
        cells = data.response_cells(response)[:5]
        question_id = coding.answer.question_id
        cells += [
            variable_of.get(question_id, ""),
            coding.code_id,
            paths.get(coding.code_id, ""),
            coders[coding.coder_id],
            coding.start,
            coding.end,
            int(coding.confirmed),
            data.masked(response, coding.fragment) if question_id in data.cleared else "",
        ]
        rows.append(cells)
    return Table("coderingen", _("Coderingen"), variables, rows)


def codebook_tables(tables: list[Table], left_out: list[dict], nodes) -> list[Table]:
    kind_labels = {"text": _("tekst"), "number": _("getal"), "category": _("categorie")}
    rows = []
    for table in tables:
        for variable in table.variables:
            values = "; ".join(f"{value} = {label}" for value, label in variable.value_labels)
            rows.append(
                [table.name, variable.name, variable.label, kind_labels[variable.kind], values]
            )
    for item in left_out:
        rows.append(
            [item["file"], item["name"], item["label"], _("weggelaten"),
             _("open vraag, niet vrijgegeven voor de export")]
        )  # fmt: skip
    codebook = Table(
        "codeboek",
        _("Codeboek"),
        [_fixed(n, n) for n in ("bestand", "variabele", "label", "soort", "waarden")],
        rows,
    )
    code_rows = [
        [node.code.pk, node.code.label, node.code.parent_id or "", node.path, node.code.description]
        for node in nodes
    ]
    codes = Table(
        "codes",
        _("Codes"),
        [_fixed(n, n) for n in ("code", "label", "hoofdcode", "pad", "omschrijving")],
        code_rows,
    )
    return [codebook, codes]


# --- writing -------------------------------------------------------------------------------


def as_csv(table: Table) -> bytes:
    """Semicolons and a byte-order mark, as Dutch Excel expects; decimals with a point."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([v.name for v in table.variables])
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(tables: list[Table]) -> bytes:
    book = workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([v.name for v in table.variables])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
    return workbook_bytes(book)


def _spss_text(text: str) -> str:
    return "'" + str(text).replace("'", "''").replace("\n", " ")[:250] + "'"


def _spss_format(table: Table, index: int, variable: Variable) -> str:
    if variable.kind in ("number", "category") and all(
        isinstance(row[index], int | float) or row[index] == "" for row in table.rows
    ):
        decimals = any(isinstance(row[index], float) for row in table.rows)
        return "F12.2" if decimals else "F8.0"
    width = max([len(str(row[index]).encode()) for row in table.rows] + [1])
    return f"A{min(width, 32767)}"


def spss_syntax(tables: list[Table]) -> str:
    """SPSS syntax: read each CSV file of the export, then label its variables and values."""
    lines = [
        "* " + _("Kapstok: gepseudonimiseerde export. Zet de CSV-bestanden in dezelfde map"),
        "* " + _("als dit bestand en voer het uit (Uitvoeren > Alles)."),
        "SET DECIMAL=DOT UNICODE=ON.",
        "CD '.'.",
    ]
    for table in tables:
        lines += ["", f"* {table.name}.csv: {table.title}."]
        lines += [
            "GET DATA /TYPE=TXT /FILE=" + _spss_text(f"{table.name}.csv"),
            "  /ENCODING='UTF8' /DELIMITERS=';' /QUALIFIER='\"' /ARRANGEMENT=DELIMITED",
            "  /FIRSTCASE=2 /VARIABLES=",
        ]
        lines += [f"  {v.name} {_spss_format(table, i, v)}" for i, v in enumerate(table.variables)]
        lines[-1] += "."
        lines.append(f"DATASET NAME {table.name}.")
        lines.append("VARIABLE LABELS")
        labels = [f"  {v.name} {_spss_text(v.label)}" for v in table.variables]
        lines.append("\n  /".join(labels).replace("\n  /  ", "\n  /") + ".")
        labelled = [v for v in table.variables if v.value_labels]
        if labelled:
            lines.append("VALUE LABELS")
            blocks = []
            for variable in labelled:
                pairs = " ".join(
                    f"{value} {_spss_text(label)}" for value, label in variable.value_labels
                )
                blocks.append(f"  {variable.name} {pairs}")
            lines.append("\n  /".join(blocks).replace("\n  /  ", "\n  /") + ".")
    lines += ["EXECUTE.", ""]
    return "\n".join(lines)


def _r_text(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def r_script(tables: list[Table]) -> str:
    """An R script: read each CSV file, label coded columns as factors, label every column."""
    lines = [
        "# " + _("Kapstok: gepseudonimiseerde export. Zet de werkmap op de map met de"),
        "# " + _("CSV-bestanden (setwd) en voer dit script uit."),
    ]
    for table in tables:
        frame = table.name
        lines += [
            "",
            f"# {table.name}.csv: {table.title}",
            f'{frame} <- read.csv("{table.name}.csv", sep = ";", dec = ".", '
            'fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE, na.strings = "")',
        ]
        for variable in table.variables:
            column = f"{frame}${variable.name}"
            if variable.value_labels and variable.kind == "category":
                levels = ", ".join(str(value) for value, _label in variable.value_labels)
                names = ", ".join(_r_text(label) for _value, label in variable.value_labels)
                lines.append(
                    f"{column} <- factor({column}, levels = c({levels}), labels = c({names}))"
                )
            lines.append(f'attr({column}, "label") <- {_r_text(variable.label)}')
    lines.append("")
    return "\n".join(lines)


def readme(project: ResearchProject, left_out: list[dict]) -> str:
    lines = [
        _("Gepseudonimiseerde export van onderzoeksproject: %(name)s") % {"name": project.name},
        "",
        _(
            "Kantoren, respondenten en codeurs staan er alleen in als pseudoniem (K-…, R-…, "
            "C-…). Hetzelfde kantoor of dezelfde persoon heeft in elke meetronde van dit "
            "project hetzelfde pseudoniem; in een ander project een ander. Namen, "
            "e-mailadressen, telefoonnummers, kantoor- en gemeentenamen zijn weggelaten."
        ),
        _(
            "Het aantal leden staat er alleen in klassen in (< 10, 10–24, 25–49, ≥ 50). "
            "Grootte, initiatief en fase van een kantoor zijn zo nodig grover gemaakt of "
            "afgeschermd, zodat elk kantoor wat er over het kantoor staat deelt met minstens "
            "%(others)s andere kantoren van dit project (k-anonimiteit): ook wie de openbare "
            "kantoorpagina's ernaast legt, kan geen kantoor aanwijzen."
        )
        % {"others": K - 1},
        _(
            "Open vragen staan er alleen in als een onderzoeker ze heeft vrijgegeven; "
            "weggelaten vragen: %(count)s (zie codeboek.csv)."
        )
        % {"count": len(left_out)},
        "",
        _("Bestanden: antwoorden_*.csv, momentopnames.csv, coderingen.csv, codeboek.csv, "
          "codes.csv, onderzoek.xlsx (alles als werkbladen), labels.sps (SPSS), labels.R (R)."),
    ]  # fmt: skip
    return "\n".join(str(line) for line in lines) + "\n"


def project_tables(project: ResearchProject) -> tuple[list[Table], list[dict]]:
    data = ProjectData(project)
    nodes = selectors.codebook(project)
    answers, left_out = answer_tables(data)
    data_tables = [*answers, snapshot_table(data), coding_table(data, nodes)]
    return data_tables + codebook_tables(data_tables, left_out, nodes), left_out


def project_zip(project: ResearchProject) -> bytes:
    tables, left_out = project_tables(project)
    data_tables = [t for t in tables if t.name not in ("codeboek", "codes")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.name}.csv", as_csv(table))
        archive.writestr("onderzoek.xlsx", as_xlsx(tables))
        archive.writestr("labels.sps", spss_syntax(data_tables))
        archive.writestr("labels.R", r_script(data_tables))
        archive.writestr("LEESMIJ.txt", readme(project, left_out))
    return buffer.getvalue()
