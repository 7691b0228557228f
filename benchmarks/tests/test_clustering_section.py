"""The clustering section of BENCHMARKS.md: says which features were measured, and the costs.

The report itself is faked here (the real one embeds thousands of texts); `evaluation.report`
is tested in kapstok/analysis/tests.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings

from benchmarks import extra_sections, scenarios_clustering
from kapstok.analysis import evaluation

REPORT = {
    "cards": 66,
    "features": "lexical + sentence embeddings (test-model, lexical share 0.8)",
    "cross_validation": {
        "ari_mean": 0.625,
        "ari_min": -0.04,
        "ari_max": 1.0,
        "pooled_ari": 0.757,
        "share_correct": 0.888,
        "seeds": [0, 1],
    },
    "catalogue_only": {"ari": 0.8, "share_correct": 0.909},
    "timing": {
        "cards": 2000,
        "seconds_median": 0.3,
        "seconds_runs": [0.3, 0.3, 0.3],
        "peak_mib": 41.5,
        "vectors": "computed beforehand",
        "with_examples": {
            "examples": 2700,
            "seconds_median": 0.9,
            "seconds_runs": [0.9],
            "peak_mib": 88.25,
        },
    },
    "calibration": {"bins": 10, "ece": 0.043},
    "frozen": {
        "catalogue only": {"share_right": 0.491, "ari": 0.216, "ece": 0.104},
    },
    "embedding": {
        "model": "test-model",
        "texts": 2000,
        "seconds_batched": 22.0,
        "ms_per_text_batched": 11.0,
        "ms_per_text_one_by_one": 11.3,
    },
    "lexical_only": {
        "ari_mean": 0.534,
        "pooled_ari": 0.709,
        "share_correct": 0.867,
        "catalogue_only_ari": 0.765,
    },
    "targets": [{"name": "5-fold CV ARI ≥ 0.6", "passed": True, "detail": "mean 0.625"}],
}


def test_section_names_the_features_and_reports_embedding_apart(monkeypatch):
    monkeypatch.setattr(scenarios_clustering, "clustering_report", lambda path: REPORT)

    key, text = extra_sections.clustering_section()

    assert key == "clustering"
    assert "Features: lexical + sentence embeddings (test-model" in text
    assert "| lexical only: ARI, mean per fold | 0.534 |" in text
    assert "| embedding 2000 texts, batched (s) | 22.0 |" in text
    assert "| 2000 cards + 2700 confirmed examples (s, median) | 0.90 |" in text
    assert "**PASS**: 5-fold CV ARI ≥ 0.6" in text


def test_section_reports_time_and_peak_memory_of_2000_cards_and_the_calibration(monkeypatch):
    monkeypatch.setattr(scenarios_clustering, "clustering_report", lambda path: REPORT)

    _key, text = extra_sections.clustering_section()

    assert "| 2000 cards, catalogue only (s, median) | 0.30 |" in text
    assert "| 2000 cards, catalogue only: peak memory (MiB) | 41.5 |" in text
    assert "| 2000 cards + 2700 confirmed examples: peak memory (MiB) | 88.2 |" in text
    assert "| held-out cards: calibration error (ECE, 10 bins) | 0.043 |" in text
    assert "| frozen set, catalogue only: placed right / ARI / ECE | 49% / 0.216 / 0.104 |" in text


def test_section_without_a_model_says_lexical(monkeypatch):
    lexical = {k: v for k, v in REPORT.items() if k not in {"embedding", "lexical_only"}}
    lexical["features"] = "lexical only (no sentence-embedding model available)"
    monkeypatch.setattr(scenarios_clustering, "clustering_report", lambda path: lexical)

    _key, text = extra_sections.clustering_section()

    assert "Features: lexical only" in text
    assert "embedding" not in text.replace("sentence-embedding", "")


def test_section_measures_the_labelled_cards_kept_in_the_repository(monkeypatch):
    seen = []
    monkeypatch.setattr(
        scenarios_clustering, "clustering_report", lambda path: seen.append(path) or REPORT
    )

    extra_sections.clustering_section()

    assert seen == [extra_sections.DEV_CARDS]
    assert extra_sections.DEV_CARDS.is_relative_to(Path(settings.BASE_DIR))
    per_theme = Counter(card.theme for card in evaluation.read_labelled_cards(seen[0]))
    assert len(per_theme) == 11
    assert set(per_theme.values()) == {6}


def test_report_measures_with_the_applications_embedder(monkeypatch, tmp_path):
    cards = tmp_path / "cards.csv"
    cards.write_text("text,theme\nTekort aan trainers,personeel\n", encoding="utf-8")
    model, seen = object(), {}

    def fake_report(labelled, **options):
        seen.update(options)
        return {key: REPORT[key] for key in ("cross_validation", "timing")}

    monkeypatch.setattr(scenarios_clustering.embeddings, "application_embedder", lambda: model)
    monkeypatch.setattr(scenarios_clustering.evaluation, "report", fake_report)
    monkeypatch.setattr(scenarios_clustering, "frozen_figures", lambda embedder: {})

    scenarios_clustering.clustering_report(cards)
    assert seen["embedder"] is model
    scenarios_clustering.clustering_report(cards, lexical_only=True)
    assert seen["embedder"] is None


def frozen_situation(share_right, ece, shown_max):
    return {
        "cards": 220,
        "share_right": share_right,
        "ari": 0.36,
        "ari_mean_per_fold": 0.35,
        "ece": ece,
        "shown_max": shown_max,
    }


def test_frozen_targets_print_a_miss_as_fail_and_a_hit_as_pass():
    rows = scenarios_clustering.frozen_targets(
        {
            "development cards as examples": frozen_situation(0.632, 0.062, 0.85),
            "catalogue only": frozen_situation(0.86, 0.04, 0.9),
        }
    )

    outcome = {row["name"]: row["passed"] for row in rows}
    assert outcome == {
        "frozen set, development cards as examples: placed right ≥ 90%": False,
        "frozen set, development cards as examples: ECE ≤ 0.05, never shown as 100 %": False,
        "frozen set, catalogue only: placed right ≥ 85%": True,
        "frozen set, catalogue only: ECE ≤ 0.05, never shown as 100 %": True,
    }
    assert "63.2% of 220 cards" in rows[0]["detail"]


def test_a_card_shown_as_certain_fails_the_calibration_target_whatever_the_ece():
    [_, calibration] = scenarios_clustering.frozen_targets(
        {"catalogue only": frozen_situation(0.9, 0.01, 1.0)}
    )

    assert calibration["passed"] is False
    assert "highest certainty shown 1.00" in calibration["detail"]
