"""factory_boy factories for the registry, used by tests and benchmarks."""

import datetime

import factory
from factory.django import DjangoModelFactory

from .models import (
    Body,
    BodyKind,
    BranchOrganisation,
    Entrepreneur,
    Initiative,
    Membership,
    Municipality,
    Office,
    Partner,
    PartnerKind,
    SportBranch,
)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province_code = "PV26"
    province = "Utrecht"
    population = 50_000
    area_land_km2 = 50
    density = 1000
    urbanisation = 3
    label_lat = 52.09
    label_lon = 5.12
    statistics_year = 2024


class SportBranchFactory(DjangoModelFactory):
    class Meta:
        model = SportBranch
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"tak-{n}")
    name = factory.Sequence(lambda n: f"Tak {n}")
    group = "fitness"


class BranchOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = BranchOrganisation

    name = factory.Sequence(lambda n: f"Brancheorganisatie {n}")
    slug = factory.Sequence(lambda n: f"branche-{n}")


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"POS-kantoor Test {n}")
    slug = factory.Sequence(lambda n: f"pos-kantoor-test-{n}")
    founded_on = datetime.date(2023, 3, 1)
    initiative = Initiative.JOINT
    contact_name = "Kees Kartrekker"
    contact_email = factory.Sequence(lambda n: f"kantoor{n}@example.invalid")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if not create:
            return
        self.municipalities.set(extracted or [MunicipalityFactory()])


class EntrepreneurFactory(DjangoModelFactory):
    class Meta:
        model = Entrepreneur
        skip_postgeneration_save = True

    business_name = factory.Sequence(lambda n: f"Sportschool {n}")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"ondernemer{n}@example.invalid")
    website = factory.Sequence(lambda n: f"https://sportschool{n}.example.invalid")

    @factory.post_generation
    def branches(self, create, extracted, **kwargs):
        if not create:
            return
        self.branches.set(extracted or [SportBranchFactory(slug="fitness", name="Fitness")])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    office = factory.SubFactory(OfficeFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    joined_on = datetime.date(2023, 6, 1)


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Sportservice {n}")
    kind = PartnerKind.FACILITATOR

    @factory.post_generation
    def offices(self, create, extracted, **kwargs):
        if create and extracted:
            self.offices.set(extracted)


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Sportraad {n}")
    kind = BodyKind.SPORT_COUNCIL

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)
