"""Pseudonyms in a project: stable across waves, different across projects, never clashing."""

import re

from kapstok.analysis.pseudonyms import code_of, subject_digest
from kapstok.coding import pseudonyms, services
from kapstok.coding.models import Pseudonym


def test_the_same_office_gets_the_same_pseudonym_in_every_wave(study):
    office = study.world.office.pk
    first = pseudonyms.office_pseudonym(office, wave=study.waves[0])
    second = pseudonyms.office_pseudonym(office, wave=study.waves[1])
    assert first == second
    assert re.fullmatch(r"K-[0-9A-F]{4,}", first)


def test_the_same_respondent_keeps_one_pseudonym_across_waves(study):
    invitations = [study.responses[(year, "lead")].invitation for year in (2025, 2026)]
    codes = pseudonyms.respondent_pseudonyms(study.project, invitations)
    assert codes[invitations[0].pk] == codes[invitations[1].pk]
    assert codes[invitations[0].pk].startswith("R-")


def test_a_respondent_without_account_is_known_by_email_whatever_its_case(study):
    invitation = study.responses[(2025, "lead")].invitation
    again = study.responses[(2026, "lead")].invitation
    invitation.respondent, again.respondent = None, None
    again.email = invitation.email.upper()
    codes = pseudonyms.respondent_pseudonyms(study.project, [invitation, again])
    assert codes[invitation.pk] == codes[again.pk]


def test_another_project_gives_the_office_another_pseudonym(study):
    other = services.project_create(name="Ander onderzoek", waves=study.waves)
    office = study.world.office.pk
    assert pseudonyms.office_pseudonyms(study.project, [office]) != pseudonyms.office_pseudonyms(
        other, [office]
    )


def test_two_offices_never_share_a_pseudonym(study):
    codes = pseudonyms.office_pseudonyms(
        study.project, [study.world.office.pk, study.world.other_office.pk]
    )
    assert len(set(codes.values())) == 2


def test_a_clash_of_short_codes_gives_the_newcomer_a_longer_one(study):
    office = study.world.office.pk
    digest = subject_digest(
        pseudonyms.pseudonym_secret(), study.project.pseudonym_salt, "office", f"office:{office}"
    )
    # Somebody else already holds the four-digit code this office would get.
    Pseudonym.objects.create(
        project=study.project, kind="office", subject="0" * 64, code=code_of("office", digest)
    )
    code = pseudonyms.office_pseudonyms(study.project, [office])[office]
    assert code == code_of("office", digest, 5)
    assert pseudonyms.office_pseudonyms(study.project, [office])[office] == code


def test_the_table_of_pseudonyms_holds_no_email(study):
    invitation = study.responses[(2025, "lead")].invitation
    invitation.respondent = None
    pseudonyms.respondent_pseudonyms(study.project, [invitation])
    subjects = list(Pseudonym.objects.values_list("subject", flat=True))
    assert subjects and not any("@" in subject for subject in subjects)


def test_a_wave_in_no_project_is_shown_under_the_standing_project(study):
    study.project.waves.clear()
    project = pseudonyms.project_for_wave(study.waves[0])
    assert project.is_standing
    assert pseudonyms.standing_project() == project
