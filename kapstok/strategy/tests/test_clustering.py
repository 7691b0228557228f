"""themes_propose and the facilitator's corrections: move, merge, split, rename, confirm."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.analysis import clustering
from kapstok.goals.factories import GoalFactory
from kapstok.network.factories import OfficeFactory
from kapstok.strategy import services
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
    VoteFactory,
)
from kapstok.strategy.models import Card, CatalogueTheme, SessionPhase, Theme

from .conftest import move_to

pytestmark = pytest.mark.django_db

TEXTS = [
    "Gymzalen van scholen zijn 's avonds niet beschikbaar voor ons",
    "Geen geschikte locatie voor een eigen studio",
    "Verenigingen krijgen subsidie en wij niet",
    "Klanten kunnen nergens parkeren bij de hal",
    "Betaald parkeren jaagt bezoekers weg",
]


@pytest.fixture
def clustering_session(session, anna):
    for text in TEXTS:
        CardFactory(participant=anna, text=text)
    return move_to(session, SessionPhase.CLUSTER)


def test_proposal_places_every_card_in_exactly_one_theme(clustering_session):
    """With the real library: structure only, since the method itself keeps improving."""
    themes = services.themes_propose(session=clustering_session)

    cards = Card.objects.filter(session=clustering_session).select_related("theme")
    assert all(card.theme_id for card in cards)
    assert all(0 <= card.placement_confidence <= 1 for card in cards)
    assert not any(card.placement_confirmed for card in cards)
    assert {card.theme for card in cards} == set(themes)
    # A catalogue example, word for word, lands in its own theme.
    assert Card.objects.get(text=TEXTS[0]).theme.catalogue_theme.slug == "ruimte"


def fake_result(*themes):
    return [
        clustering.Theme(
            key,
            label,
            is_new,
            tuple(clustering.Placement(i, key, label, 0.8, is_new) for i in cards),
        )
        for key, label, is_new, cards in themes
    ]


def test_proposal_stores_themes_labels_and_confidences(clustering_session, monkeypatch):
    result = fake_result(
        ("ruimte", "Ruimte en accommodatie", False, [0, 1]),
        ("subsidie", "Subsidies en gelijk speelveld", False, [2]),
        ("nieuw-1", "parkeren, hal", True, [3, 4]),
    )
    monkeypatch.setattr(clustering, "cluster_cards", lambda cards, **options: result)

    services.themes_propose(session=clustering_session)

    themes = list(Theme.objects.filter(session=clustering_session).order_by("position"))
    assert [t.label for t in themes] == [
        "Ruimte en accommodatie",
        "Subsidies en gelijk speelveld",
        "Parkeren, hal",
    ]
    assert [t.catalogue_theme and t.catalogue_theme.slug for t in themes] == [
        "ruimte",
        "subsidie",
        None,
    ]
    parking = Card.objects.get(text=TEXTS[4])
    assert parking.theme == themes[2] and parking.placement_confidence == 0.8


def test_proposal_reads_the_catalogue_from_the_database(clustering_session, monkeypatch):
    """A theme POS switched off is not offered to the classifier; an edited example is."""
    CatalogueTheme.objects.filter(slug="ruimte").update(is_active=False)
    CatalogueTheme.objects.filter(slug="kosten").update(examples="Parkeren kost klanten geld")
    seen = {}

    def spy(cards, *, examples, catalogue, **options):
        seen["catalogue"] = {entry.slug: entry for entry in catalogue}
        seen["cards"] = [card.text for card in cards]
        return []

    monkeypatch.setattr(clustering, "cluster_cards", spy)
    services.themes_propose(session=clustering_session)

    assert "ruimte" not in seen["catalogue"]
    assert seen["catalogue"]["kosten"].examples == ("Parkeren kost klanten geld",)
    assert seen["cards"] == TEXTS


def test_confirmed_placements_elsewhere_become_training_examples(world):
    earlier = StrategySessionFactory(office=world.office)
    theme = ThemeFactory(
        session=earlier, catalogue_theme=CatalogueTheme.objects.get(slug="personeel")
    )
    writer = ParticipantFactory(session=earlier)
    CardFactory(participant=writer, text="Goede trainers gaan naar de concurrent", theme=theme)
    CardFactory(participant=writer, text="Nog niet bevestigd", theme=theme)
    Card.objects.filter(text__startswith="Goede").update(placement_confirmed=True)

    examples = services.training_examples({"personeel", "ruimte"})

    assert [(e.text, e.theme) for e in examples] == [
        ("Goede trainers gaan naar de concurrent", "personeel")
    ]
    assert services.training_examples({"ruimte"}) == []


def test_proposal_is_refused_outside_the_cluster_phase(session, anna):
    CardFactory(participant=anna)
    with pytest.raises(ValidationError, match="fase clusteren"):
        services.themes_propose(session=session)


def test_proposal_is_refused_once_dots_hang_on_the_themes(clustering_session, anna):
    services.themes_propose(session=clustering_session)
    VoteFactory(participant=anna, theme=Theme.objects.filter(session=clustering_session).first())
    with pytest.raises(ValidationError, match="stippen of doelen"):
        services.themes_propose(session=clustering_session)


def test_move_puts_a_card_in_another_theme_by_hand(clustering_session):
    services.themes_propose(session=clustering_session)
    card = Card.objects.get(text=TEXTS[0])
    target = ThemeFactory(session=clustering_session, label="Accommodatie", confirmed=True)

    services.card_move(card=card, theme=target)

    card.refresh_from_db()
    target.refresh_from_db()
    assert card.theme == target and card.placement_confidence is None
    assert not target.confirmed


def test_move_to_a_theme_of_another_session_is_refused(clustering_session):
    card = Card.objects.get(text=TEXTS[0])
    with pytest.raises(ValidationError, match="hoort niet bij deze sessie"):
        services.card_move(card=card, theme=ThemeFactory())


def test_merge_moves_cards_dots_and_goals(clustering_session, anna, world):
    source = ThemeFactory(session=clustering_session, label="Zalen")
    target = ThemeFactory(session=clustering_session, label="Ruimte")
    Card.objects.filter(text=TEXTS[0]).update(theme=source)
    VoteFactory(participant=anna, theme=source)
    goal = GoalFactory(office=world.office, source_theme=source)

    services.theme_merge(source=source, target=target)

    assert not Theme.objects.filter(pk=source.pk).exists()
    assert Card.objects.get(text=TEXTS[0]).theme == target
    assert target.votes.count() == 1
    goal.refresh_from_db()
    assert goal.source_theme == target


def test_merge_with_itself_is_refused(clustering_session):
    theme = ThemeFactory(session=clustering_session)
    with pytest.raises(ValidationError, match="ander thema"):
        services.theme_merge(source=theme, target=theme)


def test_split_moves_the_chosen_cards_to_a_new_theme(clustering_session):
    theme = ThemeFactory(session=clustering_session, label="Ruimte")
    Card.objects.filter(session=clustering_session).update(theme=theme)
    parking = list(Card.objects.filter(text__icontains="parkeren"))

    new = services.theme_split(theme=theme, cards=parking, label="Parkeren")

    assert new.label == "Parkeren" and new.catalogue_theme is None
    assert set(new.cards.all()) == set(parking)
    assert theme.cards.count() == len(TEXTS) - 2


def test_split_needs_a_name_and_cards_of_the_theme(clustering_session):
    theme = ThemeFactory(session=clustering_session)
    other = ThemeFactory(session=clustering_session)
    card = Card.objects.first()
    card.theme = other
    card.save()
    with pytest.raises(ValidationError) as refused:
        services.theme_split(theme=theme, cards=[card], label="  ")
    assert "label" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.theme_split(theme=theme, cards=[card], label="Nieuw")
    assert "cards" in refused.value.error_dict


def test_rename_keeps_the_catalogue_link(clustering_session):
    catalogue = CatalogueTheme.objects.get(slug="ruimte")
    theme = ThemeFactory(session=clustering_session, catalogue_theme=catalogue)
    services.theme_rename(theme=theme, label="Zaalruimte in Noord")
    theme.refresh_from_db()
    assert theme.label == "Zaalruimte in Noord" and theme.catalogue_theme == catalogue
    with pytest.raises(ValidationError):
        services.theme_rename(theme=theme, label="")


def test_confirm_marks_everything_and_drops_empty_themes(clustering_session):
    services.themes_propose(session=clustering_session)
    empty = ThemeFactory(session=clustering_session)

    kept = services.themes_confirm(session=clustering_session)

    assert not Theme.objects.filter(pk=empty.pk).exists()
    assert kept == Theme.objects.filter(session=clustering_session, confirmed=True).count()
    assert not Card.objects.filter(session=clustering_session, placement_confirmed=False).exists()


def test_confirm_refuses_cards_without_theme(clustering_session):
    with pytest.raises(ValidationError, match="Deel eerst alle kaartjes in"):
        services.themes_confirm(session=clustering_session)


def test_proposal_with_an_empty_catalogue_says_so(clustering_session):
    CatalogueTheme.objects.update(is_active=False)
    with pytest.raises(ValidationError, match="themacatalogus is leeg"):
        services.themes_propose(session=clustering_session)


def test_another_offices_examples_are_masked_and_the_own_office_s_are_not(world):
    """Cards teach other offices what words mean, never who wrote them or where (issue 24)."""
    own = StrategySessionFactory(office=world.office)
    other_office = OfficeFactory(name="Kantoor Zuiderhaven")
    other = StrategySessionFactory(office=other_office)
    personeel = CatalogueTheme.objects.get(slug="personeel")
    for session, text in (
        (own, "Trainer Pietje Puk vertrekt, bel 06-12345678"),
        (other, "Kantoor Zuiderhaven verliest trainer Pietje Puk, mail puk@voorbeeld.nl"),
    ):
        writer = ParticipantFactory(session=session, display_name="Pietje Puk")
        theme = ThemeFactory(session=session, catalogue_theme=personeel)
        CardFactory(participant=writer, text=text, theme=theme, placement_confirmed=True)

    examples = {e.text for e in services.training_examples({"personeel"}, office_id=own.office_id)}

    assert "Trainer Pietje Puk vertrekt, bel 06-12345678" in examples
    [masked] = examples - {"Trainer Pietje Puk vertrekt, bel 06-12345678"}
    assert masked == "••••••• ••••••••••• verliest trainer •••••• •••, mail ••••••••••••••••"
    assert len(masked) == len(
        "Kantoor Zuiderhaven verliest trainer Pietje Puk, mail puk@voorbeeld.nl"
    )


def test_without_an_office_every_example_is_masked(world):
    session = StrategySessionFactory(office=world.office)
    writer = ParticipantFactory(session=session, display_name="Karin Kramer")
    theme = ThemeFactory(
        session=session, catalogue_theme=CatalogueTheme.objects.get(slug="personeel")
    )
    CardFactory(
        participant=writer, text="Karin zoekt trainers", theme=theme, placement_confirmed=True
    )

    [example] = services.training_examples({"personeel"})

    assert example.text == "••••• zoekt trainers"


def test_the_proposal_learns_from_other_offices_masked(clustering_session, monkeypatch):
    other = StrategySessionFactory(office=OfficeFactory(name="Kantoor Noordkaap"))
    writer = ParticipantFactory(session=other, display_name="Ria")
    theme = ThemeFactory(session=other, catalogue_theme=CatalogueTheme.objects.get(slug="kosten"))
    CardFactory(
        participant=writer,
        text="Kantoor Noordkaap: huur van de zaal is te duur",
        theme=theme,
        placement_confirmed=True,
    )
    seen = {}

    def spy(cards, *, examples, catalogue, embedder):
        seen["examples"] = [(e.text, e.theme) for e in examples]
        return real(cards, examples=examples, catalogue=catalogue, embedder=embedder)

    real = clustering.cluster_cards
    monkeypatch.setattr(clustering, "cluster_cards", spy)
    services.themes_propose(session=clustering_session)

    assert ("••••••• •••••••••: huur van de zaal is te duur", "kosten") in seen["examples"]
