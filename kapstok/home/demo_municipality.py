"""Demo data for the municipality portal and brokered messages (report ch. 2.1).

- Office B's municipality asked it, through the office, to become a vereniging so that it could
  commission the office (the report's kantoor B); the lead approved and the members received it.
- Office E received €600 once from its municipality's sportakkoord money (the report's kantoor E).
- Office A's municipality waits for the lead's approval of an invitation (log in as
  `lead-a@demo.invalid` to approve it; `gemeente-a@demo.invalid` sees it waiting).
- A few members of office A agreed to share their contact details with the municipality, and one
  member opted out of the municipality's messages.

Mail is not sent while seeding: the services get a dummy mail connection, so the deliveries are
recorded as they would be, without printing dozens of mails on the console.
"""

import datetime
import decimal

from django.core.mail import get_connection
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.messaging import services as messaging
from kapstok.messaging.models import OfficeMessage, SenderKind
from kapstok.municipality.models import Contribution, ContributionKind
from kapstok.network.models import Office, OfficeEvent
from kapstok.trust.consent import municipality_contact_set

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
B_ASKED_ON = datetime.datetime(2023, 9, 12, 10, 0, tzinfo=datetime.UTC)
B_APPROVED_ON = datetime.datetime(2023, 9, 13, 8, 30, tzinfo=datetime.UTC)
E_GIVEN_ON = datetime.date(2023, 10, 2)
B_GIVEN_ON = datetime.date(2024, 3, 1)
CONSENTING_MEMBERS = 3

B_SUBJECT = "Verzoek van de gemeente: wordt het kantoor een vereniging?"
B_BODY = (
    "Beste sportondernemers,\n\n"
    "De gemeente wil het POS-kantoor graag een opdracht geven: samen doelstellingen, "
    "strategieën en activiteiten uitwerken voor meer sportende inwoners. Een opdracht kunnen wij "
    "alleen geven aan een rechtspersoon. Daarom vragen wij het kantoor een vereniging te worden; "
    "de kosten van de notaris kunnen uit het sportakkoord worden betaald.\n\n"
    "Wij horen graag via de kartrekker wat u ervan vindt.\n\n"
    "Met sportieve groet,\nTeam Sport, gemeente (demo)"
)
A_SUBJECT = "Uitnodiging: inspraakavond over de nieuwe sportnota"
A_BODY = (
    "Beste sportondernemers,\n\n"
    "Op dinsdagavond bespreken wij de nieuwe sportnota, ook de subsidieregels voor "
    "sportaanbieders. Commerciële aanbieders zijn van harte welkom om mee te praten.\n\n"
    "Met sportieve groet,\nTeam Sport, gemeente (demo)"
)


def _civil_servant(email: str, name: str, municipality, password_hash: str):
    user = user_ensure(email=email, full_name=name)
    if not user.has_usable_password():
        user.password = password_hash
        user.save(update_fields=["password"])
    grant_role(user=user, role=Role.CIVIL_SERVANT, scope=municipality)
    return user


def _lead(office: Office):
    return office.grants.filter(role=Role.LEAD).select_related("user").first().user


def _backdate(message: OfficeMessage, *, written, decided) -> None:
    """The demo tells a story from 2023: move the message and its timeline lines there."""
    OfficeMessage.objects.filter(pk=message.pk).update(
        created_at=written, decided_at=decided, sent_at=decided
    )
    OfficeEvent.objects.filter(office=message.office, url=message.get_absolute_url()).update(
        occurred_at=decided
    )


def _office_b_asked_to_become_a_vereniging(office: Office, password_hash: str) -> None:
    municipality = office.municipalities.order_by("code").first()
    author = _civil_servant("gemeente-b@demo.invalid", "Bert Boonstra", municipality, password_hash)
    message = messaging.message_compose(
        office=office,
        viewer=viewer_for(author),
        author=author,
        subject=B_SUBJECT,
        body=B_BODY,
        now=B_ASKED_ON,
        connection=get_connection(DUMMY_MAIL),
    )
    message = messaging.message_approve(
        message=message, actor=_lead(office), connection=get_connection(DUMMY_MAIL)
    )
    _backdate(message, written=B_ASKED_ON, decided=B_APPROVED_ON)
    first_readers = list(message.deliveries.order_by("pk").values_list("pk", flat=True)[:5])
    message.deliveries.filter(pk__in=first_readers).update(read_at=B_APPROVED_ON)


def _office_e_received_600(office: Office) -> None:
    municipality = office.municipalities.order_by("code").first()
    if Contribution.objects.filter(office=office, amount=600).exists():
        return  # another part of the demo already tells it
    Contribution.objects.create(
        office=office,
        municipality=municipality,
        kind=ContributionKind.MONEY,
        given_on=E_GIVEN_ON,
        amount=decimal.Decimal("600"),
        purpose="Eenmalig uit het sportakkoord, voor de kartrekkers: meer aangesloten ondernemers",
        recorded_by=_lead(office),
    )


def _office_b_received_an_assignment(office: Office) -> None:
    """The report's kantoor B: the municipality gave money and an assignment (ch. 2.1)."""
    municipality = office.municipalities.order_by("code").first()
    given = (
        (ContributionKind.MONEY, decimal.Decimal("7500"), "Startbudget voor het kantoor"),
        (
            ContributionKind.COMMISSION,
            None,
            "Opdracht: een beweegaanbod voor ouderen in de wijken, met de aangesloten "
            "sportondernemers",
        ),
    )
    for kind, amount, purpose in given:
        Contribution.objects.get_or_create(
            office=office,
            municipality=municipality,
            kind=kind,
            given_on=B_GIVEN_ON,
            defaults={"amount": amount, "purpose": purpose, "recorded_by": _lead(office)},
        )


def _office_a_waits_for_approval(office: Office, today: datetime.date) -> None:
    author = (
        office.municipalities.order_by("code")
        .first()
        .grants.filter(role=Role.CIVIL_SERVANT)
        .select_related("user")
        .first()
    )
    if author is None:
        return
    written = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=2), datetime.time(9, 15))
    )
    messaging.message_compose(
        office=office,
        viewer=viewer_for(author.user),
        author=author.user,
        subject=A_SUBJECT,
        body=A_BODY,
        now=written,
        connection=get_connection(DUMMY_MAIL),
    )


def _office_a_members_choose(office: Office) -> None:
    memberships = list(office.memberships.current().order_by("joined_on", "pk"))
    for membership in memberships[:CONSENTING_MEMBERS]:
        _member_consents(membership, office)
    if len(memberships) > CONSENTING_MEMBERS:
        messaging.opt_out_set(
            entrepreneur=memberships[CONSENTING_MEMBERS].entrepreneur,
            office=office,
            sender_kind=SenderKind.MUNICIPALITY,
            opted_out=True,
        )


def _member_consents(membership, office: Office) -> None:
    """The (fictitious) business itself says yes for each municipality of its office, from its
    own account where it has one: consent is never given on a member's behalf."""
    from kapstok.accounts.models import Role, User

    account = User.objects.filter(
        grants__role=Role.MEMBER, grants__entrepreneur=membership.entrepreneur
    ).first()
    for municipality in office.municipalities.all():
        municipality_contact_set(
            entrepreneur=membership.entrepreneur,
            municipality=municipality,
            given=True,
            user=account,
            source="demo: door de ondernemer zelf",
        )


def municipality_seed(*, offices: dict, today: datetime.date, password_hash: str) -> None:
    """Offices by letter (A–E); runs after the demo people exist (gemeente-a, the leads)."""
    _office_b_asked_to_become_a_vereniging(offices["B"], password_hash)
    _office_e_received_600(offices["E"])
    _office_b_received_an_assignment(offices["B"])
    _office_a_members_choose(offices["A"])
    _office_a_waits_for_approval(offices["A"], today)
