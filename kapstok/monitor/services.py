"""Writes of the monitor: templates, the questionnaire builder, waves, answering, closing.

Every rule with a Dutch message raises `ValidationError`; views show it at the form.
- A questionnaire that a wave has sent (open or closed) is locked: answers must keep meaning
  what the question said. Templates are locked too; change either by copying it.
- A wave sends copies of templates, never the template itself, so re-seeding a template can
  never change a question somebody already answered.
- Starting a wave without anybody to invite is refused with the reason.
- Closing a wave stores one `Snapshot` per office (`selectors.office_indicators`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.core.links import absolute_url
from kapstok.trust.audit import audit_record
from kapstok.trust.models import AuditAction

from . import selectors
from .answers import Parsed, is_shown, parse_answer
from .models import (
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Snapshot,
    Wave,
    WaveQuestionnaire,
    WaveStatus,
)
from .templates_data import TEMPLATES

REMINDER_INTERVAL = datetime.timedelta(days=7)
MANUAL_REMINDER_PAUSE = datetime.timedelta(hours=20)
MAX_REMINDERS = 3


# --- templates -----------------------------------------------------------------------------


def _template_rows(spec: dict) -> list[dict]:
    rows = []
    for section, questions in spec["sections"]:
        for question in questions:
            rows.append({"section": section, **question})
    return rows


def _same_questions(questionnaire: Questionnaire, rows: list[dict]) -> bool:
    current = list(questionnaire.questions.values_list("section", "text", "kind", "required"))
    wanted = [(r["section"], r["text"], r["kind"], r.get("required", False)) for r in rows]
    return current == wanted


@transaction.atomic
def templates_ensure() -> list[Questionnaire]:
    """Create or refresh the three templates from `templates_data` (idempotent).

    A template is never sent itself (waves send copies), so refreshing its questions in place
    cannot touch an answer.
    """
    templates = []
    for key, spec in TEMPLATES.items():
        template, _created = Questionnaire.objects.update_or_create(
            template_key=key,
            is_template=True,
            defaults={
                "title": spec["title"],
                "audience": spec["audience"],
                "description": spec["description"],
            },
        )
        rows = _template_rows(spec)
        if not _same_questions(template, rows):
            template.questions.all().delete()
            _questions_create(template, rows)
        templates.append(template)
    return templates


def _questions_create(questionnaire: Questionnaire, rows: list[dict]) -> None:
    by_key = {}
    for order, row in enumerate(rows, start=1):
        row = dict(row)
        key, show_if = row.pop("key", None), row.pop("show_if", None)
        question = Question(questionnaire=questionnaire, order=order * 10, **row)
        if show_if:
            question.show_if_question = by_key[show_if["key"]]
            question.show_if_values = show_if["values"]
        question.save()
        if key:
            by_key[key] = question


# --- the builder ---------------------------------------------------------------------------


def is_locked(questionnaire: Questionnaire) -> bool:
    """Templates and questionnaires a wave has sent cannot change (copy them instead)."""
    if questionnaire.is_template:
        return True
    return questionnaire.wave_links.exclude(wave__status=WaveStatus.DRAFT).exists()


def _require_unlocked(questionnaire: Questionnaire) -> None:
    if is_locked(questionnaire):
        raise ValidationError(
            _(
                "Deze vragenlijst is al verstuurd of is een sjabloon en kan niet meer "
                "veranderen. Maak een kopie om hem aan te passen."
            )
        )


def questionnaire_save(*, questionnaire: Questionnaire, actor) -> Questionnaire:
    if questionnaire.pk:
        _require_unlocked(questionnaire)
    else:
        questionnaire.created_by = actor
    questionnaire.is_template = False
    questionnaire.template_key = ""
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, source: Questionnaire, actor, title: str = "") -> Questionnaire:
    """A new, editable questionnaire with the same questions (skip logic included).

    A copy of a template starts at version 1; a copy of an own questionnaire is its next
    version, so answers of different years can be told apart.
    """
    version = 1 if source.is_template else source.version + 1
    copy = Questionnaire.objects.create(
        title=title or source.title,
        audience=source.audience,
        description=source.description,
        version=version,
        copied_from=source,
        created_by=actor,
    )
    mapping = {}
    originals = list(source.questions.order_by("order", "pk"))
    for original in originals:
        mapping[original.pk] = Question.objects.create(
            **{f: getattr(original, f) for f in _COPIED_FIELDS},
            questionnaire=copy,
            show_if_values=list(original.show_if_values),
        )
    for original in originals:
        if original.show_if_question_id in mapping:
            clone = mapping[original.pk]
            clone.show_if_question = mapping[original.show_if_question_id]
            clone.save(update_fields=["show_if_question"])
    return copy


_COPIED_FIELDS = (
    "order",
    "section",
    "text",
    "help_text",
    "kind",
    "required",
    "choices",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "max_length",
)


def _check_question(question: Question) -> None:
    errors = {}
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(question.choices) < 2:
            errors["choices"] = _("Geef minstens twee antwoordmogelijkheden, één per regel.")
        elif len(set(question.choices)) != len(question.choices):
            errors["choices"] = _("Elke antwoordmogelijkheid mag maar één keer voorkomen.")
    else:
        question.choices = []
    if question.kind == QuestionKind.SCALE and question.scale_min >= question.scale_max:
        errors["scale_max"] = _("De hoogste waarde van de schaal moet boven de laagste liggen.")
    errors.update(_check_skip(question))
    if errors:
        raise ValidationError(errors)


def _check_skip(question: Question) -> dict:
    condition = question.show_if_question
    if condition is None:
        question.show_if_values = []
        return {}
    if condition.questionnaire_id != question.questionnaire_id or condition.pk == question.pk:
        return {"show_if_question": _("Kies een andere vraag uit deze vragenlijst.")}
    if condition.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return {"show_if_question": _("Een voorwaarde kan alleen op een keuzevraag.")}
    if question.pk and condition.order >= question.order:
        return {"show_if_question": _("De voorwaarde moet een eerdere vraag zijn.")}
    if not question.show_if_values or any(
        v not in condition.choices for v in question.show_if_values
    ):
        return {"show_if_values": _("Kies een of meer antwoorden van die vraag.")}
    return {}


@transaction.atomic
def question_save(*, question: Question) -> Question:
    """Add or change a question; a new one goes to the end of the questionnaire."""
    _require_unlocked(question.questionnaire)
    if not question.pk:
        last = question.questionnaire.questions.aggregate(m=Max("order"))["m"] or 0
        question.order = last + 10
    _check_question(question)
    question.full_clean(exclude=["questionnaire"])
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _require_unlocked(question.questionnaire)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour; renumbers the whole list to keep gaps clean."""
    _require_unlocked(question.questionnaire)
    questions = list(question.questionnaire.questions.order_by("order", "pk"))
    index = questions.index(question)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    positions = {item.pk: position for position, item in enumerate(questions)}
    for item in questions:
        condition = item.show_if_question_id
        if condition in positions and positions[condition] >= positions[item.pk]:
            raise ValidationError(
                _("Een vraag met een voorwaarde moet na de vraag komen waar die op let.")
            )
    for position, item in enumerate(questions, start=1):
        item.order = position * 10
    Question.objects.bulk_update(questions, ["order"])


# --- waves ---------------------------------------------------------------------------------


def recipients_for(office_ids, audiences) -> list[tuple[int, str, object]]:
    """(office id, audience, user) for everyone a wave should invite, from their role grants.

    Leads come from their office's grant; the municipality audience is the civil servants and
    aldermen of the office's municipalities plus the staff of a sport service organisation
    assigned to the office; facilitators are the staff of the other partners assigned to it.
    Inactive accounts are left out. A fixed number of queries whatever the number of offices.
    """
    from kapstok.accounts.models import Role, RoleGrant
    from kapstok.network.models import Office, Partner, PartnerKind

    office_ids, audiences = set(office_ids), set(audiences)
    grants = RoleGrant.objects.current().filter(user__is_active=True).select_related("user")
    found = []
    if Audience.LEAD in audiences:
        for grant in grants.filter(role=Role.LEAD, office_id__in=office_ids):
            found.append((grant.office_id, Audience.LEAD, grant.user))
    towns = Office.municipalities.through.objects.filter(office_id__in=office_ids)
    offices_of_town = {}
    for office_id, town_id in towns.values_list("office_id", "municipality_id"):
        offices_of_town.setdefault(town_id, []).append(office_id)
    links = Partner.offices.through.objects.filter(office_id__in=office_ids)
    offices_of_partner = {}
    for office_id, partner_id, kind in links.values_list(
        "office_id", "partner_id", "partner__kind"
    ):
        audience = (
            Audience.MUNICIPALITY if kind == PartnerKind.SPORT_SERVICE else Audience.FACILITATOR
        )
        offices_of_partner.setdefault(partner_id, []).append((office_id, audience))
    if Audience.MUNICIPALITY in audiences:
        civil = grants.filter(
            role__in=[Role.CIVIL_SERVANT, Role.ALDERMAN], municipality_id__in=offices_of_town
        )
        for grant in civil:
            for office_id in offices_of_town[grant.municipality_id]:
                found.append((office_id, Audience.MUNICIPALITY, grant.user))
    for grant in grants.filter(role=Role.PARTNER_STAFF, partner_id__in=offices_of_partner):
        for office_id, audience in offices_of_partner[grant.partner_id]:
            if audience in audiences:
                found.append((office_id, audience, grant.user))
    unique = {(office_id, audience, user.pk): user for office_id, audience, user in found}
    return [(o, a, user) for (o, a, _pk), user in sorted(unique.items(), key=lambda i: i[0])]


def _check_wave(wave: Wave, office_ids, questionnaires: dict, today) -> None:
    errors = {}
    if not office_ids:
        errors["offices"] = _("Kies minstens één kantoor.")
    if not questionnaires:
        errors["questionnaires"] = _("Kies voor minstens één doelgroep een vragenlijst.")
    for audience, questionnaire in questionnaires.items():
        if questionnaire.audience != audience:
            errors["questionnaires"] = _("Elke vragenlijst moet bij zijn doelgroep passen.")
        elif not questionnaire.questions.exists():
            errors["questionnaires"] = _("Vragenlijst “%(title)s” heeft nog geen vragen.") % {
                "title": questionnaire.title
            }
    if wave.closes_on and wave.opens_on and wave.closes_on < wave.opens_on:
        errors["closes_on"] = _("De sluitingsdatum moet op of na de startdatum liggen.")
    elif wave.closes_on and wave.closes_on < today:
        errors["closes_on"] = _("De sluitingsdatum ligt in het verleden.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def wave_start(*, wave: Wave, office_ids, questionnaires: dict, actor, today=None) -> Wave:
    """Create a wave with an invitation for everyone concerned, and open it if it starts today.

    `questionnaires` maps an audience to the questionnaire it gets; a template is copied first
    (templates are never sent). Nobody to invite (no leads, contacts or partners with an
    account for the chosen offices and audiences) is refused, and nothing is saved.
    """
    today = today or timezone.localdate()
    _check_wave(wave, office_ids, questionnaires, today)
    recipients = recipients_for(office_ids, questionnaires)
    if not recipients:
        raise ValidationError(
            _(
                "Deze meetronde heeft geen ontvangers: de gekozen kantoren hebben voor de "
                "gekozen doelgroepen niemand met een account (kartrekker, gemeente of partner). "
                "Kies andere kantoren of doelgroepen, of voeg eerst de contactpersonen toe."
            )
        )
    wave.created_by = actor
    wave.status = WaveStatus.DRAFT
    wave.full_clean(exclude=["questionnaires", "offices"])
    wave.save()
    wave.offices.set(office_ids)
    sent = {}
    for audience, questionnaire in questionnaires.items():
        if questionnaire.is_template:
            questionnaire = questionnaire_copy(
                source=questionnaire, actor=actor, title=f"{questionnaire.title} – {wave.name}"
            )
        WaveQuestionnaire.objects.create(wave=wave, questionnaire=questionnaire, audience=audience)
        sent[audience] = questionnaire
    Invitation.objects.bulk_create(
        Invitation(
            wave=wave,
            office_id=office_id,
            audience=audience,
            questionnaire=sent[audience],
            respondent=user,
            email=user.email,
            name=user.full_name,
        )
        for office_id, audience, user in recipients
    )
    audit_record(
        action=AuditAction.CREATE,
        instance=wave,
        actor=actor,
        summary=f"meetronde met {len(recipients)} uitnodigingen",
    )
    if wave.opens_on <= today:
        wave_open(wave=wave)
    return wave


def wave_open(*, wave: Wave) -> int:
    """Open a draft wave and mail every invitation its personal link; the number sent."""
    wave.status = WaveStatus.OPEN
    wave.save(update_fields=["status"])
    invitations = list(wave.invitations.filter(sent_at__isnull=True).select_related("office"))
    for invitation in invitations:
        invitation_send(invitation=invitation)
    return len(invitations)


@transaction.atomic
def invitation_add(
    *, wave: Wave, office, audience: str, email: str, name: str = "", respondent=None, actor=None
) -> Invitation:
    """Invite one more person (someone without an account, e.g. a sport service organisation)."""
    link = wave.wave_questionnaires.filter(audience=audience).first()
    if link is None:
        raise ValidationError(
            {"audience": _("Deze meetronde heeft geen vragenlijst voor deze doelgroep.")}
        )
    if wave.status == WaveStatus.CLOSED:
        raise ValidationError(_("Deze meetronde is gesloten."))
    if wave.invitations.filter(office=office, audience=audience, email__iexact=email).exists():
        raise ValidationError({"email": _("Deze persoon is al uitgenodigd voor dit kantoor.")})
    invitation = Invitation.objects.create(
        wave=wave,
        office=office,
        audience=audience,
        questionnaire=link.questionnaire,
        email=email.lower(),
        name=name,
        respondent=respondent,
    )
    wave.offices.add(office)
    audit_record(
        action=AuditAction.CREATE,
        instance=invitation,
        actor=actor,
        after={"email": invitation.email, "name": name},
        summary="uitnodiging monitor",
    )
    if wave.status == WaveStatus.OPEN:
        invitation_send(invitation=invitation)
    return invitation


def invitation_url(invitation: Invitation) -> str:
    return absolute_url(reverse("monitor:respond", args=[invitation.token]))


def invitation_send(*, invitation: Invitation, reminder: bool = False, now=None) -> None:
    """Mail the personal link (through the outbox backend, so a mail server outage loses
    nothing) and note when."""
    now = now or timezone.now()
    context = {
        "name": invitation.name or _("heer/mevrouw"),
        "wave": invitation.wave.name,
        "url": invitation_url(invitation),
        "closes_on": invitation.wave.closes_on.strftime("%d-%m-%Y"),
    }
    if reminder:
        subject = _("Herinnering: uw antwoorden voor %(wave)s") % context
        body = (
            _(
                "Beste %(name)s,\n\nU heeft de vragenlijst van %(wave)s nog niet ingediend. "
                "Via uw persoonlijke link gaat u verder waar u gebleven was:\n\n%(url)s\n\n"
                "De vragenlijst sluit op %(closes_on)s. Alvast bedankt!\n\nPOS en de onderzoekers"
            )
            % context
        )
    else:
        subject = _("Uitnodiging: %(wave)s") % context
        body = (
            _(
                "Beste %(name)s,\n\nPOS volgt elk jaar hoe het gaat met de POS-kantoren. Wilt u "
                "daarvoor een korte vragenlijst invullen? Dat kan op elk apparaat, en u kunt "
                "tussendoor opslaan en later verder gaan. Uw persoonlijke link (deel hem niet):\n\n"
                "%(url)s\n\nDe vragenlijst sluit op %(closes_on)s. Uw antwoorden worden "
                "gepseudonimiseerd geanalyseerd.\n\nPOS en de onderzoekers"
            )
            % context
        )
    send_mail(f"[Kapstok] {subject}", body, None, [invitation.email])
    if reminder:
        invitation.reminded_at = now
        invitation.last_reminder_count += 1
        invitation.save(update_fields=["reminded_at", "last_reminder_count"])
    else:
        invitation.sent_at = now
        invitation.save(update_fields=["sent_at"])


def _not_submitted(wave_ids) -> "QuerySet":  # noqa: F821 - a Django QuerySet
    return Invitation.objects.filter(
        wave_id__in=wave_ids, wave__status=WaveStatus.OPEN, sent_at__isnull=False
    ).filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))


def reminders_send(*, now=None) -> int:
    """Remind who has not submitted, a week after the last mail, at most three times.

    Runs daily (scheduler job `monitor_waves`). Those who submitted never hear from us again.
    """
    now = now or timezone.now()
    due = (
        _not_submitted(Wave.objects.filter(status=WaveStatus.OPEN).values("pk"))
        .filter(last_reminder_count__lt=MAX_REMINDERS, sent_at__lte=now - REMINDER_INTERVAL)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_INTERVAL))
    )
    count = 0
    for invitation in due.select_related("wave"):
        invitation_send(invitation=invitation, reminder=True, now=now)
        count += 1
    return count


def wave_remind(*, wave: Wave, now=None) -> int:
    """The "herinnering sturen" button: remind everyone of this wave who has not submitted,
    except whoever already got a mail in the last 20 hours (a double click sends nothing)."""
    if wave.status != WaveStatus.OPEN:
        raise ValidationError(_("Alleen een open meetronde kan herinneringen sturen."))
    now = now or timezone.now()
    pause = now - MANUAL_REMINDER_PAUSE
    due = (
        _not_submitted([wave.pk])
        .filter(sent_at__lte=pause)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=pause))
    )
    count = 0
    for invitation in due.select_related("wave"):
        invitation_send(invitation=invitation, reminder=True, now=now)
        count += 1
    return count


@transaction.atomic
def wave_close(*, wave: Wave, now=None) -> Wave:
    """Close the wave (no more answers) and store each office's indicators with it."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status == WaveStatus.CLOSED:
        raise ValidationError(_("Deze meetronde is al gesloten."))
    now = now or timezone.now()
    office_ids = list(wave.offices.values_list("pk", flat=True))
    indicators = selectors.office_indicators(office_ids, today=timezone.localdate(now))
    Snapshot.objects.filter(wave=wave).delete()
    Snapshot.objects.bulk_create(
        Snapshot(wave=wave, office_id=office_id, indicators=indicators[office_id], taken_at=now)
        for office_id in office_ids
    )
    wave.status, wave.closed_at = WaveStatus.CLOSED, now
    wave.save(update_fields=["status", "closed_at"])
    return wave


def waves_run_daily(*, now=None) -> str:
    """The scheduler job: open waves whose start date came, close those past their closing
    date (with snapshots), remind who has not answered."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opened = closed = 0
    for wave in Wave.objects.filter(status=WaveStatus.DRAFT, opens_on__lte=today):
        wave_open(wave=wave)
        opened += 1
    for wave in Wave.objects.filter(status=WaveStatus.OPEN, closes_on__lt=today):
        wave_close(wave=wave, now=now)
        closed += 1
    reminded = reminders_send(now=now)
    return f"{opened} meetrondes geopend, {closed} gesloten, {reminded} herinneringen"


# --- answering -----------------------------------------------------------------------------


def _require_answerable(invitation: Invitation, today=None) -> None:
    reason = selectors.link_problem(invitation, today=today)
    if reason:
        raise ValidationError(reason)


@transaction.atomic
def section_save(*, invitation: Invitation, questions: list[Question], data, today=None) -> dict:
    """Save the answers of one section; returns {question id: Dutch error} for the rest.

    Valid answers are kept even when another question in the section has an error, so nothing
    typed is lost; the invalid ones are not stored (the page shows them again with the error).
    An empty answer removes a stored one. A question hidden by skip logic loses its answer.
    """
    _require_answerable(invitation, today)
    response, _created = Response.objects.get_or_create(invitation=invitation)
    if response.is_submitted:
        raise ValidationError(_("U heeft deze vragenlijst al ingediend."))
    stored = {a.question_id: a for a in response.answers.all()}
    parsed, errors = {}, {}
    for question in questions:
        try:
            parsed[question.pk] = parse_answer(question, data.getlist(f"q{question.pk}"))
        except ValidationError as error:
            errors[question.pk] = error.messages[0]
    choices = {qid: a.choices for qid, a in stored.items()}
    choices.update({qid: p.choices for qid, p in parsed.items()})
    for question in questions:
        if question.pk in errors:
            continue
        answer = parsed[question.pk] if is_shown(question, choices) else Parsed()
        _answer_store(response, question, answer, stored.get(question.pk))
    response.save(update_fields=["updated_at"])
    return errors


def _answer_store(response, question, parsed: Parsed, existing: Answer | None) -> None:
    if parsed.is_empty:
        if existing:
            existing.delete()
        return
    answer = existing or Answer(response=response, question=question)
    answer.text, answer.number, answer.choices = parsed.text, parsed.number, parsed.choices
    answer.save()


@transaction.atomic
def response_submit(*, invitation: Invitation, now=None, today=None) -> Response:
    """Hand in the answers; refused (with the questions still to answer) while a required
    question that applies is empty."""
    _require_answerable(invitation, today)
    response, _created = Response.objects.get_or_create(invitation=invitation)
    if response.is_submitted:
        raise ValidationError(_("U heeft deze vragenlijst al ingediend."))
    form = selectors.questionnaire_form(invitation)
    if form.missing_required:
        raise ValidationError(
            [
                _("Vraag %(number)s (%(section)s) is verplicht.")
                % {"number": q.number, "section": q.section_title}
                for q in form.missing_required
            ]
        )
    response.submitted_at = now or timezone.now()
    response.save(update_fields=["submitted_at", "updated_at"])
    return response


def invitations_anonymise(*, user) -> int:
    """Blank the name and email that invitations keep of a person who asked to be erased.

    The answers stay (they are the research data, already pseudonymised for researchers);
    the invitation still points at the anonymised account, so the respondent's pseudonym in
    the exports does not change. Registered with trust's erasure in `MonitorConfig.ready()`.
    """
    return Invitation.objects.filter(respondent=user).update(
        name="", email=f"verwijderd-{user.pk}@kapstok.invalid"
    )
