"""`manage.py cluster_cards`: group the cards of a CSV file into themes and print JSON.

    manage.py cluster_cards --csv kaarten.csv [--train geplaatst.csv]
    manage.py cluster_cards --evaluate gelabeld.csv

With `--csv`, prints ``{"themes": [{"label": ..., "cards": [0-based row numbers]}]}``; every
card is in exactly one theme. `--train` adds labelled examples (columns ``text`` and
``theme``) for this run only; nothing is written to the database. `--evaluate` prints the
benchmark figures for a labelled card set instead: 5-fold cross-validation repeated over five
fold shuffles, catalogue only, and timing (see `kapstok.analysis.evaluation` and
docs/analysis.md). A file it cannot use gives a Dutch error, not a traceback. Both use sentence
embeddings when the bundled model is available (`kapstok.analysis.embeddings`), as the
application does; else lexical features alone.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kapstok.analysis import clustering, embeddings, evaluation


class Command(BaseCommand):
    help = "Groepeer de kaarten uit een CSV-bestand in thema's en toon het resultaat als JSON."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", type=Path, help="kaarten (kolom text, optioneel kind)")
        source.add_argument("--evaluate", type=Path, help="gelabelde kaarten (text en theme)")
        parser.add_argument("--train", type=Path, help="voorbeelden (kolommen text en theme)")

    def handle(self, *args, csv, evaluate, train, **options):
        try:
            if evaluate:
                result = evaluation.report(
                    evaluation.read_labelled_cards(evaluate),
                    embedder=embeddings.application_embedder(),
                )
            else:
                examples = clustering.read_examples(train) if train else []
                themes = clustering.cluster_cards(
                    clustering.read_cards(csv),
                    examples=examples,
                    embedder=embeddings.application_embedder(),
                )
                result = {"themes": [{"label": t.label, "cards": t.cards} for t in themes]}
        except clustering.CardFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
