"""Read side of the monitor: the respondent's form state, response rates, answers, indicators.

Each function loads what one page needs in a fixed number of queries. Researchers see offices
and respondents only by pseudonym (`Labels`); POS staff see the real office names.
"""

import datetime
import hashlib
import hmac
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.accounts.models import Role
from kapstok.core.todo import ToDo, Urgency, day

from . import indicators
from .answers import is_shown
from .models import Answer, Audience, Invitation, Question, Response, Wave, WaveStatus
from .research_lens import research_lens

# --- the respondent's link -------------------------------------------------------------------


def link_problem(invitation: Invitation, today=None) -> str:
    """Why this link cannot be answered now (a Dutch sentence), or "" when it can."""
    wave = invitation.wave
    today = today or timezone.localdate()
    if wave.status == WaveStatus.DRAFT or wave.opens_on > today:
        return _("Deze vragenlijst is nog niet geopend. U kunt antwoorden vanaf %(date)s.") % {
            "date": formats.date_format(wave.opens_on, "j F Y")
        }
    if wave.status == WaveStatus.CLOSED or wave.closes_on < today:
        return _(
            "Deze vragenlijst is gesloten op %(date)s; antwoorden kan niet meer. "
            "Bedankt voor uw belangstelling."
        ) % {"date": formats.date_format(wave.closes_on, "j F Y")}
    return ""


@dataclass
class QuestionView:
    question: Question
    number: int
    section_index: int
    section_title: str
    answer: Answer | None
    shown: bool
    condition_number: int | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None


@dataclass
class SectionView:
    index: int
    title: str
    questions: list[QuestionView] = field(default_factory=list)

    @property
    def shown(self) -> list[QuestionView]:
        return [q for q in self.questions if q.shown]

    @property
    def complete(self) -> bool:
        return all(q.answered for q in self.shown)


@dataclass
class FormState:
    response: Response | None
    sections: list[SectionView]

    @property
    def questions(self) -> list[QuestionView]:
        return [q for s in self.sections for q in s.questions]

    @property
    def missing_required(self) -> list[QuestionView]:
        return [q for q in self.questions if q.shown and q.question.required and not q.answered]

    @property
    def resume_index(self) -> int | None:
        """The first section with an unanswered question; None when every one is answered."""
        return next((s.index for s in self.sections if not s.complete), None)

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.questions if q.shown and q.answered)

    @property
    def shown_count(self) -> int:
        return sum(1 for q in self.questions if q.shown)

    @property
    def percent(self) -> int:
        return round(100 * self.answered_count / self.shown_count) if self.shown_count else 100


def questionnaire_form(invitation: Invitation) -> FormState:
    """The questions by section with the stored answers and which ones apply (three queries)."""
    response = Response.objects.filter(invitation=invitation).first()
    return _form_state(invitation.questionnaire, response)


def questionnaire_preview(questionnaire) -> FormState:
    """The questionnaire as a respondent first sees it, for the builder's preview."""
    return _form_state(questionnaire, None)


def _form_state(questionnaire, response) -> FormState:
    answers = {a.question_id: a for a in response.answers.all()} if response else {}
    choices = {qid: a.choices for qid, a in answers.items()}
    sections: list[SectionView] = []
    numbers = {}
    for number, question in enumerate(questionnaire.questions.all(), start=1):
        numbers[question.pk] = number
        title = question.section or _("Vragen")
        if not sections or sections[-1].title != title:
            sections.append(SectionView(len(sections), title))
        sections[-1].questions.append(
            QuestionView(
                question=question,
                number=number,
                section_index=sections[-1].index,
                section_title=title,
                answer=answers.get(question.pk),
                shown=is_shown(question, choices),
                condition_number=numbers.get(question.show_if_question_id),
            )
        )
    return FormState(response, sections)


# --- labels: real names for POS staff, pseudonyms for researchers ----------------------------


@dataclass
class Labels:
    """How offices and respondents are named on a page."""

    offices: dict[int, str]
    respondents: dict[int, str]

    def office(self, office_id: int) -> str:
        return self.offices.get(office_id, "?")

    def respondent(self, invitation_id: int) -> str:
        return self.respondents.get(invitation_id, "?")


def _fallback_code(kind: str, identity: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{identity}".encode(), hashlib.sha256)
    return digest.hexdigest()[:6].upper()


def _project(wave):
    """The research project whose pseudonyms a wave is shown with (kapstok.coding)."""
    return research_lens().project_for_wave(wave)


def office_labels(office_ids, *, real_names: bool, wave=None, project=None) -> dict[int, str]:
    """{office id: name} for POS staff, {office id: pseudonym} for researchers."""
    if real_names:
        from kapstok.network.models import Office

        return dict(Office.objects.filter(pk__in=office_ids).values_list("pk", "name"))
    if not office_ids:
        return {}
    if lens := research_lens():
        return lens.office_pseudonyms(project or _project(wave), office_ids)
    return {pk: _("Kantoor %(code)s") % {"code": _fallback_code("office", pk)} for pk in office_ids}


def labels_for(wave, invitations, *, real_names: bool) -> Labels:
    """Office and respondent labels for the invitations of one wave.

    POS staff see office names and respondents' names; researchers see the pseudonyms of the
    research project the wave belongs to (`kapstok.coding.pseudonyms`), the same for an office
    in every wave of that project.
    """
    office_ids = sorted({inv.office_id for inv in invitations})
    if real_names:
        offices = office_labels(office_ids, real_names=True)
        return Labels(offices, {inv.pk: inv.name or inv.email for inv in invitations})
    if not invitations:
        return Labels({}, {})
    if lens := research_lens():
        project = _project(wave)
        offices = office_labels(office_ids, real_names=False, project=project)
        return Labels(offices, lens.respondent_pseudonyms(project, invitations))
    people = {
        inv.pk: _("Respondent %(code)s") % {"code": _fallback_code("invitation", inv.pk)}
        for inv in invitations
    }
    return Labels(office_labels(office_ids, real_names=False), people)


def snapshot_rows(wave, *, real_names: bool) -> list[dict]:
    """The stored indicators of a closed wave, one row per office, in label order.

    Researchers see the member count as its band and the phase as generalised for the wave's
    research project (`kapstok.coding.office_types`): both are public too, and shown exactly
    they would put a name to a pseudonym.
    """
    snapshots = list(wave.snapshots.all())
    labels = office_labels([s.office_id for s in snapshots], real_names=real_names, wave=wave)
    rows = [{"label": labels.get(s.office_id, "?"), **s.indicators} for s in snapshots]
    if not real_names:
        disclose = _disclosed_types(wave)
        for row, snapshot in zip(rows, snapshots, strict=True):
            row.update(disclose(snapshot.office_id))
    return sorted(rows, key=lambda row: row["label"])


def _disclosed_types(wave):
    """office id → {"members", "phase_label"} as researchers may see them in this wave."""
    lens = research_lens()
    if lens is None:
        from kapstok.analysis.disclosure import size_band

        indicators = {s.office_id: s.indicators for s in wave.snapshots.all()}
        return lambda office_id: {
            "members": size_band(indicators[office_id].get("members")),
            "phase_label": _("afgeschermd"),
        }
    types = lens.office_types(_project(wave))

    def disclosed(office_id):
        shown = types.labels(wave.pk, office_id)
        return {"members": shown["size"], "phase_label": shown["phase"]}

    return disclosed


# --- the fields of one section ----------------------------------------------------------------


def _number_text(number) -> str:
    """12.00 → "12", 3.50 → "3,5" (Dutch decimal comma)."""
    if number is None:
        return ""
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number:f}".rstrip("0").replace(".", ",")


def section_fields(section: SectionView, raw: dict, errors: dict) -> list[dict]:
    """What the template draws per question: the value to show (what was just typed, else
    the stored answer), the error, and the skip rule for the page's script.

    A question whose condition sits on an earlier page and is not met is left out; one whose
    condition is on this page is drawn, and the script hides it until the condition holds.
    """
    here = {q.question.pk for q in section.questions}
    fields = []
    for view in section.questions:
        question = view.question
        same_page = question.show_if_question_id in here
        if not view.shown and not same_page:
            continue
        if question.pk in raw:
            values = [v for v in raw[question.pk] if v]
        elif view.answer:
            answer = view.answer
            values = answer.choices or [answer.text or _number_text(answer.number)]
        else:
            values = []
        fields.append(
            {
                "view": view,
                "question": question,
                "name": f"q{question.pk}",
                "value": values[0] if values else "",
                "values": values,
                "error": errors.get(question.pk, ""),
                "scale": list(range(question.scale_min, question.scale_max + 1))
                if question.kind == "scale"
                else [],
                "depends_on": f"q{question.show_if_question_id}" if same_page else "",
            }
        )
    return fields


# --- response rates --------------------------------------------------------------------------


@dataclass
class Rate:
    invited: int = 0
    started: int = 0
    submitted: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.submitted / self.invited) if self.invited else None

    def add(self, other: "Rate") -> None:
        self.invited += other.invited
        self.started += other.started
        self.submitted += other.submitted


def _invitation_state(invitation) -> str:
    response = getattr(invitation, "response", None)
    if response is None:
        return "invited"
    return "submitted" if response.submitted_at else "started"


def wave_rates(wave, *, real_names: bool) -> dict:
    """Response rates per audience and per office × audience (three queries + labels)."""
    invitations = list(wave.invitations.select_related("response"))
    labels = labels_for(wave, invitations, real_names=real_names)
    per_audience = {a: Rate() for a in wave.wave_questionnaires.values_list("audience", flat=True)}
    per_office: dict[int, dict[str, Rate]] = defaultdict(lambda: defaultdict(Rate))
    total = Rate()
    for invitation in invitations:
        state = _invitation_state(invitation)
        one = Rate(1, int(state != "invited"), int(state == "submitted"))
        per_audience.setdefault(invitation.audience, Rate()).add(one)
        per_office[invitation.office_id][invitation.audience].add(one)
        total.add(one)
    audiences = [a for a in Audience if a in per_audience]
    rows = sorted(
        (
            {
                "office_id": office_id,
                "label": labels.office(office_id),
                "cells": [rates.get(a) for a in audiences],
            }
            for office_id, rates in per_office.items()
        ),
        key=lambda row: row["label"],
    )
    people = [
        {
            "invitation": inv,
            "label": labels.respondent(inv.pk),
            "office": labels.office(inv.office_id),
            "state": _invitation_state(inv),
        }
        for inv in sorted(invitations, key=lambda i: (labels.office(i.office_id), i.audience))
    ]
    return {
        "total": total,
        "audiences": [(a, a.label, per_audience[a]) for a in audiences],
        "rows": rows,
        "people": people,
    }


# --- answers (pseudonymised for researchers) ---------------------------------------------------


def _text_masker(wave, *, real_names: bool):
    """Researchers read free text with the names the platform knows masked, as in the coding
    pages and exports (`kapstok.coding.selectors.waves_masker`): respondents name people."""
    lens = research_lens()
    if real_names or lens is None:
        return lambda text: text
    return lens.masker([wave]).mask


def wave_answers(wave, audience: str, *, real_names: bool) -> dict:
    """Every submitted answer of one audience, per question, labelled by office and person."""
    link = (
        wave.wave_questionnaires.filter(audience=audience).select_related("questionnaire").first()
    )
    if link is None:
        return {"questionnaire": None, "questions": []}
    invitations = list(
        wave.invitations.filter(audience=audience, response__submitted_at__isnull=False)
    )
    labels = labels_for(wave, invitations, real_names=real_names)
    mask = _text_masker(wave, real_names=real_names)
    by_invitation = {inv.pk: inv for inv in invitations}
    answers = defaultdict(list)
    rows = Answer.objects.filter(response__invitation__in=invitations).select_related("response")
    for answer in rows:
        invitation = by_invitation[answer.response.invitation_id]
        answers[answer.question_id].append(
            {
                "answer": answer,
                "text": mask(answer.text),
                "office": labels.office(invitation.office_id),
                "respondent": labels.respondent(invitation.pk),
            }
        )
    questions = [
        {
            "question": q,
            "answers": sorted(answers[q.pk], key=lambda a: (a["office"], a["respondent"])),
            "tally": _tally(q, answers[q.pk]),
        }
        for q in link.questionnaire.questions.all()
    ]
    return {
        "questionnaire": link.questionnaire,
        "questions": questions,
        "submitted": len(invitations),
    }


def _tally(question, answers) -> list[tuple[str, int]]:
    """Counts per choice (choice questions) or per value (scales), for a quick overview."""
    if question.kind in ("single", "multiple"):
        counts = Counter(c for a in answers for c in a["answer"].choices)
        return [(choice, counts.get(choice, 0)) for choice in question.choices]
    if question.kind == "scale":
        counts = Counter(int(a["answer"].number) for a in answers)
        return [
            (str(v), counts.get(v, 0)) for v in range(question.scale_min, question.scale_max + 1)
        ]
    return []


# --- the platform's own indicators per office (stored as snapshots) ---------------------------


def office_indicators(office_ids, today=None) -> dict[int, dict]:
    """The indicators a snapshot stores, per office, from every registered provider
    (`kapstok.monitor.indicators`), each in a fixed number of grouped queries."""
    today = today or timezone.localdate()
    office_ids = list(office_ids)
    result: dict[int, dict] = {office_id: {} for office_id in office_ids}
    for provider in indicators.providers():
        for office_id, figures in provider(office_ids, today).items():
            result[office_id].update(figures)
    return result


# --- the start page's to-do items (two queries) ---------------------------------------------

CLOSING_SOON = datetime.timedelta(days=7)


def waves_to_close(viewer, today=None) -> list[ToDo]:
    """Open waves past their closing date (the daily job closes them; until it has, the
    researcher may), and those closing within a week, with how many have answered so far.
    For researchers (who may run the monitor, `access.can_run_monitor`)."""
    if not access.has_role(viewer, Role.RESEARCHER):  # POS runs the monitor but is not asked
        return []
    today = today or timezone.localdate()
    waves = list(
        Wave.objects.filter(status=WaveStatus.OPEN, closes_on__lte=today + CLOSING_SOON).order_by(
            "closes_on", "pk"
        )
    )
    if not waves:
        return []
    answered = {
        row["wave_id"]: row
        for row in Invitation.objects.filter(wave__in=waves)
        .values("wave_id")
        .annotate(
            total=Count("pk"), submitted=Count("pk", filter=Q(response__submitted_at__isnull=False))
        )
        .order_by()
    }
    items = []
    for wave in waves:
        row = answered.get(wave.pk, {"total": 0, "submitted": 0})
        values = {
            "name": wave.name,
            "date": day(wave.closes_on),
            "submitted": row["submitted"],
            "total": row["total"],
        }
        if wave.closes_on < today:
            title = _("Sluit de meetronde %(name)s")
            detail = _("De sluitdatum (%(date)s) is voorbij; %(submitted)s van %(total)s ingevuld.")
            urgency = Urgency.SOON
        else:
            title = _("Meetronde %(name)s sluit op %(date)s")
            detail = _("%(submitted)s van %(total)s ingevuld; stuur zo nodig een herinnering.")
            urgency = Urgency.NORMAL
        items.append(
            ToDo(
                title=title % values,
                detail=detail % values,
                url=reverse("monitor:wave_detail", args=[wave.pk]),
                urgency=urgency,
            )
        )
    return items
