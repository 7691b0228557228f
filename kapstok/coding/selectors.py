"""Reads of the coding app: the codebook as a tree, a wave's answers to code, agreement
between two coders, code frequencies per office type, and suggested codes.

Research pages name offices and respondents only by pseudonym (`pseudonyms`) and describe an
office only by its type: size band, initiative and phase, as it was in the wave, generalised
so that no office can be singled out (`office_types`: k-anonymity over what is also public).
Responses are listed in the order of their pseudonyms, never in the platform's order of
offices. Coders appear to researchers as "codeur 1", "codeur 2" (`coder_choices`). Open answers
are shown with the names the platform knows masked (`analysis.masking`, same length, so the
offsets of codings still hold).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kapstok.accounts import access
from kapstok.accounts.models import Role
from kapstok.analysis import agreement as kappa
from kapstok.analysis import disclosure
from kapstok.analysis.code_suggestions import Example, suggest_codes
from kapstok.analysis.masking import Masker
from kapstok.core.todo import SHOWN, ToDo
from kapstok.monitor.models import Answer, Invitation, QuestionKind, Response
from kapstok.network.models import Municipality, Office

from .models import Code, Coding, ResearchProject
from .office_types import project_office_types
from .pseudonyms import office_pseudonyms, respondent_pseudonyms

RESPONSES_PER_PAGE = 5
TRAINING_LIMIT = 3000  # most recent confirmed codings: keeps a page under a second

UNDEFINED_REASONS = {
    kappa.NO_OVERLAP: gettext_lazy(
        "niet te berekenen: de twee codeurs hebben geen antwoorden gemeenschappelijk gecodeerd"
    ),
    kappa.NO_VARIATION: gettext_lazy(
        "niet te berekenen: beide codeurs deden bij elk gemeenschappelijk antwoord hetzelfde "
        "(de verwachte overeenstemming is 100%)"
    ),
}
SUGGESTION_REASONS = {
    "too_few_examples": gettext_lazy(
        "Nog geen voorgestelde codes: er zijn %(count)s bevestigde coderingen en er zijn er "
        "minstens %(needed)s nodig om van te leren."
    ),
    "too_few_codes": gettext_lazy(
        "Nog geen voorgestelde codes: de bevestigde coderingen gebruiken nog maar één code; "
        "het model heeft voorbeelden van minstens twee codes nodig."
    ),
}
GROUPINGS = {
    "initiative": gettext_lazy("initiatief"),
    "size": gettext_lazy("grootte (leden)"),
    "phase": gettext_lazy("fase"),
}


def projects():
    return ResearchProject.objects.annotate(
        wave_count=Count("waves", distinct=True), code_count=Count("codes", distinct=True)
    ).order_by("-is_standing", "-created_at")


# --- the codebook ------------------------------------------------------------------------


@dataclass
class CodeNode:
    code: Code
    depth: int
    path: str
    children: list = field(default_factory=list)


def codebook(project: ResearchProject) -> list[CodeNode]:
    """The codes in tree order (parents before children), each with its depth and path."""
    codes = list(project.codes.order_by("order", "label"))
    by_parent = defaultdict(list)
    for code in codes:
        by_parent[code.parent_id].append(code)
    rows: list[CodeNode] = []

    def walk(parent_id, depth, prefix):
        for code in by_parent[parent_id]:
            path = f"{prefix} › {code.label}" if prefix else code.label
            rows.append(CodeNode(code, depth, path))
            walk(code.pk, depth + 1, path)

    walk(None, 0, "")
    return rows


def descendants(nodes: list[CodeNode]) -> dict[int, set[int]]:
    """Per code id, itself and every code below it (for counts that roll up)."""
    parent_of = {node.code.pk: node.code.parent_id for node in nodes}
    below = {pk: {pk} for pk in parent_of}
    for pk in parent_of:
        parent = parent_of[pk]
        while parent is not None:
            below[parent].add(pk)
            parent = parent_of.get(parent)
    return below


# --- answers to code -------------------------------------------------------------------------


def project_masker(project: ResearchProject) -> Masker:
    """Masks, in any answer of the project, what would identify someone: the names of everyone
    invited in its waves and of the offices' contacts, and the names of the offices asked and
    their municipalities (a respondent may name another office's lead)."""
    return waves_masker(project.waves.all())


def waves_masker(waves) -> Masker:
    """The masker of `project_masker` for any set of waves (the monitor's answer pages)."""
    people, phrases = [], []
    for name, full_name in Invitation.objects.filter(wave__in=waves).values_list(
        "name", "respondent__full_name"
    ):
        people += [name, full_name]
    offices = Office.objects.filter(monitor_waves__in=waves).distinct()
    for name, contact, phone in offices.values_list("name", "contact_name", "contact_phone"):
        phrases += [name, phone]
        people.append(contact)
    phrases += Municipality.objects.filter(offices__in=offices).values_list("name", flat=True)
    return Masker(phrases=[p for p in phrases if p], people=[p for p in people if p])


def prepare_answer(answer, own_codings, masker: Masker) -> None:
    """Attach what `coding/_answer.html` shows: masked text cut at this coder's codings."""
    answer.own_codings = own_codings
    answer.shown_text = masker.mask(answer.text)
    for coding in own_codings:
        coding.shown_fragment = answer.shown_text[coding.start : coding.end]
    answer.segments = segments(answer.shown_text, own_codings)


def wave_responses(project: ResearchProject, wave) -> list[int]:
    """The ids of a wave's submitted responses, by office pseudonym, then audience: the order
    says nothing about the offices (the platform's own order of offices would)."""
    rows = list(
        Response.objects.filter(invitation__wave=wave, submitted_at__isnull=False).values_list(
            "pk", "invitation__office_id", "invitation__audience"
        )
    )
    offices = office_pseudonyms(project, {office_id for _pk, office_id, _a in rows})
    rows.sort(key=lambda row: (offices[row[1]], row[2], row[0]))
    return [pk for pk, _office_id, _audience in rows]


def _open_answers_prefetch(coder_id: int):
    own = Coding.objects.filter(coder_id=coder_id).select_related("code")
    answers = (
        Answer.objects.filter(question__kind=QuestionKind.OPEN)
        .exclude(text="")
        .select_related("question")
        .prefetch_related(Prefetch("codings", queryset=own, to_attr="own_codings"))
        .order_by("question__order", "question_id")
    )
    return Prefetch("answers", queryset=answers, to_attr="open_answers")


def answers_page(project: ResearchProject, wave, *, coder, page: int | str = 1) -> dict:
    """One page of a wave's responses with their open answers, this coder's codings, and
    suggested codes for answers this coder has not coded yet.

    Other coders' codings are not shown: two coders must code independently for their
    agreement to mean anything.
    """
    paginator = Paginator(wave_responses(project, wave), RESPONSES_PER_PAGE)
    page_obj = paginator.get_page(page)
    order = {pk: position for position, pk in enumerate(page_obj.object_list)}
    responses = sorted(
        Response.objects.filter(pk__in=order)
        .select_related("invitation")
        .prefetch_related(_open_answers_prefetch(coder.pk)),
        key=lambda response: order[response.pk],
    )
    invitations = [r.invitation for r in responses]
    offices = office_pseudonyms(project, {i.office_id for i in invitations})
    people = respondent_pseudonyms(project, invitations)
    types = project_office_types(project)
    uncoded = [a for r in responses for a in r.open_answers if not a.own_codings]
    suggestions = suggestions_for(project, uncoded)
    masker = project_masker(project)
    for response in responses:
        invitation = response.invitation
        response.office_pseudonym = offices[invitation.office_id]
        response.respondent_pseudonym = people[invitation.pk]
        response.office_type = types.labels(wave.pk, invitation.office_id)
        for answer in response.open_answers:
            answer.suggestions = suggestions["per_answer"].get(answer.pk, [])
            prepare_answer(answer, answer.own_codings, masker)
    return {
        "responses": responses,
        "page_obj": page_obj,
        "codes": codebook(project),
        "suggestion_note": suggestions["note"],
    }


def segments(text: str, codings) -> list[dict]:
    """The answer's text cut where codings start and end, so coded parts can be marked.

    >>> class C:
    ...     def __init__(self, start, end, label):
    ...         self.start, self.end, self.code = start, end, type("K", (), {"label": label})
    >>> [(s["text"], s["codes"]) for s in segments("abcdef", [C(1, 3, "x")])]
    [('a', []), ('bc', ['x']), ('def', [])]
    """
    cuts = sorted({0, len(text), *(c.start for c in codings), *(c.end for c in codings)})
    parts = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        labels = [c.code.label for c in codings if c.start <= start and end <= c.end]
        parts.append({"text": text[start:end], "codes": labels, "start": start})
    return parts


def training_examples(project: ResearchProject) -> list[Example]:
    """The project's confirmed codings as labelled fragments (code id as the label)."""
    rows = (
        Coding.objects.filter(code__project=project, confirmed=True)
        .order_by("-pk")
        .values_list("fragment", "code_id")[:TRAINING_LIMIT]
    )
    return [Example(fragment, str(code_id)) for fragment, code_id in rows]


def suggestions_for(project: ResearchProject, answers: list) -> dict:
    """{"per_answer": {answer id: [(Code, probability)]}, "note": Dutch text or ""}."""
    examples = training_examples(project)
    result = suggest_codes(examples, [a.text for a in answers])
    if not result.trained:
        from kapstok.analysis.code_suggestions import MIN_EXAMPLES

        note = SUGGESTION_REASONS[result.reason] % {
            "count": result.examples,
            "needed": MIN_EXAMPLES,
        }
        return {"per_answer": {}, "note": note}
    codes = project.codes.in_bulk()
    per_answer = {}
    for answer, suggestions in zip(answers, result.per_text, strict=True):
        per_answer[answer.pk] = [
            (codes[int(s.code)], s.probability) for s in suggestions if int(s.code) in codes
        ]
    return {"per_answer": per_answer, "note": ""}


# --- agreement ---------------------------------------------------------------------------------


def coders(project: ResearchProject) -> list:
    """The people who coded in this project, with their number of codings, in a fixed order
    that says nothing about their names (coder 1 is the oldest account)."""
    return list(
        get_user_model()
        .objects.filter(codings__code__project=project)
        .annotate(coding_count=Count("codings"))
        .order_by("pk")
    )


def coder_choices(coders: list, *, names: bool, me: int | None) -> list[tuple[int, str]]:
    """Numbered choices for comparing coders: "codeur 1 (12)", "codeur 2 (u) (8)" for
    researchers, who do not see each other's names; names for POS staff (`names`)."""
    choices = []
    for number, coder in enumerate(coders, start=1):
        if names:
            label = coder.full_name or coder.email
        elif coder.pk == me:
            label = _("codeur %(number)s (u)") % {"number": number}
        else:
            label = _("codeur %(number)s") % {"number": number}
        choices.append((number, f"{label} ({coder.coding_count})"))
    return choices


def code_sets(project: ResearchProject, coder_id: int, wave=None) -> dict[int, set[int]]:
    """{answer id: codes this coder gave it} over the answers this coder coded."""
    codings = Coding.objects.filter(code__project=project, coder_id=coder_id)
    if wave is not None:
        codings = codings.filter(answer__response__invitation__wave=wave)
    units: dict[int, set[int]] = defaultdict(set)
    for answer_id, code_id in codings.values_list("answer_id", "code_id"):
        units[answer_id].add(code_id)
    return dict(units)


def _kappa_row(result: kappa.Kappa) -> dict:
    return {
        "kappa": result.kappa,
        "observed": result.observed,
        "expected": result.expected,
        "units": result.units,
        "reason": UNDEFINED_REASONS.get(result.reason, ""),
    }


def agreement(project: ResearchProject, coder_a, coder_b, wave=None) -> dict:
    """Cohen's kappa per code (given or not, per answer both coded) and pooled over codes.

    A code counts as given to an answer when the coder gave it to any fragment of it.
    """
    nodes = codebook(project)
    units_a = code_sets(project, coder_a.pk, wave)
    units_b = code_sets(project, coder_b.pk, wave)
    per_code = kappa.kappa_per_code(units_a, units_b, [node.code.pk for node in nodes])
    overall = kappa.pooled_kappa(per_code)
    return {
        "rows": [{"node": node, **_kappa_row(per_code[node.code.pk])} for node in nodes],
        "overall": _kappa_row(overall),
        "common": len(set(units_a) & set(units_b)),
        "only_a": len(set(units_a) - set(units_b)),
        "only_b": len(set(units_b) - set(units_a)),
    }


# --- frequencies ----------------------------------------------------------------------------


def frequencies(project: ResearchProject, grouping: str) -> dict:
    """How many responses carry each code (or a code below it), per office type.

    A response counts once per code however many coders or fragments gave it. Only confirmed
    codings count.
    """
    nodes = codebook(project)
    below = descendants(nodes)
    rows = (
        Coding.objects.filter(code__project=project, confirmed=True)
        .values_list("code_id", "answer__response_id")
        .distinct()
    )
    codes_of: dict[int, set[int]] = defaultdict(set)
    for code_id, response_id in rows:
        codes_of[response_id].add(code_id)
    responses = Response.objects.filter(
        invitation__wave__in=project.waves.all(), submitted_at__isnull=False
    ).values_list("pk", "invitation__wave_id", "invitation__office_id")
    responses = list(responses)
    types = project_office_types(project)
    group_of = {pk: types.labels(w, o)[grouping] for pk, w, o in responses}
    groups = sorted(set(group_of.values()), key=_group_order)
    totals = Counter(group_of.values())
    table = []
    for node in nodes:
        family = below[node.code.pk]
        counts = Counter(
            group_of[pk] for pk, codes in codes_of.items() if codes & family and pk in group_of
        )
        table.append(
            {
                "node": node,
                "cells": [
                    {"count": counts[g], "percent": _percent(counts[g], totals[g])} for g in groups
                ],
                "total": sum(counts.values()),
            }
        )
    return {
        "groups": [{"label": g, "responses": totals[g]} for g in groups],
        "rows": table,
        "responses": len(responses),
        "grouping": grouping,
        "grouping_label": GROUPINGS[grouping],
        "anonymous": types.anonymous,
    }


_BAND_ORDER = [label for _start, label in disclosure.SIZE_BANDS + disclosure.WIDE_SIZE_BANDS]


def _group_order(label: str):
    """Bands from small to large, the rest alphabetically, what is hidden last."""
    if label == _("afgeschermd"):
        return (2, 0, label)
    if label in _BAND_ORDER:
        return (0, _BAND_ORDER.index(label), label)
    return (1, 0, label)


def _percent(count: int, total: int) -> int | None:
    return round(100 * count / total) if total else None


# --- the start page's to-do items (two queries) ---------------------------------------------


def answers_to_code(viewer) -> list[ToDo]:
    """Per project and wave: the submitted open answers this researcher has not coded yet
    (as on the coding page, an answer counts as coded once the coder gave it any code)."""
    if not access.has_role(viewer, Role.RESEARCHER):  # the coders; POS may code but is not asked
        return []
    pairs = list(
        ResearchProject.waves.through.objects.select_related("researchproject", "wave").order_by(
            "-researchproject__created_at", "-wave__year", "wave__name"
        )
    )
    if not pairs:
        return []
    coded = Coding.objects.filter(answer=OuterRef("pk"), coder_id=viewer.user_id)
    uncoded = dict(
        Answer.objects.filter(
            question__kind=QuestionKind.OPEN,
            response__submitted_at__isnull=False,
            response__invitation__wave_id__in={pair.wave_id for pair in pairs},
        )
        .exclude(text="")
        .exclude(Exists(coded))
        .values("response__invitation__wave_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("response__invitation__wave_id", "n")
    )
    items = []
    for pair in pairs:
        count = uncoded.get(pair.wave_id, 0)
        if not count or len(items) >= SHOWN:
            continue
        items.append(
            ToDo(
                title=ngettext(
                    "Codeer %(count)s antwoord van %(wave)s",
                    "Codeer %(count)s antwoorden van %(wave)s",
                    count,
                )
                % {"count": count, "wave": pair.wave.name},
                detail=_("Project: %(project)s.") % {"project": pair.researchproject.name},
                url=reverse("coding:wave_answers", args=[pair.researchproject_id, pair.wave_id]),
                count=count,
            )
        )
    return items
