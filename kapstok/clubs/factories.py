import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import MunicipalityFactory

from .models import SportsClub


class SportsClubFactory(DjangoModelFactory):
    class Meta:
        model = SportsClub

    name = factory.Sequence(lambda n: f"Sportvereniging De Vogel {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    website = ""
    secretary_email = ""
