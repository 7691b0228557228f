"""An erased respondent leaves their answers to research but not their name or address."""

import pytest

from kapstok.trust.personal_data import personal_data_erase

pytestmark = pytest.mark.django_db


def test_erasure_blanks_the_name_and_address_on_the_invitation_and_keeps_it(world, lead_invitation):
    lead = world.users["lead"]
    assert lead_invitation.email == lead.email

    personal_data_erase(user=lead)

    lead_invitation.refresh_from_db()
    assert lead_invitation.name == ""
    assert lead_invitation.email == f"verwijderd-{lead.pk}@kapstok.invalid"
    assert lead_invitation.respondent_id == lead.pk


def test_erasure_leaves_other_respondents_alone(world, wave):
    civil_servant = world.users["civil_servant"]
    theirs = wave.invitations.filter(respondent=civil_servant)
    before = list(theirs.values_list("email", flat=True))

    personal_data_erase(user=world.users["lead"])

    assert list(theirs.values_list("email", flat=True)) == before
    assert before and all("verwijderd" not in email for email in before)
