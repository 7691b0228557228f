"""factory_boy factories for landscapes, prospects and imports (tests and benchmarks)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from kapstok.network.factories import MunicipalityFactory, OfficeFactory

from .models import ImportJob, ImportStatus, LandscapeBusiness, Prospect


class LandscapeBusinessFactory(DjangoModelFactory):
    class Meta:
        model = LandscapeBusiness

    office = factory.SubFactory(OfficeFactory)
    kvk_number = factory.Sequence(lambda n: f"{70000000 + n:08d}")
    trade_name = factory.Sequence(lambda n: f"Padelhal {n}")
    municipality = factory.LazyAttribute(
        lambda o: o.office.municipalities.first() or MunicipalityFactory()
    )
    first_imported_at = factory.LazyFunction(timezone.now)
    last_imported_at = factory.LazyFunction(timezone.now)


class ProspectFactory(DjangoModelFactory):
    class Meta:
        model = Prospect

    business = factory.SubFactory(LandscapeBusinessFactory)
    stage_changed_on = datetime.date(2025, 5, 1)


class ImportJobFactory(DjangoModelFactory):
    class Meta:
        model = ImportJob

    office = factory.SubFactory(OfficeFactory)
    filename = "landschap.csv"
    status = ImportStatus.UPLOADED
