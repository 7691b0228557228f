"""Demo data for the two-way contact between municipality and members (report 2.1, 5.1: the
municipality as the connector of "uiteenlopende hulpvragen").

Calls from the municipality, each through one of the offices A–E:
- E: "Sportdag voor ouderen", shared by lead-e, open for three more weeks; six members take
  part, three of them let the municipality see their name and contact details.
- A: "Beweegaanbod in de wijk", shared, open for ten more days; four members take part, two
  with their name; member-a has not answered yet (it is on their start page).
- B: "Gezonde schoolpleinen", past its deadline: closed, with the answers it got in time.
- C: "Meedenken over de nieuwe sportnota", waiting for C's lead.
- D: "Zwemles voor nieuwkomers", declined by D's lead, with the reason the municipality reads.

Members' questions routed by the office: A's lead has one to forward or decline (lead-a's
start page); member-a's earlier question was forwarded and answered (member-a reads the
answer); B's municipality has one to answer, whose asker agreed to be known (gemeente-b's start
page); C's lead declined one, with the reason; E's was answered.

Everything goes through the services with the dates of the story; mail goes to a dummy
connection. Civil servants of C, D and E get demo accounts (gemeente-c/-d/-e@demo.invalid).
"""

import datetime

from django.core.mail import get_connection
from django.utils import timezone

from kapstok.accounts.access import Viewer, viewer_for
from kapstok.accounts.models import Role, User
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.municall import services
from kapstok.municall.models import Call, Question
from kapstok.network.models import Office

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"

CIVIL_SERVANTS = {
    "A": ("gemeente-a@demo.invalid", "Gerrit Gemert"),
    "B": ("gemeente-b@demo.invalid", "Bert Boonstra"),
    "C": ("gemeente-c@demo.invalid", "Carla Claassen"),
    "D": ("gemeente-d@demo.invalid", "Dirk Dijkstra"),
    "E": ("gemeente-e@demo.invalid", "Eline Evers"),
}

REPLIES = (
    ("Wij geven een stoelyogales van een half uur.", True),
    ("Ik kan twee trainers leveren voor een valpreventie-circuit.", False),
    ("Graag: wij nemen de warming-up voor onze rekening.", True),
    ("Wij doen mee met een kennismakingsles wandelvoetbal.", False),
    ("Een balansparcours met onze fysiotherapeut.", True),
    ("Wij zorgen voor muziek en een dansles.", False),
)


def _mail():
    return get_connection(DUMMY_MAIL)


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _civil_servant(office: Office, letter: str, password_hash: str) -> User:
    """The office's municipality's civil servant: the README's logins for A and B, new
    demo accounts for C–E."""
    municipality = office.municipalities.order_by("code").first()
    grant = (
        municipality.grants.filter(role=Role.CIVIL_SERVANT, user__email__endswith="@demo.invalid")
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    if grant is not None:
        return grant.user
    email, name = CIVIL_SERVANTS[letter]
    user = user_ensure(email=email, full_name=name)
    if not user.has_usable_password():
        user.password = password_hash
        user.save(update_fields=["password"])
    grant_role(user=user, role=Role.CIVIL_SERVANT, scope=municipality)
    return user


def _lead(office: Office) -> User:
    return office.grants.filter(role=Role.LEAD).select_related("user").first().user


def _members(office: Office) -> list:
    memberships = office.memberships.current().select_related("entrepreneur")
    return [m.entrepreneur for m in memberships.order_by("joined_on", "pk")]


def _as_member(office: Office, entrepreneur) -> Viewer:
    """How a member without a demo account would be seen when answering for their business."""
    return Viewer(
        member_office_ids=frozenset({office.pk}), entrepreneur_ids=frozenset({entrepreneur.pk})
    )


def _call(office, author, *, title, text, ask, written, deadline) -> Call:
    call = services.call_create(
        office=office,
        viewer=viewer_for(author),
        author=author,
        title=title,
        text=text,
        ask=ask,
        deadline=deadline,
        today=written,
        connection=_mail(),
    )
    Call.objects.filter(pk=call.pk).update(created_at=_moment(written, 9))
    call.refresh_from_db()
    return call


def _share(call: Call, office: Office, on: datetime.date) -> Call:
    call = services.call_approve(call=call, actor=_lead(office), connection=_mail())
    Call.objects.filter(pk=call.pk).update(decided_at=_moment(on, 11))
    return call


def _answers(call: Call, office: Office, members: list, on: datetime.date) -> None:
    for number, (entrepreneur, (reply, shares)) in enumerate(zip(members, REPLIES, strict=False)):
        answer = services.answer_create(
            call=call,
            viewer=_as_member(office, entrepreneur),
            person=None,
            reply=reply,
            shares_contact=shares,
            today=on,
        )
        answer.answered_at = _moment(on, 12 + number)
        answer.save(update_fields=["answered_at"])


def _calls(offices: dict, today: datetime.date, servants: dict) -> None:
    e_written = today - datetime.timedelta(days=9)
    e_call = _call(
        offices["E"],
        servants["E"],
        title="Sportdag voor ouderen",
        text="Op de sportdag in het najaar maken ouderen uit alle wijken kennis met bewegen bij "
        "de sportondernemers in hun buurt. Wij zoeken aanbieders die een onderdeel verzorgen.",
        ask="Een onderdeel van een half uur op de sportdag verzorgen",
        written=e_written,
        deadline=today + datetime.timedelta(days=21),
    )
    e_call = _share(e_call, offices["E"], e_written + datetime.timedelta(days=1))
    _answers(
        e_call, offices["E"], _members(offices["E"])[:6], e_written + datetime.timedelta(days=2)
    )

    a_written = today - datetime.timedelta(days=5)
    a_call = _call(
        offices["A"],
        servants["A"],
        title="Beweegaanbod in de wijk",
        text="In drie wijken beweegt minder dan de helft van de inwoners genoeg. Wij willen daar "
        "samen met de sportondernemers een laagdrempelig beweegaanbod opzetten.",
        ask="Een proefles of kennismakingsaanbod in een van de drie wijken",
        written=a_written,
        deadline=today + datetime.timedelta(days=10),
    )
    a_call = _share(a_call, offices["A"], a_written + datetime.timedelta(days=1))
    _answers(
        a_call, offices["A"], _members(offices["A"])[1:5], a_written + datetime.timedelta(days=2)
    )

    b_written = today - datetime.timedelta(days=60)
    b_call = _call(
        offices["B"],
        servants["B"],
        title="Gezonde schoolpleinen",
        text="Basisscholen vergroenen hun schoolpleinen. Wij zoeken ondernemers die een "
        "beweegprogramma voor de pauzes willen helpen bedenken.",
        ask="Meedenken in twee bijeenkomsten met scholen",
        written=b_written,
        deadline=today - datetime.timedelta(days=30),
    )
    b_call = _share(b_call, offices["B"], b_written + datetime.timedelta(days=2))
    _answers(
        b_call, offices["B"], _members(offices["B"])[:3], b_written + datetime.timedelta(days=5)
    )

    _call(
        offices["C"],
        servants["C"],
        title="Meedenken over de nieuwe sportnota",
        text="De gemeente schrijft een nieuwe sportnota en wil weten wat commerciële "
        "sportaanbieders nodig hebben.",
        ask="Een avond meepraten over de sportnota",
        written=today - datetime.timedelta(days=2),
        deadline=today + datetime.timedelta(days=28),
    )

    d_call = _call(
        offices["D"],
        servants["D"],
        title="Zwemles voor nieuwkomers",
        text="Wij zoeken aanbieders die zwemles willen geven aan volwassen nieuwkomers.",
        ask="Zwemles in kleine groepen",
        written=today - datetime.timedelta(days=20),
        deadline=today + datetime.timedelta(days=5),
    )
    services.call_reject(
        call=d_call,
        actor=_lead(offices["D"]),
        reason="Geen van onze leden heeft een zwembad; wij verwijzen u naar de zwembaden zelf.",
    )


def _question(office, entrepreneur, *, asker=None, subject, text, shares, written) -> Question:
    viewer = viewer_for(asker) if asker else _as_member(office, entrepreneur)
    question = services.question_ask(
        office=office,
        viewer=viewer,
        asker=asker,
        entrepreneur=entrepreneur,
        subject=subject,
        text=text,
        shares_identity=shares,
        connection=_mail(),
    )
    Question.objects.filter(pk=question.pk).update(created_at=_moment(written, 8))
    return question


def _forward(question, office, municipality, *, subject, text, on):
    question = services.question_forward(
        question=question,
        actor=_lead(office),
        subject=subject,
        text=text,
        municipality=municipality,
        connection=_mail(),
    )
    Question.objects.filter(pk=question.pk).update(routed_at=_moment(on, 9))
    return question


def _questions(offices: dict, today: datetime.date, servants: dict, member_a) -> None:
    a, b, c, e = offices["A"], offices["B"], offices["C"], offices["E"]
    account = User.objects.filter(grants__role=Role.MEMBER, grants__entrepreneur=member_a).first()
    asked = _question(
        a,
        member_a,
        asker=account,
        subject="Lesgeven in het park",
        text="Mag ik in de zomer buiten bootcamplessen geven in het stadspark? Wat kost dat?",
        shares=True,
        written=today - datetime.timedelta(days=20),
    )
    asked = _forward(
        asked,
        a,
        a.municipalities.order_by("code").first(),
        subject="Sportlessen in het stadspark",
        text="Welke regels en kosten gelden voor commerciële sportlessen in het stadspark?",
        on=today - datetime.timedelta(days=19),
    )
    services.question_answer(
        question=asked,
        actor=servants["A"],
        answer="Voor lessen tot 15 deelnemers is geen vergunning nodig; meld ze wel bij de "
        "wijkbeheerder. Grotere groepen vragen een evenementenvergunning aan.",
        connection=_mail(),
    )
    _question(
        a,
        _members(a)[5],
        subject="Subsidie voor aangepast sporten",
        text="Komt er een regeling voor ondernemers die aangepast sporten aanbieden?",
        shares=False,
        written=today - datetime.timedelta(days=3),
    )

    b_question = _question(
        b,
        _members(b)[1],
        subject="Huur van de gymzaal",
        text="Kunnen ondernemers 's avonds de gymzaal van de basisschool huren?",
        shares=True,
        written=today - datetime.timedelta(days=8),
    )
    _forward(
        b_question,
        b,
        b.municipalities.order_by("code").first(),
        subject="Avondverhuur van gymzalen aan sportondernemers",
        text="Kunnen sportondernemers 's avonds gymzalen van basisscholen huren, en tegen welk "
        "tarief?",
        on=today - datetime.timedelta(days=7),
    )

    c_question = _question(
        c,
        _members(c)[0],
        subject="Parkeren bij mijn studio",
        text="Mijn klanten kunnen niet parkeren. Kan de gemeente iets doen?",
        shares=False,
        written=today - datetime.timedelta(days=12),
    )
    services.question_decline(
        question=c_question,
        actor=_lead(c),
        reason="Dit is een vraag voor één bedrijf; die kunt u het beste zelf bij het "
        "Omgevingsloket stellen. Wij helpen u graag met de formulering.",
        connection=_mail(),
    )

    e_question = _question(
        e,
        _members(e)[2],
        subject="Sportakkoord: wie beslist?",
        text="Wie beslist over de besteding van het geld uit het sportakkoord?",
        shares=False,
        written=today - datetime.timedelta(days=40),
    )
    e_question = _forward(
        e_question,
        e,
        e.municipalities.order_by("code").first(),
        subject="Besluitvorming over het sportakkoord",
        text="Wie beslist over de besteding van het geld uit het sportakkoord, en hoe kunnen "
        "sportondernemers meepraten?",
        on=today - datetime.timedelta(days=39),
    )
    services.question_answer(
        question=e_question,
        actor=servants["E"],
        answer="De sportformateur en de kerngroep van het sportakkoord besluiten; het POS-kantoor "
        "heeft een zetel in de kerngroep.",
        connection=_mail(),
    )


def municall_seed(*, offices: dict, today: datetime.date, member_a, password_hash: str) -> None:
    """Offices by letter (A–E); runs after `municipality_seed` (gemeente-b exists then)."""
    servants = {
        letter: _civil_servant(office, letter, password_hash) for letter, office in offices.items()
    }
    _calls(offices, today, servants)
    _questions(offices, today, servants, member_a)
