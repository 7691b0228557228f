"""factory_boy factories for positions and the influence register."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import EntrepreneurFactory, OfficeFactory
from kapstok.network.models import BodyKind

from .models import (
    Achievement,
    Endorsement,
    NationalEndorsement,
    NationalPosition,
    NationalStatus,
    Position,
    PositionStatus,
    Seat,
)


class PositionFactory(DjangoModelFactory):
    """A concept addressed to the office's first municipality."""

    class Meta:
        model = Position

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Standpunt {n}: subsidie ook voor ondernemers")
    body = "De regeling sport en bewegen staat nu alleen open voor verenigingen."
    municipality = factory.LazyAttribute(lambda p: p.office.municipalities.first())
    status = PositionStatus.CONCEPT


class EndorsementFactory(DjangoModelFactory):
    class Meta:
        model = Endorsement

    position = factory.SubFactory(PositionFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)


class SeatFactory(DjangoModelFactory):
    class Meta:
        model = Seat

    office = factory.SubFactory(OfficeFactory)
    kind = BodyKind.SPORT_COUNCIL
    person = factory.Sequence(lambda n: f"Zetelhouder {n}")
    started_on = datetime.date(2024, 1, 1)


class AchievementFactory(DjangoModelFactory):
    class Meta:
        model = Achievement

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Resultaat {n}: regeling opengesteld")
    achieved_on = datetime.date(2025, 3, 1)
    evidence_url = "https://example.org/raadsbesluit"


class NationalPositionFactory(DjangoModelFactory):
    """A POS-wide position, open for endorsement, without a closing day."""

    class Meta:
        model = NationalPosition

    title = factory.Sequence(lambda n: f"Landelijk standpunt {n}: geen btw-verhoging op sport")
    body = "Het kabinet wil het btw-tarief op sport verhogen van 9 naar 21 procent."
    ask = "Spreek u uit tegen de verhoging."
    status = NationalStatus.OPEN


class NationalEndorsementFactory(DjangoModelFactory):
    """An endorsement counted for the office and municipality the test gives."""

    class Meta:
        model = NationalEndorsement

    position = factory.SubFactory(NationalPositionFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    office = factory.SubFactory(OfficeFactory)
