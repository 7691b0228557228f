"""Who may see, manage and link which clubs (`kapstok.clubs.rules`), per persona."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.clubs import rules

SEE = {"pos", "admin", "lead", "member", "civil_servant", "partner", "other_lead"}
SEE |= {"other_member", "region_lead", "region_member"}


def viewer(world, persona):
    return viewer_for(world.users[persona])


@pytest.mark.django_db
def test_the_registry_is_for_the_network_and_the_municipalities(club_world):
    for persona in club_world.users:
        assert rules.can_view_clubs(viewer(club_world, persona)) is (persona in SEE), persona
    assert rules.can_view_clubs(viewer(club_world, "researcher")) is False
    assert rules.clubs_visible_to(viewer(club_world, "outsider")).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "hockey", "rowing"),
    [
        ("pos", True, True),
        ("admin", True, True),
        ("civil_servant", True, False),  # Utrecht's contact
        ("lead", True, False),  # Kantoor Utrecht's lead
        ("other_lead", False, True),  # Kantoor Zwolle's lead
        ("region_lead", False, False),  # Amersfoort: same province, other municipality
        ("member", False, False),
        ("partner", False, False),
    ],
)
def test_a_club_is_managed_by_pos_and_those_who_work_for_its_municipality(
    club_world, persona, hockey, rowing
):
    who = viewer(club_world, persona)

    assert rules.can_manage_club(who, club_world.hockey) is hockey
    assert rules.can_manage_club(who, club_world.rowing) is rowing
    assert rules.sees_secretary_email(who, club_world.hockey) is hockey


@pytest.mark.django_db
def test_the_municipalities_one_may_import_for(club_world):
    def names(persona):
        return [m.name for m in rules.municipalities_managed_by(viewer(club_world, persona))]

    assert names("civil_servant") == ["Utrecht"]
    assert names("lead") == ["Utrecht"]
    assert names("region_lead") == ["Amersfoort"]
    assert names("pos") == ["Amersfoort", "Utrecht", "Zwolle"]
    assert names("member") == []
    assert rules.can_manage_clubs(viewer(club_world, "member")) is False
    assert rules.managed_municipality_ids(viewer(club_world, "pos")) is None
