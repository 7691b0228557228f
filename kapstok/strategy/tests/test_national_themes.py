"""The network's common denominators: themes per office, mean rank, filters (POS staff)."""

import pytest

from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import Initiative
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
    VoteFactory,
)
from kapstok.strategy.models import CatalogueTheme
from kapstok.strategy.selectors import (
    DenominatorFilters,
    national_denominators,
    rank_within_sessions,
)

URL = "/netwerk/sessies/themas/"


def test_rank_within_sessions_shares_ranks_on_ties_and_skips_unvoted_sessions():
    rows = [(1, 10, 5), (1, 11, 2), (1, 12, 5), (2, 20, 0), (2, 21, 0), (3, 30, 1)]
    assert rank_within_sessions(rows) == {(1, 10): 1, (1, 12): 1, (1, 11): 3, (3, 30): 1}


def grouped_session(office, ranked_slugs, *, unconfirmed=()):
    """A session whose confirmed catalogue themes got 3, 2, 1, ... dots in the given order."""
    session = StrategySessionFactory(office=office)
    voter = ParticipantFactory(session=session)
    for position, slug in enumerate(ranked_slugs):
        theme = ThemeFactory(
            session=session,
            catalogue_theme=CatalogueTheme.objects.get(slug=slug),
            confirmed=slug not in unconfirmed,
            position=position,
        )
        CardFactory(participant=voter, theme=theme)
        for _ in range(len(ranked_slugs) - position):
            VoteFactory(participant=voter, theme=theme)
    return session


@pytest.fixture
def network(world):
    grouped_session(world.office, ["ruimte", "subsidie"])
    grouped_session(world.office, ["subsidie", "ruimte", "personeel"], unconfirmed={"personeel"})
    grouped_session(world.other_office, ["ruimte"])
    return world


def test_themes_count_offices_and_average_their_rank(network):
    rows, offices = national_denominators(DenominatorFilters())
    by_slug = {row.theme.slug: row for row in rows}
    assert offices == 2
    assert (by_slug["ruimte"].offices, by_slug["ruimte"].sessions) == (2, 3)
    assert by_slug["ruimte"].average_rank == pytest.approx((1 + 2 + 1) / 3)
    assert by_slug["subsidie"].offices == 1 and by_slug["subsidie"].average_rank == 1.5
    assert "personeel" not in by_slug  # never confirmed
    assert rows[0].theme.slug == "ruimte"


def test_filter_by_province_and_initiative(network):
    rows, offices = national_denominators(DenominatorFilters(province="Overijssel"))
    assert offices == 1 and [row.theme.slug for row in rows] == ["ruimte"]
    network.other_office.initiative = Initiative.POS
    network.other_office.save()
    rows, offices = national_denominators(DenominatorFilters(initiative=Initiative.POS))
    assert offices == 1


def test_filter_by_derived_office_size(network):
    for _ in range(15):
        MembershipFactory(office=network.other_office, entrepreneur=EntrepreneurFactory())
    _rows, small = national_denominators(DenominatorFilters(size="small"))
    _rows, medium = national_denominators(DenominatorFilters(size="medium"))
    assert (small, medium) == (1, 1)


def test_queries_do_not_grow_with_the_network(network, django_assert_max_num_queries):
    for _ in range(5):
        grouped_session(network.office, ["ruimte", "kosten", "tijd"])
    with django_assert_max_num_queries(2):
        national_denominators(DenominatorFilters(size="small", province="Utrecht"))


def test_pos_sees_the_page_with_filters(network, login):
    html = login(network.users["pos"]).get(URL, {"provincie": "", "size": "small"}).content
    html = html.decode()
    assert "Ruimte en accommodatie" in html and "Gemiddelde plaats" in html


def test_page_without_data_says_so(world, login):
    html = login(world.users["pos"]).get(URL).content.decode()
    assert "nog geen bevestigde thema" in html


def test_lead_cannot_see_the_national_page(world, login):
    assert login(world.users["lead"]).get(URL).status_code == 403
