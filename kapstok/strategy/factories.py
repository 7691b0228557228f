"""factory_boy factories for sessions, participants, themes, cards and votes."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from kapstok.network.factories import OfficeFactory

from .models import Card, CardKind, Participant, StrategySession, Theme, Vote


class StrategySessionFactory(DjangoModelFactory):
    class Meta:
        model = StrategySession

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Sessie {n}: wat hebben we samen te winnen?")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Sportcentrum De Boog"
    questions = "Welke kansen ziet u voor uw bedrijf?\nWaar loopt u tegenaan?"


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    session = factory.SubFactory(StrategySessionFactory)
    display_name = factory.Sequence(lambda n: f"Deelnemer {n}")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    session = factory.SubFactory(StrategySessionFactory)
    label = factory.Sequence(lambda n: f"Thema {n}")
    position = factory.Sequence(lambda n: n)


class CardFactory(DjangoModelFactory):
    class Meta:
        model = Card

    participant = factory.SubFactory(ParticipantFactory)
    session = factory.SelfAttribute("participant.session")
    kind = CardKind.CHALLENGE
    text = factory.Sequence(lambda n: f"Te weinig zaalruimte op doordeweekse avonden ({n})")


class VoteFactory(DjangoModelFactory):
    class Meta:
        model = Vote

    participant = factory.SubFactory(ParticipantFactory)
    session = factory.SelfAttribute("participant.session")
    theme = factory.SubFactory(ThemeFactory, session=factory.SelfAttribute("..session"))
