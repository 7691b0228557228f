"""`manage.py cluster_cards`: cards from a CSV file in, themes as JSON out.

The command's contract (clustering issue): every row of the input in exactly one theme, output
``{"themes": [{"key": str, "label": str, "cards": [int, ...], "confidence": [float, ...]}]}``
(issue 24: `key` the catalogue slug or ``nieuw-N``, `confidence` parallel to `cards`, never 1),
`--train` used for this run only and
nothing written to the database, and a Dutch message for a file it cannot use.
"""

import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

CARDS = [
    "De huur van de gymzaal gaat volgend jaar omhoog",
    "Geen subsidie voor ondernemers, wel voor verenigingen",
    "Samen een vacature uitzetten voor een instructeur",
    "Klanten kunnen nergens parkeren",
    "Betaald parkeren jaagt bezoekers weg",
]


def write_csv(path, header, rows, delimiter=",", bom=False):
    lines = [delimiter.join(header)]
    lines += [delimiter.join(f'"{cell}"' for cell in row) for row in rows]
    path.write_bytes((("\ufeff" if bom else "") + "\n".join(lines) + "\n").encode())
    return path


def run(*args) -> dict:
    output = StringIO()
    call_command("cluster_cards", *args, stdout=output)
    return json.loads(output.getvalue())


@pytest.fixture
def cards_csv(tmp_path):
    return write_csv(tmp_path / "kaarten.csv", ["kind", "text"], [["need", t] for t in CARDS])


def test_every_row_is_in_exactly_one_theme(cards_csv):
    result = run("--csv", str(cards_csv))
    rows = [row for theme in result["themes"] for row in theme["cards"]]
    assert sorted(rows) == list(range(len(CARDS)))


def test_output_has_the_promised_shape(cards_csv):
    result = run("--csv", str(cards_csv))
    assert set(result) == {"themes"}
    for theme in result["themes"]:
        assert set(theme) == {"key", "label", "cards", "confidence"}
        assert isinstance(theme["label"], str) and theme["label"]
        assert theme["cards"] and all(isinstance(row, int) for row in theme["cards"])
        assert len(theme["confidence"]) == len(theme["cards"])
        assert all(0 <= value < 1 for value in theme["confidence"])


def test_keys_are_catalogue_slugs_or_numbered_new_themes(cards_csv):
    keys = {theme["label"]: theme["key"] for theme in run("--csv", str(cards_csv))["themes"]}
    assert keys["Personeel"] == "personeel"
    assert keys["parkeren"] == "nieuw-1"


def test_no_confidence_is_ever_shown_as_certain(tmp_path):
    # Exact catalogue examples are as sure as the classifier gets, and still not 100%.
    from kapstok.analysis.theme_catalogue import CATALOGUE

    texts = [theme.examples[0] for theme in CATALOGUE] + ["!!"]
    path = write_csv(tmp_path / "k.csv", ["text"], [[t] for t in texts])
    values = [v for theme in run("--csv", str(path))["themes"] for v in theme["confidence"]]
    assert len(values) == len(texts) and max(values) <= 0.97


def test_cards_go_to_catalogue_themes_and_an_unknown_topic_to_a_new_one(cards_csv):
    by_label = {theme["label"]: theme["cards"] for theme in run("--csv", str(cards_csv))["themes"]}
    assert by_label["Personeel"] == [2]
    assert by_label["parkeren"] == [3, 4]


@pytest.mark.django_db
def test_training_examples_count_for_this_run_and_nothing_is_written(
    cards_csv, tmp_path, django_assert_num_queries
):
    train = write_csv(
        tmp_path / "geplaatst.csv",
        ["text", "theme"],
        [
            ["Parkeerplaatsen bij de sporthal zijn altijd vol", "Bereikbaarheid"],
            ["Klanten vinden geen plek voor hun auto", "Bereikbaarheid"],
        ],
    )
    with django_assert_num_queries(0):
        result = run("--csv", str(cards_csv), "--train", str(train))
    by_label = {theme["label"]: theme["cards"] for theme in result["themes"]}
    assert {3, 4} <= set(by_label["Bereikbaarheid"])


def test_a_file_with_bom_and_semicolons_is_read(tmp_path):
    path = write_csv(
        tmp_path / "excel.csv", ["Kind", "Text"], [["need", t] for t in CARDS], ";", bom=True
    )
    rows = [row for theme in run("--csv", str(path))["themes"] for row in theme["cards"]]
    assert sorted(rows) == list(range(len(CARDS)))


def test_a_missing_file_is_a_dutch_error(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        run("--csv", str(tmp_path / "weg.csv"))


def test_a_file_without_text_column_is_a_dutch_error(tmp_path):
    path = write_csv(tmp_path / "kaarten.csv", ["kind", "tekst"], [["need", "Meer ruimte"]])
    with pytest.raises(CommandError, match="geen kolom 'text'"):
        run("--csv", str(path))


def test_a_training_file_without_theme_column_is_a_dutch_error(cards_csv, tmp_path):
    train = write_csv(tmp_path / "geplaatst.csv", ["text"], [["Meer ruimte"]])
    with pytest.raises(CommandError, match="geen kolom 'theme'"):
        run("--csv", str(cards_csv), "--train", str(train))
