"""The demo's coding: a codebook from the report's themes, two coders who sometimes differ."""

from kapstok.accounts.factories import UserFactory
from kapstok.coding import selectors
from kapstok.coding.models import Coding, ResearchProject
from kapstok.home.demo_coding import PROJECT_NAME, coding_seed


def test_demo_codes_the_closed_waves_with_two_coders_who_sometimes_differ(study):
    for office in (study.world.office, study.world.other_office):
        office.is_demo = True
        office.save()
    researcher = UserFactory(email="researcher@demo.invalid")
    pos = UserFactory(email="pos@demo.invalid")
    project = coding_seed()
    assert project.name == PROJECT_NAME
    labels = set(project.codes.values_list("label", flat=True))
    assert {"Doelen en strategie", "Zichtbaarheid", "Rol van de gemeente", "Financiën"} <= labels
    assert project.codes.filter(parent__isnull=False).exists()
    coders = set(Coding.objects.filter(code__project=project).values_list("coder", flat=True))
    assert coders == {researcher.pk, pos.pk}
    overall = selectors.agreement(project, researcher, pos)["overall"]
    assert overall["kappa"] is not None and overall["kappa"] < 1


def test_reseeding_the_demo_replaces_its_project(study):
    study.world.office.is_demo = True
    study.world.office.save()
    UserFactory(email="researcher@demo.invalid")
    UserFactory(email="pos@demo.invalid")
    coding_seed()
    coding_seed()
    assert ResearchProject.objects.filter(name=PROJECT_NAME).count() == 1


def test_without_a_closed_demo_wave_there_is_nothing_to_code(db):
    assert coding_seed() is None
