"""Which project's pseudonyms a wave is shown with, coders' pseudonyms, and the platform key."""

import re

from kapstok.coding import pseudonyms, services
from kapstok.coding.models import Pseudonym


def test_a_wave_in_two_projects_is_shown_under_the_oldest(study):
    services.project_create(name="Later onderzoek", waves=study.waves)
    assert pseudonyms.project_for_wave(study.waves[0]) == study.project


def test_one_office_pseudonym_is_the_one_of_the_list(study):
    office = study.world.office.pk
    single = pseudonyms.office_pseudonym(office, project=study.project)
    assert single == pseudonyms.office_pseudonyms(study.project, [office])[office]


def test_without_wave_or_project_an_office_is_named_in_the_standing_project(study):
    office = study.world.office.pk
    standing = pseudonyms.standing_project()
    assert (
        pseudonyms.office_pseudonym(office)
        == pseudonyms.office_pseudonyms(standing, [office])[office]
    )


def test_a_respondent_is_named_in_the_project_of_their_wave(study):
    invitation = study.responses[(2025, "lead")].invitation
    expected = pseudonyms.respondent_pseudonyms(study.project, [invitation])[invitation.pk]
    assert pseudonyms.respondent_pseudonym(invitation.pk) == expected


def test_coders_get_their_own_kind_of_pseudonym(study):
    users = study.world.users
    codes = pseudonyms.coder_pseudonyms(study.project, [users["researcher"].pk, users["pos"].pk])
    assert all(re.fullmatch(r"C-[0-9A-F]{4,}", code) for code in codes.values())
    assert len(set(codes.values())) == 2


def test_a_person_who_is_coder_and_respondent_has_two_unlinked_pseudonyms(study):
    lead = study.world.users["lead"]
    invitation = study.responses[(2025, "lead")].invitation
    as_coder = pseudonyms.coder_pseudonyms(study.project, [lead.pk])[lead.pk]
    as_respondent = pseudonyms.respondent_pseudonyms(study.project, [invitation])[invitation.pk]
    assert as_coder[2:] != as_respondent[2:]


def test_asking_again_gives_no_new_rows(study):
    offices = [study.world.office.pk, study.world.other_office.pk]
    pseudonyms.office_pseudonyms(study.project, offices)
    count = Pseudonym.objects.count()
    pseudonyms.office_pseudonyms(study.project, offices)
    assert Pseudonym.objects.count() == count == 2


def test_no_subjects_no_pseudonyms(study):
    assert pseudonyms.office_pseudonyms(study.project, []) == {}


def test_a_separate_pseudonym_key_is_used_when_set(study, settings):
    office = study.world.office.pk
    settings.KAPSTOK_PSEUDONYM_KEY = "sleutel-een"
    first = pseudonyms.subject_digest(
        pseudonyms.pseudonym_secret(), study.project.pseudonym_salt, "office", office
    )
    settings.KAPSTOK_PSEUDONYM_KEY = "sleutel-twee"
    second = pseudonyms.subject_digest(
        pseudonyms.pseudonym_secret(), study.project.pseudonym_salt, "office", office
    )
    assert first != second
    settings.KAPSTOK_PSEUDONYM_KEY = ""
    assert pseudonyms.pseudonym_secret() == settings.SECRET_KEY.encode()


def test_rotating_the_key_keeps_the_pseudonyms_already_given(study, settings):
    office = study.world.office.pk
    settings.KAPSTOK_PSEUDONYM_KEY = "oude-sleutel"
    before = pseudonyms.office_pseudonyms(study.project, [office])[office]
    settings.KAPSTOK_PSEUDONYM_KEY = "nieuwe-sleutel"
    settings.KAPSTOK_PSEUDONYM_OLD_KEYS = ["oude-sleutel"]
    assert pseudonyms.office_pseudonyms(study.project, [office])[office] == before
