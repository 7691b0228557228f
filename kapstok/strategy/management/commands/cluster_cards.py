"""`manage.py cluster_cards`: group the cards of a CSV file into themes and print JSON.

    manage.py cluster_cards --csv kaarten.csv [--train geplaatst.csv]
    manage.py cluster_cards --evaluate gelabeld.csv
    manage.py cluster_cards --frozen [bevroren.csv]
    manage.py cluster_cards --fit-confidence

With `--csv`, prints ``{"themes": [{"key": ..., "label": ..., "cards": [0-based row numbers],
"confidence": [...]}]}``: `key` is the catalogue slug, or ``nieuw-N`` for a new theme, and
`confidence` is parallel to `cards` (the certainty shown for each, never 1; see
`kapstok.analysis.confidence`). Every card is in exactly one theme. `--train` adds labelled
examples (columns ``text`` and ``theme``) for this run only; nothing is written to the
database. `--evaluate` prints the benchmark figures for a labelled card set instead: 5-fold
cross-validation repeated over five fold shuffles (ARI, share right, and the calibration
error with its reliability table), catalogue only, and timing (see
`kapstok.analysis.evaluation` and docs/analysis.md). `--frozen` prints the figures on the
frozen evaluation set (default: the one in the repository), with the development cards as
examples and with the catalogue alone. `--fit-confidence` refits the stored confidence map
from the development cards and writes it (`confidence.MAP_PATH`). A file it cannot use gives a
Dutch error, not a traceback. All use sentence embeddings when the bundled model is available
(`kapstok.analysis.embeddings`), as the application does; else lexical features alone.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kapstok.analysis import clustering, confidence, embeddings, evaluation

FROZEN_SET = Path(__file__).resolve().parents[3] / "analysis/tests/data/frozen_cards_2026.csv"
ROOT = Path(__file__).resolve().parents[4]


def themes_json(themes: list[clustering.Theme]) -> dict:
    """The `--csv` output: per theme its key, label, cards and a parallel confidence list."""
    return {
        "themes": [
            {
                "key": theme.key,
                "label": theme.label,
                "cards": theme.cards,
                "confidence": [placement.confidence for placement in theme.placements],
            }
            for theme in themes
        ]
    }


def development_examples() -> list[clustering.Example]:
    """Both development card sets as confirmed examples."""
    cards = [
        *evaluation.read_labelled_cards(ROOT / evaluation.DEVELOPMENT_SET),
        *evaluation.read_labelled_cards(ROOT / evaluation.CALIBRATION_SET),
    ]
    return [clustering.Example(card.text, card.theme) for card in cards]


def frozen_report(path: Path, embedder) -> dict:
    cards = evaluation.read_frozen_cards(path)
    examples = development_examples()
    first = examples[: len(evaluation.read_labelled_cards(ROOT / evaluation.DEVELOPMENT_SET))]
    return {
        "features": evaluation.features_used(embedder),
        "with_development_examples": evaluation.held_out_report(
            cards, examples=examples, embedder=embedder
        ),
        "with_first_development_set": evaluation.held_out_report(
            cards, examples=first, embedder=embedder
        ),
        "catalogue_only": evaluation.held_out_report(cards, embedder=embedder),
    }


def fit_and_store_confidence(embedder) -> confidence.ConfidenceMaps:
    calibration = evaluation.read_labelled_cards(ROOT / evaluation.CALIBRATION_SET)
    development = evaluation.read_labelled_cards(ROOT / evaluation.DEVELOPMENT_SET)
    fitted = evaluation.fit_confidence_maps(
        calibration,
        extra_examples=[clustering.Example(c.text, c.theme) for c in development],
        embedder=embedder,
        fitted_on=(
            f"{evaluation.CALIBRATION_SET}: 5-fold cross-validation over seeds "
            f"{list(evaluation.SEEDS)} with {evaluation.DEVELOPMENT_SET} as extra examples, "
            f"and catalogue only; {evaluation.features_used(embedder)}"
        ),
    )
    confidence.MAP_PATH.write_text(fitted.to_json(), encoding="utf-8")
    confidence.stored_maps.cache_clear()
    return fitted


class Command(BaseCommand):
    help = "Groepeer de kaarten uit een CSV-bestand in thema's en toon het resultaat als JSON."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", type=Path, help="kaarten (kolom text, optioneel kind)")
        source.add_argument("--evaluate", type=Path, help="gelabelde kaarten (text en theme)")
        source.add_argument(
            "--frozen",
            type=Path,
            nargs="?",
            const=FROZEN_SET,
            help="bevroren evaluatieset (text en theme_key)",
        )
        source.add_argument(
            "--fit-confidence",
            action="store_true",
            help="de zekerheidskaart opnieuw fitten op de ontwikkelkaarten en opslaan",
        )
        parser.add_argument("--train", type=Path, help="voorbeelden (kolommen text en theme)")

    def handle(self, *args, csv, evaluate, frozen, fit_confidence, train, **options):
        embedder = embeddings.application_embedder()
        try:
            if evaluate:
                result = evaluation.report(
                    evaluation.read_labelled_cards(evaluate), embedder=embedder
                )
            elif frozen:
                result = frozen_report(frozen, embedder)
            elif fit_confidence:
                result = json.loads(fit_and_store_confidence(embedder).to_json())
            else:
                examples = clustering.read_examples(train) if train else []
                themes = clustering.cluster_cards(
                    clustering.read_cards(csv), examples=examples, embedder=embedder
                )
                result = themes_json(themes)
        except clustering.CardFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
