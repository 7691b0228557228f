"""Demo sports clubs and the regional exchange board.

Fictitious clubs (the municipalities are real, the clubs are not) in the municipalities of
offices A–E, registered through the clubs import as a municipality would deliver them, some
linked to the demo practices, a meeting and an exchange post. Then regional posts: office A
and another office in its province open a question and an offer to the region, and a member
of A answers the other office's offer on the board (report 5.2: connect entrepreneurs with
sports clubs, and offices in a region with each other). Called from `demo_seed` after
`peers_seed`.
"""

from django.contrib.auth import get_user_model

from kapstok.accounts.access import viewer_for
from kapstok.clubs.importing import clubs_import
from kapstok.clubs.models import SportsClub
from kapstok.clubs.services import club_link
from kapstok.network.models import Office
from kapstok.peers import exchange
from kapstok.peers.models import ExchangePost, Meeting, Practice

# Per office letter: (name, sports as the file names them, website or "", secretariat or "")
CLUBS = {
    "A": (
        ("Hockeyclub De Wielewaal", "Hockey, Fitness", "hcdewielewaal.invalid", True),
        ("Tennisvereniging De Kwikstaart", "Tennis, Padel", "tvdekwikstaart.invalid", True),
        ("Zwemvereniging De Zeehond", "Zwemmen", "", True),
        ("Atletiekvereniging De Haas", "Atletiek en hardlopen", "avdehaas.invalid", False),
    ),
    "B": (
        ("Voetbalvereniging Groen-Geel '31", "Voetbal", "vvgroengeel.invalid", True),
        ("Gymnastiekvereniging De Spreeuw", "Turnen en gymnastiek", "", True),
    ),
    "C": (
        ("Korfbalvereniging De Meerkoet", "Korfbal", "kvdemeerkoet.invalid", False),
        ("Judovereniging De Das", "Vechtsport", "", True),
    ),
    "D": (
        ("Roeivereniging De Fuut", "Watersport", "rvdefuut.invalid", True),
        ("Schaatsclub De Grutto", "Schaatsen", "", False),
    ),
    "E": (
        ("Hockeyclub De Buizerd", "Hockey", "hcdebuizerd.invalid", True),
        ("Badmintonclub De Mus", "Squash en badminton", "", True),
        ("Dansvereniging De Nachtegaal", "Dans", "dvdenachtegaal.invalid", False),
    ),
}


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _file(rows) -> bytes:
    """The demo clubs as a municipality would send them: a semicolon CSV from Excel."""
    lines = ["naam;sport;gemeente;website;e-mail secretariaat"]
    for name, sports, website, secretariat, municipality in rows:
        email = f"secretariaat@{website or 'vereniging.invalid'}" if secretariat else ""
        lines.append(f"{name};{sports};{municipality.code};{website};{email}")
    return "\r\n".join(lines).encode("utf-8-sig")


def clubs_seed(*, offices: dict, pos) -> dict:
    """The demo clubs of A–E, imported as POS; returns them by name."""
    SportsClub.objects.filter(is_demo=True).delete()
    rows = []
    for letter, clubs in CLUBS.items():
        municipality = offices[letter].municipalities.order_by("code").first()
        rows.extend((*club, municipality) for club in clubs)
    report = clubs_import(data=_file(rows), viewer=viewer_for(pos), user=pos)
    names = [row[0] for row in rows]
    clubs = SportsClub.objects.filter(name__in=names, created_by=pos)
    clubs.update(is_demo=True)
    assert not report.skipped, report.skipped  # the demo file is ours: every row must fit
    return {club.name: club for club in clubs}


def links_seed(clubs: dict, pos) -> None:
    """The sports day of E with its clubs, A's shared energy purchase, a regional meeting."""
    sports_day = Practice.objects.filter(title__startswith="Lokale sportdag").first()
    if sports_day is not None:
        for name in ("Hockeyclub De Buizerd", "Badmintonclub De Mus"):
            club_link(club=clubs[name], kind="practice", target=sports_day, user=pos)
    energy = Practice.objects.filter(title__startswith="Samen energie").first()
    if energy is not None:
        club_link(club=clubs["Zwemvereniging De Zeehond"], kind="practice", target=energy, user=pos)
    meeting = Meeting.objects.filter(scope="regional").order_by("starts_at").first()
    if meeting is not None:
        club_link(club=clubs["Hockeyclub De Wielewaal"], kind="meeting", target=meeting, user=pos)
    space = ExchangePost.objects.filter(title__startswith="200 m²").first()
    if space is not None:
        club_link(club=clubs["Tennisvereniging De Kwikstaart"], kind="post", target=space, user=pos)


def neighbour_of(office: Office) -> Office | None:
    """Another demo office in the same province as `office` (the first by name)."""
    provinces = office.municipalities.values("province")
    return (
        Office.objects.filter(is_demo=True, municipalities__province__in=provinces)
        .exclude(pk=office.pk)
        .order_by("name")
        .first()
    )


def regional_seed(*, offices: dict, clubs: dict) -> None:
    """Regional posts between office A and a neighbour office in its province.

    A opens its existing question on the new VAT rules to the region (its board keeps its
    story of one request, one offer, one question); the neighbour offers equipment to the
    region, which A's member answers on the board, asks for pool hours (linked to A's
    swimming club) and keeps one question to itself.
    """
    office_a = offices["A"]
    ExchangePost.objects.filter(office=office_a, kind="question").update(is_regional=True)
    neighbour = neighbour_of(office_a)
    if neighbour is None:
        return
    member = _user("member-a@demo.invalid")
    lead = _user(f"lead-{neighbour.slug}@demo.invalid")
    offer = exchange.post_create(
        office=neighbour,
        author=lead,
        kind="offer",
        topic="equipment",
        title="Mobiele padelbaan te leen voor sportdagen",
        body="Wij hebben een opvouwbare padelbaan. Uitlenen aan een kantoor in de provincie kan.",
        is_regional=True,
    )
    exchange.post_reply(
        post=offer, author=member, body="Mooi! Wij willen hem graag lenen voor onze sportdag."
    )
    pool = exchange.post_create(
        office=neighbour,
        author=lead,
        kind="request",
        topic="space",
        title="Zwembaduren gezocht voor zwemlessen aan kinderen",
        body="Twee uur per week op zaterdagochtend, vanaf september. Wie deelt zijn badwater?",
        is_regional=True,
    )
    club_link(club=clubs["Zwemvereniging De Zeehond"], kind="post", target=pool, user=lead)
    exchange.post_create(
        office=neighbour,
        author=lead,
        kind="question",
        topic="knowledge",
        title="Ervaringen met de subsidieaanvraag voor het sportakkoord?",
        body="Alleen voor ons eigen kantoor: wie heeft de aanvraag al eens gedaan?",
    )


def clubs_and_region_seed(*, offices: dict, pos) -> None:
    clubs = clubs_seed(offices=offices, pos=pos)
    links_seed(clubs, pos)
    regional_seed(offices=offices, clubs=clubs)
