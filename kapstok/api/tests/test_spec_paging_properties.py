"""Paging through the office list, for any number of offices and any page size (Hypothesis).

`test_offices.py` checks one split of five offices. Here a client walks every page of lists of
any length with any allowed page size, as an integration would:

- the pages together hold every office exactly once, in name order, and each page holds
  `page_size` offices except the last;
- `count` and `pages` say the same on every page, and an empty list still has its one page;
- the page after the last answers 404 with a Dutch message naming how many pages there are.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapstok.core.tests.hypothesis_db import db_settings, in_savepoint
from kapstok.network.factories import OfficeFactory

LIST = "/api/v1/offices"
DB_SETTINGS = db_settings(12)


@pytest.mark.django_db
@DB_SETTINGS
@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8),
        max_size=14,
        unique=True,
    ),
    st.integers(1, 6),
)
def test_walking_every_page_gives_every_office_once_in_name_order(client, names, page_size):
    def example():
        for name in names:
            OfficeFactory(name=f"Kantoor {name}", slug=f"kantoor-{name}")
        expected = [f"kantoor-{name}" for name in sorted(names)]
        pages = max(1, math.ceil(len(names) / page_size))
        seen = []
        for number in range(1, pages + 1):
            response = client.get(LIST, {"page": number, "page_size": page_size})
            assert response.status_code == 200, response.content
            body = response.json()
            assert (body["count"], body["pages"], body["page"]) == (len(names), pages, number)
            assert body["page_size"] == page_size
            slugs = [item["slug"] for item in body["items"]]
            if number < pages:
                assert len(slugs) == page_size
            seen += slugs
        assert seen == expected
        past = client.get(LIST, {"page": pages + 1, "page_size": page_size})
        assert past.status_code == 404
        assert past.json()["detail"] == (
            f"Pagina {pages + 1} bestaat niet; er zijn {pages} pagina's."
        )

    in_savepoint(example)
