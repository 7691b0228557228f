"""card_add / card_edit / card_delete: while collecting, own cards only, text within limits."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory
from kapstok.strategy.models import Card, CardKind, SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def add(participant, text="Samen een sportdag organiseren", kind=CardKind.OPPORTUNITY):
    return services.card_add(participant=participant, kind=kind, text=text)


def test_participant_adds_a_card(anna, world):
    card = add(anna, "  Samen een sportdag organiseren  ")
    assert card.session == anna.session
    assert card.text == "Samen een sportdag organiseren"


def test_empty_card_is_refused(anna):
    with pytest.raises(ValidationError) as refused:
        add(anna, "   ")
    assert refused.value.message_dict["text"] == ["Schrijf eerst iets op het kaartje."]
    assert not Card.objects.exists()


def test_card_of_5000_characters_is_refused_with_its_length(anna):
    with pytest.raises(ValidationError) as refused:
        add(anna, "x" * 5000)
    [message] = refused.value.message_dict["text"]
    assert "280" in message and "5000" in message
    assert not Card.objects.exists()


def test_card_of_exactly_280_characters_fits(anna):
    assert len(add(anna, "k" * 280).text) == 280


def test_unknown_kind_is_refused(anna):
    with pytest.raises(ValidationError):
        add(anna, kind="klacht")


def test_cards_cannot_be_added_after_collecting(session, anna):
    move_to(session, SessionPhase.CLUSTER)
    with pytest.raises(ValidationError, match="alleen zolang de sessie kaartjes verzamelt"):
        add(anna)


def test_participant_edits_own_card(anna):
    card = CardFactory(participant=anna)
    services.card_edit(card=card, participant=anna, kind=CardKind.NEED, text="Meer zaaluren")
    card.refresh_from_db()
    assert (card.kind, card.text) == (CardKind.NEED, "Meer zaaluren")


def test_participant_cannot_edit_anothers_card(anna, bram):
    card = CardFactory(participant=bram, text="Origineel")
    with pytest.raises(PermissionDenied, match="alleen uw eigen kaartjes"):
        services.card_edit(card=card, participant=anna, kind=CardKind.NEED, text="Gekaapt")
    card.refresh_from_db()
    assert card.text == "Origineel"


def test_participant_cannot_delete_anothers_card(anna, bram):
    card = CardFactory(participant=bram)
    with pytest.raises(PermissionDenied):
        services.card_delete(card=card, participant=anna)
    assert Card.objects.filter(pk=card.pk).exists()


def test_own_card_cannot_be_edited_once_clustering_started(session, anna):
    card = CardFactory(participant=anna, text="Origineel")
    move_to(session, SessionPhase.CLUSTER)
    card.refresh_from_db()
    with pytest.raises(ValidationError, match="Kaartjes aanpassen kan alleen"):
        services.card_edit(card=card, participant=anna, kind=card.kind, text="Later bedacht")


def test_participant_deletes_own_card(anna):
    card = CardFactory(participant=anna)
    services.card_delete(card=card, participant=anna)
    assert not Card.objects.filter(pk=card.pk).exists()
