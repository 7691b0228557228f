"""Card clustering figures for the benchmark: quality on a labelled card set, and speed.

Not a page scenario: `clustering_report` runs in-process on a CSV file and returns plain data,
which the harness can render as a section of BENCHMARKS.md. The figures and their meaning are
described in `kapstok.analysis.evaluation` and docs/analysis.md; the same JSON comes out of
``manage.py cluster_cards --evaluate PATH``.

Targets (from the clustering issue): 5-fold cross-validated ARI with training at least 0.6 (the
mean per-fold ARI, averaged over `evaluation.SEEDS` fold shuffles), and 2,000 cards clustered
within 2 seconds. The pooled ARI and the catalogue-only figures are reported, not targeted.
"""

from collections.abc import Sequence
from pathlib import Path

from kapstok.analysis import evaluation

MIN_CV_ARI = 0.6
MAX_SECONDS_2000 = 2.0


def clustering_report(
    csv_path: str | Path, *, folds: int = 5, seeds: Sequence[int] = evaluation.SEEDS
) -> dict:
    """Cross-validation, catalogue-only and timing figures for the labelled cards at `csv_path`,
    plus a ``targets`` list of ``{"name", "passed", "detail"}``.

    Raises `kapstok.analysis.clustering.CardFileError` (Dutch message) for an unusable file.
    """
    report = evaluation.report(evaluation.read_labelled_cards(csv_path), k=folds, seeds=seeds)
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
            "detail": f"median {timing['seconds_median']:.2f} s of {len(timing['seconds_runs'])}",
        },
    ]
    return report
