"""factory_boy factories for calls and questions, used by tests."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from kapstok.network.factories import EntrepreneurFactory, MunicipalityFactory, OfficeFactory

from .models import Call, CallAnswer, CallStatus, Question, QuestionStatus


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    office = factory.SubFactory(OfficeFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Oproep {n}")
    text = "Doet u mee?"
    ask = "Een clinic geven"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = CallStatus.OPEN


class CallAnswerFactory(DjangoModelFactory):
    class Meta:
        model = CallAnswer

    call = factory.SubFactory(CallFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    reply = "Ik doe mee."
    shares_contact = False


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    office = factory.SubFactory(OfficeFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    subject = factory.Sequence(lambda n: f"Vraag {n}")
    text = "Mag ik in het park lesgeven?"
    status = QuestionStatus.SUBMITTED
