"""The facilitator's grouping rules, called on the services directly.

Specifications of `strategy.services` for themes: merging carries cards, dots and goals along;
splitting takes only cards of the theme; names are required and bounded; confirming drops
empty themes and needs every card placed; a new proposal never wipes dots or goals; each
refusal is a Dutch sentence and changes nothing.
"""

import pytest

from django.core.exceptions import ValidationError

from kapstok.goals.factories import GoalFactory
from kapstok.strategy import services
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
    VoteFactory,
)
from kapstok.strategy.models import CatalogueTheme, SessionPhase, Theme

from .conftest import move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def clustering(session):
    return move_to(session, SessionPhase.CLUSTER)


def card_in(theme, **fields):
    return CardFactory(participant=ParticipantFactory(session=theme.session), theme=theme, **fields)


# --- merging ----------------------------------------------------------------------------------


def test_merging_moves_cards_dots_and_goals_and_removes_the_source(clustering, world):
    source = ThemeFactory(session=clustering, label="Zalen")
    target = ThemeFactory(session=clustering, label="Ruimte", confirmed=True)
    card = card_in(source, placement_confirmed=True)
    vote = VoteFactory(participant=ParticipantFactory(session=clustering), theme=source)
    goal = GoalFactory(office=world.office, source_theme=source)
    services.theme_merge(source=source, target=target)
    card.refresh_from_db()
    vote.refresh_from_db()
    goal.refresh_from_db()
    assert (card.theme, vote.theme, goal.source_theme) == (target, target, target)
    assert not card.placement_confirmed
    assert not Theme.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    assert not target.confirmed


def test_a_theme_cannot_be_merged_into_itself(clustering):
    theme = ThemeFactory(session=clustering)
    with pytest.raises(ValidationError, match="Kies een ander thema"):
        services.theme_merge(source=theme, target=theme)
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_theme_of_another_session_is_refused(clustering, world):
    other = ThemeFactory(session=StrategySessionFactory(office=world.office))
    theme = ThemeFactory(session=clustering)
    with pytest.raises(ValidationError, match="hoort niet bij deze sessie"):
        services.theme_merge(source=theme, target=other)


# --- splitting and renaming --------------------------------------------------------------------


def test_splitting_moves_the_chosen_cards_to_a_new_theme_at_the_end(clustering):
    theme = ThemeFactory(session=clustering, position=4, confirmed=True)
    staying, leaving = card_in(theme), card_in(theme)
    new = services.theme_split(theme=theme, cards=[leaving], label="  Personeel ")
    assert (new.label, new.position) == ("Personeel", 5)
    assert list(new.cards.all()) == [leaving]
    assert list(theme.cards.all()) == [staying]
    theme.refresh_from_db()
    assert not theme.confirmed


def test_splitting_without_cards_or_with_another_themes_cards_saves_nothing(clustering):
    theme, other = ThemeFactory(session=clustering), ThemeFactory(session=clustering)
    foreign = card_in(other)
    themes = Theme.objects.count()
    with pytest.raises(ValidationError) as empty:
        services.theme_split(theme=theme, cards=[], label="Nieuw")
    assert empty.value.message_dict == {
        "cards": ["Kies de kaartjes die naar het nieuwe thema gaan."]
    }
    with pytest.raises(ValidationError) as wrong:
        services.theme_split(theme=theme, cards=[foreign], label="Nieuw")
    assert wrong.value.message_dict == {"cards": ["Kies alleen kaartjes uit dit thema."]}
    assert Theme.objects.count() == themes
    foreign.refresh_from_db()
    assert foreign.theme == other


@pytest.mark.parametrize(
    ("label", "message"),
    [("   ", "Geef het thema een naam."), ("x" * 101, "Een themanaam heeft maximaal 100 tekens.")],
)
def test_a_theme_name_is_required_and_at_most_100_characters(clustering, label, message):
    theme = ThemeFactory(session=clustering, label="Oud")
    with pytest.raises(ValidationError) as refused:
        services.theme_rename(theme=theme, label=label)
    assert refused.value.message_dict == {"label": [message]}
    theme.refresh_from_db()
    assert theme.label == "Oud"


def test_a_renamed_catalogue_theme_keeps_counting_nationally(clustering):
    catalogue = CatalogueTheme.objects.first()
    assert catalogue is not None  # the catalogue comes with the migrations
    theme = ThemeFactory(session=clustering, catalogue_theme=catalogue)
    services.theme_rename(theme=theme, label="Onze eigen naam")
    theme.refresh_from_db()
    assert theme.catalogue_theme == catalogue


@pytest.mark.parametrize("phase", [SessionPhase.COLLECT, SessionPhase.PRIORITISE])
def test_the_grouping_is_changed_only_while_clustering(session, phase):
    move_to(session, phase)
    theme = ThemeFactory(session=session, label="Oud")
    with pytest.raises(ValidationError, match="alleen in de fase clusteren"):
        services.theme_rename(theme=theme, label="Nieuw")
    with pytest.raises(ValidationError, match="alleen in de fase clusteren"):
        services.card_move(card=card_in(theme), theme=None)


# --- moving and confirming ------------------------------------------------------------------


def test_a_card_moved_by_hand_loses_its_machine_confidence_and_unconfirms_both_themes(clustering):
    before = ThemeFactory(session=clustering, confirmed=True)
    after = ThemeFactory(session=clustering, confirmed=True)
    card = card_in(before, placement_confidence=0.8, placement_confirmed=True)
    services.card_move(card=card, theme=after)
    card.refresh_from_db()
    assert (card.theme, card.placement_confidence, card.placement_confirmed) == (after, None, False)
    assert not Theme.objects.filter(pk__in=[before.pk, after.pk], confirmed=True).exists()


def test_confirming_needs_every_card_placed(clustering):
    ThemeFactory(session=clustering)
    CardFactory(participant=ParticipantFactory(session=clustering))
    with pytest.raises(ValidationError, match="Deel eerst alle kaartjes in"):
        services.themes_confirm(session=clustering)
    assert not clustering.themes.filter(confirmed=True).exists()


def test_confirming_drops_empty_themes_and_fixes_every_placement(clustering):
    kept = ThemeFactory(session=clustering)
    ThemeFactory(session=clustering, label="Leeg")
    card = card_in(kept)
    assert services.themes_confirm(session=clustering) == 1
    assert list(clustering.themes.all()) == [kept]
    card.refresh_from_db()
    assert card.placement_confirmed


# --- proposals ------------------------------------------------------------------------------


def test_a_new_proposal_is_refused_once_dots_hang_on_the_themes(clustering):
    theme = ThemeFactory(session=clustering)
    VoteFactory(participant=ParticipantFactory(session=clustering), theme=theme)
    with pytest.raises(ValidationError, match="zou ze wissen"):
        services.themes_propose(session=clustering)
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_new_proposal_is_refused_once_a_goal_came_from_a_theme(clustering, world):
    theme = ThemeFactory(session=clustering)
    GoalFactory(office=world.office, source_theme=theme)
    with pytest.raises(ValidationError, match="zou ze wissen"):
        services.themes_propose(session=clustering)


def test_without_an_active_catalogue_there_is_no_proposal(clustering):
    CatalogueTheme.objects.update(is_active=False)
    CardFactory(participant=ParticipantFactory(session=clustering))
    with pytest.raises(ValidationError, match="themacatalogus is leeg"):
        services.themes_propose(session=clustering)


# --- removing a guest -----------------------------------------------------------------------


def test_a_guest_can_be_removed_only_while_the_session_is_open(session, anna, world):
    move_to(session, SessionPhase.CLOSED)
    with pytest.raises(ValidationError, match="de deelnemers liggen vast"):
        services.participant_remove(participant=anna, actor=world.users["lead"])
    anna.refresh_from_db()
    assert anna.removed_at is None


def test_removing_a_guest_twice_keeps_the_first_moment(session, anna, world):
    first = services.participant_remove(participant=anna, actor=world.users["lead"]).removed_at
    again = services.participant_remove(participant=anna, actor=world.users["pos"])
    assert again.removed_at == first and again.removed_by == world.users["lead"]
