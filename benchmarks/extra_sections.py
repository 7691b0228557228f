"""Benchmark sections that are not page timings: clustering quality, bulk import speed and the
public map page in a real browser.

They run once per `make bench` (not per database) and are merged into BENCHMARKS.md next to the
page groups, with the same section markers; `manage.py bench --extra KEY` runs one of them alone
(the keys of `EXTRA_SECTIONS`).
"""

from pathlib import Path

# The labelled development cards, kept with the benchmark (data/SOURCES.md).
DEV_CARDS = Path(__file__).resolve().parent / "data" / "session-cards-dev.csv"


def _targets(rows: list[dict]) -> list[str]:
    return [
        f"- **{'PASS' if row['passed'] else 'FAIL'}**: {row['name']} — {row['detail']}"
        for row in rows
    ]


def clustering_section() -> tuple[str, str]:
    """5-fold cross-validation of the card clustering on the labelled Dutch cards."""
    from benchmarks.scenarios_clustering import clustering_report

    report = clustering_report(DEV_CARDS)
    cv, catalogue = report["cross_validation"], report.get("catalogue_only", {})
    lines = [
        "## Strategy sessions: card clustering",
        "",
        f"Labelled cards: `{DEV_CARDS.name}` ({report.get('cards', '?')} cards). "
        "Train on four folds with the fifth held out, for every fold and several shuffles.",
        "",
        f"Features: {report.get('features', 'lexical')}.",
        "",
        "| figure | value |",
        "|---|--:|",
        f"| ARI, mean per fold (headline) | {cv['ari_mean']:.3f} |",
        f"| ARI, lowest / highest fold | {cv['ari_min']:.2f} / {cv['ari_max']:.2f} |",
        f"| ARI, all held-out cards pooled | {cv['pooled_ari']:.3f} |",
        f"| held-out cards placed in their theme | {cv['share_correct']:.0%} |",
    ]
    if catalogue:
        lines.append(f"| catalogue only (no training): ARI | {catalogue.get('ari', 0):.3f} |")
        lines.append(
            f"| catalogue only: placed in their theme | {catalogue.get('share_correct', 0):.0%} |"
        )
    if lexical := report.get("lexical_only"):
        lines += [
            f"| lexical only: ARI, mean per fold | {lexical['ari_mean']:.3f} |",
            f"| lexical only: catalogue only ARI | {lexical['catalogue_only_ari']:.3f} |",
        ]
    timing = report.get("timing", {})
    if "seconds_median" in timing:
        lines.append(
            f"| {timing['cards']} cards, catalogue only (s, median) | "
            f"{timing['seconds_median']:.2f} |"
        )
    if "peak_mib" in timing:
        lines.append(
            f"| {timing['cards']} cards, catalogue only: peak memory (MiB) | "
            f"{timing['peak_mib']:.1f} |"
        )
    if trained := timing.get("with_examples"):
        lines.append(
            f"| {timing['cards']} cards + {trained['examples']} confirmed examples "
            f"(s, median) | {trained['seconds_median']:.2f} |"
        )
        if "peak_mib" in trained:
            lines.append(
                f"| {timing['cards']} cards + {trained['examples']} confirmed examples: "
                f"peak memory (MiB) | {trained['peak_mib']:.1f} |"
            )
    if calibration := report.get("calibration"):
        lines.append(
            f"| held-out cards: calibration error (ECE, {calibration['bins']} bins) | "
            f"{calibration['ece']:.3f} |"
        )
    for name, figures in report.get("frozen", {}).items():
        lines.append(
            f"| frozen set, {name}: placed right / ARI / ECE | "
            f"{figures['share_right']:.0%} / {figures['ari']:.3f} / {figures['ece']:.3f} |"
        )
    if embedding := report.get("embedding"):
        lines += [
            f"| embedding {embedding['texts']} texts, batched (s) | "
            f"{embedding['seconds_batched']:.1f} |",
            f"| embedding one text as a card is written (ms) | "
            f"{embedding['ms_per_text_one_by_one']:.0f} |",
        ]
    lines += ["", *_targets(report["targets"])]
    return "clustering", "\n".join(lines)


def representation_section() -> tuple[str, str] | None:
    """Import and match 100,000 generated landscape rows (time and peak memory)."""
    try:
        from kapstok.representation.benchmark import representation_report
    except ImportError:
        return None
    report = representation_report()
    lines = ["## Representativeness: landscape import", "", "| figure | value |", "|---|--:|"]
    lines += [f"| {key} | {value} |" for key, value in report.items() if key != "targets"]
    lines += ["", *_targets(report.get("targets", []))]
    return "representation", "\n".join(lines)


def public_site_section() -> tuple[str, str] | None:
    """The map page's first-load transfer and drawing time in Chromium (`bench.public_site`)."""
    from benchmarks.public_site import public_site_section as build

    return build()


EXTRA_SECTIONS = {
    "clustering": clustering_section,
    "representation": representation_section,
    "public_site": public_site_section,
}
SECTIONS = tuple(EXTRA_SECTIONS.values())
