import datetime

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import OfficeFactory
from kapstok.network.models import OfficeStatus

from .models import FoundingChecklist


class FoundingChecklistFactory(DjangoModelFactory):
    """A checklist on a new office in founding (no founding date), unless `office` is given."""

    class Meta:
        model = FoundingChecklist

    office = factory.SubFactory(OfficeFactory, status=OfficeStatus.FOUNDING, founded_on=None)
    started_on = datetime.date(2026, 1, 5)
    members_needed = 3
