"""Card clustering figures for the benchmark: quality on a labelled card set, and speed.

Not a page scenario: `clustering_report` runs in-process on a CSV file and returns plain data,
which the harness can render as a section of BENCHMARKS.md. The figures and their meaning are
described in `kapstok.analysis.evaluation` and docs/analysis.md; the same JSON comes out of
``manage.py cluster_cards --evaluate PATH``.

Targets (from the clustering issue): 5-fold cross-validated ARI with training at least 0.6 (the
mean per-fold ARI, averaged over `evaluation.SEEDS` fold shuffles), and 2,000 cards clustered
within 2 seconds. The pooled ARI and the catalogue-only figures are reported, not targeted.

It measures the method the application uses: with sentence embeddings when the bundled model
is available (`kapstok.analysis.embeddings.application_embedder`), else lexical features only;
``features`` in the report says which. The 2,000 cards are timed with their vectors computed
beforehand, as the application stores a card's vector when the card is written; the embedding
cost itself is reported apart (``embedding``), as are the lexical-only figures.
"""

from collections.abc import Sequence
from pathlib import Path

from kapstok.analysis import embeddings, evaluation

MIN_CV_ARI = 0.6
MAX_SECONDS_2000 = 2.0


def clustering_report(
    csv_path: str | Path,
    *,
    folds: int = 5,
    seeds: Sequence[int] = evaluation.SEEDS,
    lexical_only: bool = False,
) -> dict:
    """Cross-validation, catalogue-only and timing figures for the labelled cards at `csv_path`,
    plus a ``targets`` list of ``{"name", "passed", "detail"}``.

    Uses the application's embedder unless `lexical_only`. Raises
    `kapstok.analysis.clustering.CardFileError` (Dutch message) for an unusable file.
    """
    embedder = None if lexical_only else embeddings.application_embedder()
    report = evaluation.report(
        evaluation.read_labelled_cards(csv_path), k=folds, seeds=seeds, embedder=embedder
    )
    report["frozen"] = frozen_figures(embedder)
    cv, timing = report["cross_validation"], report["timing"]
    report["targets"] = [
        {
            "name": f"{folds}-fold CV ARI (mean per fold) ≥ {MIN_CV_ARI}",
            "passed": cv["ari_mean"] >= MIN_CV_ARI,
            "detail": (
                f"mean {cv['ari_mean']:.3f} over {len(cv['seeds'])} seeds "
                f"(folds {cv['ari_min']:.2f}–{cv['ari_max']:.2f}); pooled over held-out cards "
                f"{cv['pooled_ari']:.3f}; placed in their theme {cv['share_correct']:.0%}"
            ),
        },
        {
            "name": f"{timing['cards']} cards clustered ≤ {MAX_SECONDS_2000:g} s",
            "passed": timing["seconds_median"] <= MAX_SECONDS_2000,
            "detail": (
                f"median {timing['seconds_median']:.2f} s of {len(timing['seconds_runs'])}"
                f" (with {timing['with_examples']['examples']} confirmed examples: "
                f"{timing['with_examples']['seconds_median']:.2f} s)"
                + ("; vectors computed beforehand" if "embedding" in report else "")
                + (f"; peak memory {timing['peak_mib']:.1f} MiB" if "peak_mib" in timing else "")
            ),
        },
    ]
    report["targets"] += frozen_targets(report["frozen"])
    return report


# The theme-proposal issue's targets on the frozen set: share placed right with confirmed
# examples and with the catalogue alone, calibration error, and no card shown as certain.
FROZEN_TARGETS = {"development cards as examples": 0.90, "catalogue only": 0.85}
MAX_ECE = 0.05


def frozen_targets(frozen: dict) -> list[dict]:
    """PASS/FAIL rows for the frozen set, one per situation, so a miss is printed as such."""
    rows = []
    for situation, share in FROZEN_TARGETS.items():
        figures = frozen.get(situation)
        if figures is None:  # measured without the frozen set
            continue
        rows.append(
            {
                "name": f"frozen set, {situation}: placed right ≥ {share:.0%}",
                "passed": figures["share_right"] >= share,
                "detail": f"{figures['share_right']:.1%} of {figures['cards']} cards; "
                f"ARI {figures['ari']:.3f} pooled, {figures['ari_mean_per_fold']:.3f} per fold",
            }
        )
        rows.append(
            {
                "name": f"frozen set, {situation}: ECE ≤ {MAX_ECE:g}, never shown as 100 %",
                "passed": figures["ece"] <= MAX_ECE and figures["shown_max"] < 1.0,
                "detail": f"ECE {figures['ece']:.3f}; highest certainty shown "
                f"{figures['shown_max']:.2f}",
            }
        )
    return rows


FROZEN_SET = (
    Path(__file__).resolve().parents[1] / "kapstok/analysis/tests/data/frozen_cards_2026.csv"
)
DEV_SETS = [Path(__file__).resolve().parent / "data" / name for name in (
    "session-cards-dev.csv", "session-cards-dev-informal.csv"
)]  # fmt: skip


def frozen_figures(embedder) -> dict:
    """Share right, ARI and ECE on the frozen evaluation set (docs/analysis.md), grouped in
    sessions of 44 cards: with both development sets as confirmed examples, and with the
    catalogue alone."""
    from kapstok.analysis.clustering import Example

    cards = evaluation.read_frozen_cards(FROZEN_SET)
    examples = [
        Example(card.text, card.theme)
        for path in DEV_SETS
        for card in evaluation.read_labelled_cards(path)
    ]
    return {
        "development cards as examples": evaluation.held_out_report(
            cards, examples=examples, embedder=embedder
        ),
        "catalogue only": evaluation.held_out_report(cards, embedder=embedder),
    }
