"""Writes for the mouthpiece and the influence register; every rule about them lives here.

A position moves concept → open → sent → answered, and only forward: once sent, its text,
addressee and endorsements are what the recipient received, kept with the PDF. Sending without
a single endorsement is allowed, but only when the lead says so explicitly (`confirm_empty`):
an office that speaks without a counted voice should know it does.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.core.uploads import EXTENSIONS, check_upload
from kapstok.network.models import EventKind, Membership
from kapstok.network.services import office_event_record

from . import documents
from .models import (
    Achievement,
    Endorsement,
    NationalEndorsement,
    NationalPosition,
    NationalStatus,
    Outcome,
    Position,
    PositionStatus,
    Seat,
)

EDITABLE = (PositionStatus.CONCEPT,)
SENDABLE = (PositionStatus.CONCEPT, PositionStatus.OPEN)


def _check_addressee(position: Position) -> None:
    office = position.office
    if position.municipality_id and position.addressed_body_id:
        raise ValidationError(
            _("Kies één ontvanger: de gemeente of een orgaan, niet allebei."),
            code="two_addressees",
        )
    if not position.municipality_id and not position.addressed_body_id:
        raise ValidationError(
            {
                "municipality": _(
                    "Kies aan wie het standpunt gericht is: de gemeente, de sportraad of "
                    "het kernteam."
                )
            },
            code="no_addressee",
        )
    places = office.municipalities.all()
    if position.municipality_id and not places.filter(pk=position.municipality_id).exists():
        raise ValidationError({"municipality": _("Kies een gemeente van dit kantoor.")})
    if (
        position.addressed_body_id
        and not position.addressed_body.municipalities.filter(pk__in=places).exists()
    ):
        raise ValidationError(
            {"addressed_body": _("Kies een orgaan in de gemeente van dit kantoor.")}
        )


def position_save(*, position: Position, actor) -> Position:
    """Create or change a concept position; an addressee is required."""
    if position.pk and position.status not in EDITABLE:
        raise ValidationError(
            _("Dit standpunt is al opengesteld of verstuurd en kan niet meer worden gewijzigd.")
        )
    _check_addressee(position)
    if not position.pk:
        position.created_by = actor
    position.save()
    return position


def position_open(*, position: Position, actor) -> Position:
    """Open a concept for endorsement by the office's members."""
    if position.status != PositionStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden opengesteld voor steun."))
    position.status = PositionStatus.OPEN
    position.opened_at = timezone.now()
    position.save(update_fields=["status", "opened_at"])
    return position


def endorsing_entrepreneur(*, position: Position, entrepreneur_ids) -> int | None:
    """The entrepreneur (of the viewer's) who is a current member of the position's office."""
    return (
        Membership.objects.current()
        .filter(office_id=position.office_id, entrepreneur_id__in=entrepreneur_ids)
        .order_by("entrepreneur_id")
        .values_list("entrepreneur_id", flat=True)
        .first()
    )


def position_endorse(
    *, position: Position, entrepreneur_id: int, actor, show_name: bool
) -> Endorsement:
    """Back an open position; endorsing again only updates the consent to show the name."""
    if position.status != PositionStatus.OPEN:
        raise ValidationError(_("U kunt dit standpunt niet (meer) steunen: het is niet open."))
    if (
        not Membership.objects.current()
        .filter(office_id=position.office_id, entrepreneur_id=entrepreneur_id)
        .exists()
    ):
        raise ValidationError(_("Alleen leden van dit kantoor kunnen het standpunt steunen."))
    try:
        with transaction.atomic():
            endorsement, _created = Endorsement.objects.update_or_create(
                position=position,
                entrepreneur_id=entrepreneur_id,
                defaults={"show_name": show_name, "endorsed_by": actor},
            )
    except IntegrityError:  # a double click from two tabs: the first one counts
        endorsement = Endorsement.objects.get(position=position, entrepreneur_id=entrepreneur_id)
    return endorsement


def position_withdraw(*, position: Position, entrepreneur_id: int) -> None:
    """Withdraw an endorsement; possible until the position is sent."""
    if position.status != PositionStatus.OPEN:
        raise ValidationError(_("Het standpunt is al verstuurd; uw steun staat erin."))
    position.endorsements.filter(entrepreneur_id=entrepreneur_id).delete()


@transaction.atomic
def position_send(
    *, position: Position, recipient_email: str, actor, confirm_empty: bool = False
) -> Position:
    """Render the PDF with the counted voice, keep it, and mail it through the outbox."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.status not in SENDABLE:
        raise ValidationError(_("Dit standpunt is al verstuurd."))
    _check_addressee(position)
    if not recipient_email:
        raise ValidationError({"recipient_email": _("Vul het e-mailadres van de ontvanger in.")})
    summary = documents.endorsement_summary(position)
    if summary.count == 0 and not confirm_empty:
        raise ValidationError(
            _(
                "Nog geen enkel lid steunt dit standpunt. Verstuurt u het toch, dan staat er "
                "in de pdf dat het zonder steunbetuigingen is verstuurd. Vink aan dat u dat "
                "wilt, of stel het eerst open voor steun."
            ),
            code="no_endorsements",
        )
    now = timezone.now()
    position.status, position.sent_at, position.sent_by = PositionStatus.SENT, now, actor
    position.sent_to = recipient_email
    position.recipient_email = recipient_email
    position.endorsements_at_sending = summary.count
    content = documents.render_position_pdf(position, summary)
    position.pdf.save("standpunt.pdf", ContentFile(content), save=False)
    position.save()
    _mail(position, content)
    office_event_record(
        office=position.office,
        kind=EventKind.POSITION,
        summary=_("Standpunt verstuurd: %(title)s") % {"title": position.title},
        actor=actor,
        url=position.get_absolute_url(),
    )
    return position


def _mail(position: Position, content: bytes) -> None:
    subject = _("Standpunt van %(office)s: %(title)s") % {
        "office": position.office.name,
        "title": position.title,
    }
    body = _(
        'Geachte heer, mevrouw,\n\nBijgaand ontvangt u het standpunt "%(title)s" van '
        "%(office)s, gesteund door %(count)s aangesloten sportondernemers.\n\n"
        "Met vriendelijke groet,\n%(office)s"
    ) % {
        "title": position.title,
        "office": position.office.name,
        "count": position.endorsements_at_sending,
    }
    reply_to = [position.office.contact_email] if position.office.contact_email else []
    email = EmailMessage(subject, body, to=[position.sent_to], reply_to=reply_to)
    email.attach(documents.pdf_filename(position), content, "application/pdf")
    email.send()


def position_answer_record(
    *, position: Position, outcome: str, answered_on=None, answer: str = "", outcome_on=None
) -> Position:
    """Record the answer and the outcome; 'geen antwoord' keeps the position at 'verstuurd'."""
    if not position.is_sent:
        raise ValidationError(
            _("Een antwoord kan pas worden vastgelegd als het standpunt is verstuurd.")
        )
    sent_on = timezone.localtime(position.sent_at).date()
    if outcome != Outcome.NO_ANSWER and not answered_on:
        raise ValidationError({"answered_on": _("Vul in wanneer het antwoord binnenkwam.")})
    if answered_on and answered_on < sent_on:
        raise ValidationError(
            {"answered_on": _("Het antwoord kan niet eerder zijn dan het versturen.")}
        )
    if outcome_on and outcome_on < sent_on:
        raise ValidationError(
            {"outcome_on": _("De uitkomst kan niet eerder zijn dan het versturen.")}
        )
    position.outcome, position.answer = outcome, answer
    position.answered_on, position.outcome_on = answered_on, outcome_on
    position.status = (
        PositionStatus.SENT if outcome == Outcome.NO_ANSWER else PositionStatus.ANSWERED
    )
    position.save(update_fields=["outcome", "answer", "answered_on", "outcome_on", "status"])
    return position


def seat_save(*, seat: Seat) -> Seat:
    """A seat's kind follows its body; it cannot end before it starts."""
    if seat.body_id:
        seat.kind = seat.body.kind
    if not seat.kind:
        raise ValidationError({"kind": _("Kies een orgaan of de soort zetel.")})
    if seat.ended_on and seat.started_on and seat.ended_on < seat.started_on:
        raise ValidationError(
            {"ended_on": _("De einddatum ligt vóór de begindatum. Controleer beide datums.")}
        )
    seat.save()
    return seat


def achievement_save(*, achievement: Achievement, upload=None, actor=None) -> Achievement:
    """Save an outcome won; it needs evidence: a link, an uploaded document, or both."""
    if upload is not None:
        content_type = check_upload(upload)
        achievement.evidence_type = content_type
        achievement.evidence_name = upload.name[:200]
    elif not achievement.evidence_url and not achievement.evidence_file:
        raise ValidationError(
            _("Voeg bewijs toe: een link (bijvoorbeeld naar het raadsbesluit) of een document.")
        )
    if not achievement.pk:
        achievement.recorded_by = actor
    if upload is not None:
        extension = EXTENSIONS[achievement.evidence_type]
        achievement.evidence_file.save(f"bewijs.{extension}", upload, save=False)
    created = achievement.pk is None
    achievement.save()
    if created:
        office_event_record(
            office=achievement.office,
            kind=EventKind.OFFICE_UPDATED,
            summary=_("Resultaat behaald: %(title)s") % {"title": achievement.title},
            actor=actor,
        )
    return achievement


# --- POS-wide positions ---------------------------------------------------------------------
#
# A POS-wide position moves concept → open → closed → sent, only forward; POS may send it
# straight from open. While it is open (and its closing day not past), any business with a
# current membership of any office endorses it once, and may withdraw.


def _check_closes_on(position: NationalPosition, today) -> None:
    if position.closes_on and position.closes_on < today:
        raise ValidationError(
            {
                "closes_on": _(
                    "De sluitdatum ligt in het verleden. Kies vandaag of een latere datum, of "
                    "laat het veld leeg."
                )
            }
        )


def national_position_save(*, position: NationalPosition, actor) -> NationalPosition:
    """Create or change a concept; an open or later position keeps the text members backed."""
    if position.pk and position.status != NationalStatus.CONCEPT:
        raise ValidationError(
            _("Dit standpunt is al opengesteld en kan niet meer worden gewijzigd.")
        )
    _check_closes_on(position, timezone.localdate())
    if not position.pk:
        position.created_by = actor
    position.save()
    return position


def national_position_open(*, position: NationalPosition) -> NationalPosition:
    """Open a concept for endorsement by the members of every office."""
    if position.status != NationalStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden opengesteld voor steun."))
    _check_closes_on(position, timezone.localdate())
    position.status, position.opened_at = NationalStatus.OPEN, timezone.now()
    position.save(update_fields=["status", "opened_at"])
    return position


def national_position_close(*, position: NationalPosition) -> NationalPosition:
    """End the endorsement round: the counts stand from now on."""
    if position.status != NationalStatus.OPEN:
        raise ValidationError(_("Alleen een open standpunt kan worden gesloten."))
    position.status, position.closed_at = NationalStatus.CLOSED, timezone.now()
    position.save(update_fields=["status", "closed_at"])
    return position


def national_position_mark_sent(*, position: NationalPosition) -> NationalPosition:
    """Record that POS sent the position (the PDFs per municipality); it closes the round."""
    if position.status not in (NationalStatus.OPEN, NationalStatus.CLOSED):
        raise ValidationError(
            _("Alleen een open of gesloten standpunt kan als verstuurd worden gemarkeerd.")
        )
    now = timezone.now()
    position.closed_at = position.closed_at or now
    position.status, position.sent_at = NationalStatus.SENT, now
    position.save(update_fields=["status", "closed_at", "sent_at"])
    return position


def national_endorser_of(*, entrepreneur_ids) -> tuple[int, int] | None:
    """(business, office) of the first of these businesses with a current membership: the
    office the endorsement is counted for."""
    return (
        Membership.objects.current()
        .filter(entrepreneur_id__in=entrepreneur_ids)
        .order_by("entrepreneur_id", "joined_on", "pk")
        .values_list("entrepreneur_id", "office_id")
        .first()
    )


def _check_accepts(position: NationalPosition) -> None:
    if not position.accepts_endorsements():
        raise ValidationError(
            _("U kunt dit standpunt niet (meer) steunen of uw steun intrekken: het is niet open.")
        )


def national_endorse(
    *, position: NationalPosition, entrepreneur_id: int, actor, show_name: bool
) -> NationalEndorsement:
    """Back a POS-wide position once; a second time is refused and changes nothing."""
    _check_accepts(position)
    found = national_endorser_of(entrepreneur_ids=[entrepreneur_id])
    if found is None:
        raise ValidationError(
            _("Alleen ondernemers die nu lid zijn van een POS-kantoor kunnen dit steunen.")
        )
    already = _(
        "Uw bedrijf steunt dit standpunt al; het telt één keer mee. Wilt u uw keuze over de "
        "naam wijzigen, trek dan uw steun in en steun opnieuw."
    )
    if position.endorsements.filter(entrepreneur_id=entrepreneur_id).exists():
        raise ValidationError(already, code="already_endorsed")
    try:
        with transaction.atomic():
            return NationalEndorsement.objects.create(
                position=position,
                entrepreneur_id=entrepreneur_id,
                office_id=found[1],
                endorsed_by=actor,
                show_name=show_name,
            )
    except IntegrityError as twice:  # two tabs at once: the first one counts
        raise ValidationError(already, code="already_endorsed") from twice


def national_withdraw(*, position: NationalPosition, entrepreneur_id: int) -> None:
    """Withdraw an endorsement while the position is open."""
    _check_accepts(position)
    deleted, _rows = position.endorsements.filter(entrepreneur_id=entrepreneur_id).delete()
    if not deleted:
        raise ValidationError(_("Uw bedrijf steunt dit standpunt niet; er is niets ingetrokken."))
