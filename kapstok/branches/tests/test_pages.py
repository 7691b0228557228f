"""The branch organisations' pages per persona: POS sees every organisation with exact counts
and every member's name; an organisation's staff see only their own, with small counts banded
and by name only the members listed publicly; anyone else is refused."""

import pytest

ORGANISATION = "/netwerk/brancheorganisaties/nl-actief/"
LIST = "/netwerk/brancheorganisaties/"


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pos", 200),
        ("admin", 200),
        ("branch_staff", 200),
        ("other_branch_staff", 403),
        ("lead", 403),
        ("member", 403),
        ("civil_servant", 403),
        ("partner", 403),
        ("researcher", 403),
        ("outsider", 403),
    ],
)
def test_who_opens_an_organisations_page(branch_world, client, persona, status):
    assert page(client, branch_world.users[persona], ORGANISATION).status_code == status


def test_anonymous_visitors_are_sent_to_the_login(branch_world, client):
    response = client.get(ORGANISATION)

    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_an_unknown_organisation_is_not_found(branch_world, client):
    response = page(client, branch_world.users["pos"], f"{LIST}bestaat-niet/")

    assert response.status_code == 404


def test_pos_sees_exact_counts_shares_and_every_member_by_name(branch_world, client):
    html = page(client, branch_world.users["pos"], ORGANISATION).content.decode()

    assert "<h1>NL Actief</h1>" in html
    assert "75%" in html  # three of Utrecht's four members
    assert "1 (33%)" in html  # one of three fitness businesses in Utrecht's landscape
    for name in ("Fit Publiek", "Fit Stil", "Yoga Marieke"):
        assert name in html
    assert "fitstil@example.invalid" not in html


def test_the_organisations_staff_see_banded_counts_and_only_members_listed_publicly(
    branch_world, client
):
    html = page(client, branch_world.users["branch_staff"], ORGANISATION).content.decode()

    assert "&lt; 5" in html
    assert "75%" not in html
    assert "Fit Publiek" in html
    assert "Fit Stil" not in html
    assert "Yoga Marieke" not in html
    assert "fitstil@example.invalid" not in html
    assert "U ziet alleen de leden die op de openbare pagina" in html


def test_the_page_names_the_offices_lacking_the_branch(branch_world, client):
    html = page(client, branch_world.users["branch_staff"], ORGANISATION).content.decode()
    lacking = html.split('id="lacking-heading"')[1].split("</section>")[0]

    assert "Kantoor Deventer" in lacking
    assert "Kantoor Utrecht" not in lacking
    assert "Kantoor Opgeheven" not in html
    # Offices link to their public pages, which the organisation's staff may read.
    assert 'href="/kantoren/kantoor-deventer/"' in lacking


def test_the_page_takes_the_same_queries_for_more_offices(
    branch_world, client, django_assert_max_num_queries
):
    from kapstok.network.factories import MembershipFactory, OfficeFactory

    client.force_login(branch_world.users["branch_staff"])
    client.get(ORGANISATION)  # sessions, caches
    for number in range(8):
        MembershipFactory(office=OfficeFactory(slug=f"extra-{number}"))

    with django_assert_max_num_queries(16):
        response = client.get(ORGANISATION)

    assert response.status_code == 200


def test_pos_lists_every_organisation_with_its_totals(branch_world, client):
    html = page(client, branch_world.users["pos"], LIST).content.decode()

    assert "NL Actief" in html and "WiZZ" in html
    row = html.split("NL Actief</a>")[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in row.split('class="num"')[1:]] == [
        "4",
        "3",
        "1",
    ]


def test_the_organisations_staff_list_only_their_own(branch_world, client):
    html = page(client, branch_world.users["branch_staff"], LIST).content.decode()

    assert "NL Actief" in html
    assert "WiZZ" not in html
    assert "&lt; 5" in html


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant", "partner", "outsider"])
def test_people_without_an_organisation_do_not_get_the_list(branch_world, client, persona):
    assert page(client, branch_world.users[persona], LIST).status_code == 403


def test_the_list_takes_the_same_queries_for_more_organisations(
    branch_world, client, django_assert_max_num_queries
):
    from kapstok.network.factories import BranchOrganisationFactory

    client.force_login(branch_world.users["pos"])
    client.get(LIST)
    BranchOrganisationFactory.create_batch(10)

    with django_assert_max_num_queries(10):
        response = client.get(LIST)

    assert response.content.decode().count("/netwerk/brancheorganisaties/branche-") == 10
