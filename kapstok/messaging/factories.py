"""factory_boy factories for brokered messages, used by tests."""

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import OfficeFactory

from .models import MessageStatus, OfficeMessage, SenderKind


class OfficeMessageFactory(DjangoModelFactory):
    class Meta:
        model = OfficeMessage

    office = factory.SubFactory(OfficeFactory)
    sender_kind = SenderKind.OFFICE
    sender_label = factory.LazyAttribute(lambda m: m.office.name)
    subject = factory.Sequence(lambda n: f"Bericht {n}")
    body = "Beste leden, ..."
    status = MessageStatus.SENT
