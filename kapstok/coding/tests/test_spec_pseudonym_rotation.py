"""Rotating the pseudonym key: earlier keys listed keep the pseudonyms already given."""

from kapstok.coding import pseudonyms
from kapstok.coding.models import Pseudonym


def offices(study):
    return [study.world.office.pk, study.world.other_office.pk]


def test_a_rotated_key_with_the_old_one_listed_keeps_every_pseudonym(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    before = pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["oude-sleutel"]
    assert pseudonyms.office_pseudonyms(study.project, offices(study)) == before
    assert Pseudonym.objects.count() == 2


def test_once_asked_for_the_pseudonyms_no_longer_need_the_old_key(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    before = pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["oude-sleutel"]
    pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = []
    assert pseudonyms.office_pseudonyms(study.project, offices(study)) == before


def test_a_key_dropped_too_soon_gives_new_pseudonyms(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    before = pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    after = pseudonyms.office_pseudonyms(study.project, offices(study))
    assert set(after.values()).isdisjoint(before.values())


def test_pseudonyms_from_two_keys_back_are_found(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "eerste"
    before = pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.KAPSTOK_PSEUDONYM_KEY = "derde"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["tweede", "eerste"]
    assert pseudonyms.office_pseudonyms(study.project, offices(study)) == before


def test_new_subjects_after_a_rotation_get_a_pseudonym_of_the_new_key(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    old = pseudonyms.office_pseudonyms(study.project, [study.world.office.pk])
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["oude-sleutel"]
    both = pseudonyms.office_pseudonyms(study.project, offices(study))
    new_digest = pseudonyms.subject_digest(
        b"nieuwe-sleutel", study.project.pseudonym_salt, "office", f"office:{offices(study)[1]}"
    )
    assert both[study.world.office.pk] == old[study.world.office.pk]
    assert both[study.world.other_office.pk] == f"K-{new_digest[:4]}"


def test_respondents_keep_their_pseudonym_through_a_rotation(study, settings):
    invitation = study.responses[(2025, "lead")].invitation
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    before = pseudonyms.respondent_pseudonyms(study.project, [invitation])
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["oude-sleutel"]
    assert pseudonyms.respondent_pseudonyms(study.project, [invitation]) == before


def test_while_the_secret_key_serves_its_fallbacks_are_the_earlier_keys(study, settings):
    settings.KAPSTOK_PSEUDONYM_KEY = ""
    settings.SECRET_KEY = "oude-geheime-sleutel-" + "x" * 40
    before = pseudonyms.office_pseudonyms(study.project, offices(study))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "nieuwe-geheime-sleutel-" + "y" * 40
    assert pseudonyms.office_pseudonyms(study.project, offices(study)) == before


def test_the_secret_keys_fallbacks_do_not_count_when_a_pseudonym_key_is_set(settings):
    settings.KAPSTOK_PSEUDONYM_KEY = "eigen-sleutel"
    settings.SECRET_KEY_FALLBACKS = ["oude-geheime-sleutel"]
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["vorige-sleutel", "eigen-sleutel"]
    assert pseudonyms.earlier_secrets() == [b"vorige-sleutel"]
