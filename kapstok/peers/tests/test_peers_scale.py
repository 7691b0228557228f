"""Peers for 400 offices from the database: a fixed number of queries, timing printed.

No wall-clock assert (CI machines differ); `-s` shows the figure, which the report quotes.
"""

import datetime
import random
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.analysis import similarity
from kapstok.network.models import Municipality, Office
from kapstok.peers.models import PeerWeights
from kapstok.peers.selectors import office_profiles


def _offices(n: int) -> None:
    rng = random.Random(4)
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            code=f"GM{5000 + i}",
            name=f"Schaalgemeente {i}",
            province_code="PV26",
            province="Utrecht",
            population=rng.randint(5_000, 900_000),
            area_land_km2=rng.randint(20, 300),
            density=rng.randint(50, 6_000),
            urbanisation=rng.randint(1, 5),
            label_lat=rng.uniform(50.8, 53.4),
            label_lon=rng.uniform(3.5, 7.1),
            statistics_year=2024,
        )
        for i in range(n)
    )
    offices = Office.objects.bulk_create(
        Office(
            name=f"Schaalkantoor {i}",
            slug=f"schaalkantoor-{i}",
            founded_on=datetime.date(2023, 1, 1),
            initiative=rng.choice(["pos", "entrepreneurs", "municipality", "joint"]),
        )
        for i in range(n)
    )
    links = Office.municipalities.through
    links.objects.bulk_create(
        links(office_id=office.pk, municipality_id=municipality.pk)
        for office, municipality in zip(offices, municipalities, strict=True)
    )


def test_peers_for_400_offices_from_the_database(db):
    _offices(400)
    timings = []
    for _run in ("cold", "warm"):  # the first run also pays for imports and query compilation
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            profiles = office_profiles()
            peers = similarity.top_peers(profiles, PeerWeights.current().weights())
        timings.append(f"{(time.perf_counter() - started) * 1000:.0f} ms")
    print(
        f"peers for 400 offices incl. loading: {' / '.join(timings)} (cold / warm), "
        f"{len(queries)} queries"
    )
    assert len(peers) == 400 and all(len(found) == 5 for found in peers.values())
    assert len(queries) < 25  # grouped queries, never one per office
