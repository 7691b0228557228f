"""GET /api/v1/branches: the taxonomy of branches of sport."""

import pytest

from kapstok.network.factories import SportBranchFactory

pytestmark = pytest.mark.django_db


def test_branches_come_in_taxonomy_order_with_their_group(db, client):
    SportBranchFactory(slug="padel", name="Padel", group="racket", sort_order=2)
    SportBranchFactory(slug="fitness", name="Fitness", group="fitness", sort_order=1)
    response = client.get("/api/v1/branches")
    assert response.status_code == 200
    fitness, padel = response.json()
    assert fitness == {
        "slug": "fitness",
        "name": "Fitness",
        "group": "fitness",
        "group_label": "Fitness en training",
    }
    assert (padel["slug"], padel["group_label"]) == ("padel", "Racketsporten")
