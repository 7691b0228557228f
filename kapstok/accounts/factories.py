import factory
from factory.django import DjangoModelFactory

from .models import User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.invalid")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password("kapstok-test")
