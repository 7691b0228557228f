"""Demo data for the mouthpiece, the influence register and the role agreements.

Modelled on the report: office C was founded to get a voice in the sport council and has one
delegate there since (2.2); entrepreneurs won subsidy rules opened to them (2.2); after founding
the roles blurred and should be made explicit (5.2). So: C holds a sport council seat and sent
a position on the subsidy rules, endorsed by members and partly adopted; each of the five report
offices has an agreed role agreement; office A has a new round in progress where the office and
the municipality see the strategy differently. All fictitious, like the rest of the demo.

The sent position is built directly (PDF rendered and stored, no email): a demo seed must not
mail a fictitious municipality.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.agreements import services as agreements
from kapstok.agreements.models import RoleAgreement
from kapstok.influence import documents
from kapstok.influence.models import (
    Achievement,
    Endorsement,
    Outcome,
    Position,
    PositionStatus,
    Seat,
)
from kapstok.network.models import Body, BodyKind

DECIDES, SUPPORTS = "decides", "supports"
# Who sits for each report office in its sportakkoord core team, and since when; D's seat ended
# when the office stalled. All five sought influence in the sportakkoord (report ch. 2.2).
CORE_TEAM_SEATS = {
    "A": (datetime.date(2023, 9, 1), None),
    "B": (datetime.date(2024, 2, 1), None),
    "C": (datetime.date(2023, 10, 2), None),
    "D": (datetime.date(2023, 9, 18), datetime.date(2024, 9, 30)),
    "E": (datetime.date(2023, 11, 6), None),
}
POSITION_TEXT = (
    "De subsidieregeling 'Sport en bewegen in de wijk' staat alleen open voor verenigingen en "
    "stichtingen. Sportondernemers in Roosendaal organiseren een groot deel van het sport- en "
    "beweegaanbod, ook voor ouderen en kinderen met weinig geld. Wij vragen de gemeente de "
    "regeling open te stellen voor sportondernemers die aantoonbaar aan de doelen van het lokale "
    "sportakkoord bijdragen, met dezelfde voorwaarden als voor verenigingen."
)
# Per office, the cells where its agreement departs from the report's template (by task name).
VARIATIONS = {
    "B": {("Strategie en doelen bepalen", "municipality"): "supports"},
    "E": {("Zichtbaarheid en werving van leden", "municipality"): "executes"},
}


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _user(role, **scope):
    grant = RoleGrant.objects.filter(role=role, **scope).select_related("user").first()
    return grant.user if grant else None


def office_c_seed(office, today: datetime.date) -> None:
    """C's sport council seat, the position on the subsidy rules, and what it achieved."""
    council = Body.objects.filter(
        kind=BodyKind.SPORT_COUNCIL, municipalities__in=office.municipalities.all()
    ).first()
    Seat.objects.create(
        office=office, kind=BodyKind.SPORT_COUNCIL, body=council, public=True,
        person=office.contact_name or "Afgevaardigde van het kantoor",
        started_on=office.founded_on + datetime.timedelta(days=60),
    )  # fmt: skip
    lead = _user(Role.LEAD, office=office)
    sent_on = datetime.date(2024, 11, 12)
    position = Position.objects.create(
        office=office, title="Stel de subsidieregeling sport en bewegen open voor ondernemers",
        body=POSITION_TEXT, municipality=office.municipalities.order_by("code").first(),
        recipient_email="sportbeleid@gemeente.demo.invalid", created_by=lead,
        created_at=_at(datetime.date(2024, 10, 1)), opened_at=_at(datetime.date(2024, 10, 3)),
    )  # fmt: skip
    members = [m.entrepreneur for m in office.memberships.current().select_related("entrepreneur")]
    Endorsement.objects.bulk_create(
        Endorsement(position=position, entrepreneur=e, show_name=i % 3 == 0, created_at=_at(
            datetime.date(2024, 10, 4 + i % 20)))
        for i, e in enumerate(members[:17])
    )  # fmt: skip
    summary = documents.endorsement_summary(position)
    position.status, position.sent_at, position.sent_by = (
        PositionStatus.ANSWERED,
        _at(sent_on),
        lead,
    )
    position.sent_to, position.endorsements_at_sending = position.recipient_email, summary.count
    position.pdf.save(
        "standpunt.pdf",
        ContentFile(documents.render_position_pdf(position, summary)),
        save=False,
    )
    position.answered_on, position.outcome_on = (
        datetime.date(2025, 1, 20),
        datetime.date(2025, 3, 4),
    )
    position.outcome = Outcome.PARTLY
    position.answer = (
        "Het college neemt het voorstel deels over: vanaf 2025 kunnen sportondernemers "
        "subsidie aanvragen voor activiteiten in de wijk; voor accommodaties blijft de "
        "regeling voorbehouden aan verenigingen."
    )
    position.save()
    Achievement.objects.create(
        office=office, title="Subsidieregeling sport en bewegen opengesteld voor ondernemers",
        achieved_on=datetime.date(2025, 3, 4), position=position, public=True,
        description="Na het standpunt van het kantoor, gesteund door "
        f"{summary.count} ondernemers; deels overgenomen.",
        evidence_url="https://raadsinformatie.demo.invalid/besluit-subsidieregeling-2025",
    )  # fmt: skip


def _parties(office) -> dict:
    """Who speaks for each party of this office's agreement (None where the demo has nobody)."""
    return {
        "pos": _user(Role.POS_STAFF),
        "office": _user(Role.LEAD, office=office),
        "municipality": _user(Role.CIVIL_SERVANT, municipality__in=office.municipalities.all()),
        "partner": _user(Role.PARTNER_STAFF, partner__in=office.partners.all()),
    }


def _cells(agreement: RoleAgreement, changes: dict) -> dict:
    cells = agreements.starting_cells(agreement)
    names = {task.name: str(task.pk) for task in agreement.tasks.all()}
    for (task, party), value in changes.items():
        if party in agreement.parties:
            cells[names[task]][party] = value
    return cells


def municipality_view(cells: dict) -> dict:
    """The municipality's own view: where the matrix has it decide, it says it supports.

    The report (2.1, 5.2): municipalities see a facilitating, connecting role for themselves,
    no directing one; they accept the agreed matrix, but their own view says so."""
    return {
        task: {
            party: SUPPORTS if party == "municipality" and value == DECIDES else value
            for party, value in row.items()
        }
        for task, row in cells.items()
    }


def agreement_seed(office, letter: str, agreed_on: datetime.date) -> None:
    """An agreed version 1: each party's view (the template, with this office's changes),
    proposed by the lead and confirmed by every party."""
    people = _parties(office)
    agreement = agreements.agreement_start(office=office, actor=people["office"])
    cells = _cells(agreement, VARIATIONS.get(letter, {}))
    for party in agreement.parties:
        view = municipality_view(cells) if party == "municipality" else cells
        agreements.view_submit(agreement=agreement, party=party, cells=view, actor=people[party])
    agreements.agreement_propose(agreement=agreement, cells=cells, actor=people["office"])
    for party in agreement.parties:
        agreements.agreement_acknowledge(agreement=agreement, party=party, actor=people[party])
    moment = _at(agreed_on)
    RoleAgreement.objects.filter(pk=agreement.pk).update(
        created_at=moment - datetime.timedelta(days=21), proposed_at=moment, agreed_at=moment
    )
    agreement.acknowledgements.update(acknowledged_at=moment)
    agreement.views.update(submitted_at=moment - datetime.timedelta(days=14))


def open_round_seed(office) -> None:
    """A second round in progress: the office and the municipality see their roles differently.

    As in the report (2.1, 5.1), the municipality sees no directing role for itself: where the
    office's view (the template) has the municipality decide on money and on the link with the
    sports clubs, the municipality's own view says it supports, and it offers to carry out part
    of the visibility. It never claims the office's strategy."""
    people = _parties(office)
    agreement = agreements.agreement_start(office=office, actor=people["office"])
    agreements.view_submit(
        agreement=agreement, party="office", cells=_cells(agreement, {}), actor=people["office"]
    )
    municipality_view = _cells(
        agreement,
        {
            ("Financieren", "municipality"): "supports",
            ("Verbinden met sportverenigingen", "municipality"): "supports",
            ("Zichtbaarheid en werving van leden", "municipality"): "executes",
        },
    )
    agreements.view_submit(
        agreement=agreement, party="municipality", cells=municipality_view,
        actor=people["municipality"],
    )  # fmt: skip


def sportakkoord_seats_seed(offices: dict) -> None:
    """A seat in the sportakkoord core team of each report office's municipality."""
    for letter, (started_on, ended_on) in CORE_TEAM_SEATS.items():
        office = offices[letter]
        team = Body.objects.filter(
            kind=BodyKind.CORE_TEAM, municipalities__in=office.municipalities.all()
        ).first()
        Seat.objects.create(
            office=office, kind=BodyKind.CORE_TEAM, body=team, public=True,
            person=office.contact_name or "Afgevaardigde van het kantoor",
            started_on=started_on, ended_on=ended_on,
        )  # fmt: skip


def influence_seed(*, offices: dict, today: datetime.date, others: list | None = None) -> None:
    """Called from `demo_seed` after the offices, bodies and people exist.

    Every office gets an agreed role agreement (the issue's "each office has one"): the five
    report offices with their own variations, the others with the template as agreed. Where
    the demo has no person for a party, its confirmation is recorded without a name, as when
    it was agreed in a meeting and entered afterwards.
    """
    office_c_seed(offices["C"], today)
    sportakkoord_seats_seed(offices)
    for i, letter in enumerate("ABCDE"):
        agreement_seed(offices[letter], letter, datetime.date(2024, 9, 2 + i * 7))
    report_offices = {office.pk for office in offices.values()}
    rest = [office for office in others or [] if office.pk not in report_offices]
    for i, office in enumerate(rest):
        agreement_seed(office, "", datetime.date(2024, 10, 1) + datetime.timedelta(days=9 * i))
    open_round_seed(offices["A"])
