"""factory_boy factories for role agreements; a real round is best started with the service."""

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import OfficeFactory

from .models import AgreementTask, PartyView, RoleAgreement


class RoleAgreementFactory(DjangoModelFactory):
    """A round collecting views, with the three parties every office has and two tasks."""

    class Meta:
        model = RoleAgreement
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    version = factory.Sequence(lambda n: n + 1)
    parties = factory.LazyFunction(lambda: ["pos", "office", "municipality"])

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if not create:
            return
        names = extracted if extracted is not None else ["Financieren", "Sportdag organiseren"]
        for position, name in enumerate(names):
            AgreementTask.objects.create(agreement=self, position=position, name=name)


class PartyViewFactory(DjangoModelFactory):
    class Meta:
        model = PartyView

    agreement = factory.SubFactory(RoleAgreementFactory)
    party = "office"
    cells = factory.LazyFunction(dict)
