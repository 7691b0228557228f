"""Writes of the coding app: projects, the codebook, codings and what may be exported.

Each function checks its own rules and raises a `ValidationError` with a Dutch message (keyed by
field where one fits), so the pages can show it next to the input.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kapstok.monitor.models import Answer, QuestionKind
from kapstok.trust.audit import audit_record
from kapstok.trust.models import AuditAction

from .models import Code, Coding, ResearchProject

MAX_CODE_DEPTH = 3  # hoofdcode → code → subcode, as the report's themes go


@transaction.atomic
def project_create(*, name: str, description: str = "", waves=(), actor=None) -> ResearchProject:
    project = ResearchProject.objects.create(
        name=name.strip(), description=description.strip(), created_by=actor
    )
    project.waves.set(waves)
    return project


def project_set_waves(*, project: ResearchProject, waves) -> None:
    project.waves.set(waves)


def _depth(code: Code | None) -> int:
    depth = 0
    while code is not None:
        depth, code = depth + 1, code.parent
    return depth


def _check_code(project, label: str, parent: Code | None, code: Code | None = None) -> str:
    """The rules of a code's place in the codebook; returns the cleaned label."""
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Geef de code een naam.")})
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError({"parent": _("Deze hoofdcode hoort bij een ander project.")})
    ancestor = parent
    while code is not None and ancestor is not None:
        if ancestor.pk == code.pk:
            raise ValidationError({"parent": _("Een code kan niet onder zichzelf vallen.")})
        ancestor = ancestor.parent
    # The code and its descendants take the levels below the parent's: a new code takes one.
    levels = _height(code) if code is not None else 1
    if _depth(parent) + levels > MAX_CODE_DEPTH:
        raise ValidationError(
            {"parent": _("Een codeboek heeft hier hoogstens drie niveaus; kies een hogere code.")}
        )
    duplicates = project.codes.filter(label__iexact=label)
    if code is not None:
        duplicates = duplicates.exclude(pk=code.pk)
    if duplicates.exists():
        raise ValidationError({"label": _("Dit codeboek heeft al een code met deze naam.")})
    return label


def _height(code: Code) -> int:
    """Levels from this code down to its deepest descendant, itself included."""
    children = list(code.children.all())
    return 1 + max((_height(child) for child in children), default=0)


def code_add(
    *,
    project: ResearchProject,
    label: str,
    parent: Code | None = None,
    description: str = "",
    order: int | None = None,
) -> Code:
    """Add a code to the codebook, under `parent` if given (at most three levels deep)."""
    label = _check_code(project, label, parent)
    if order is None:
        siblings = project.codes.filter(parent=parent)
        order = (max(siblings.values_list("order", flat=True), default=0) or 0) + 1
    return Code.objects.create(
        project=project, parent=parent, label=label, description=description.strip(), order=order
    )


def code_update(
    *, code: Code, label: str, parent: Code | None, description: str = "", order: int
) -> Code:
    """Rename or move a code; its codings keep it (they point at the code, not its label)."""
    code.label = _check_code(code.project, label, parent, code)
    code.parent, code.description, code.order = parent, description.strip(), order
    code.save()
    return code


def answer_in_project(answer: Answer, project: ResearchProject) -> bool:
    return project.waves.filter(pk=answer.response.invitation.wave_id).exists()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection without the spaces a mouse drag picks up at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def coding_add(
    *,
    project: ResearchProject,
    answer: Answer,
    code: Code,
    coder,
    start: int | None = None,
    end: int | None = None,
    confirmed: bool = True,
) -> Coding:
    """Give a fragment of an answer a code: characters `start` to `end` of its text.

    Without offsets the whole answer is coded. Offsets outside the text, or a fragment of only
    spaces, are refused: a coding must point at words the respondent wrote.
    """
    text = answer.text
    if not text.strip():
        raise ValidationError(_("Dit antwoord heeft geen tekst om te coderen."))
    if code.project_id != project.pk:
        raise ValidationError({"code": _("Deze code hoort niet bij dit project.")})
    if not answer_in_project(answer, project):
        raise ValidationError(_("Dit antwoord hoort niet bij een meetronde van dit project."))
    if start is None and end is None:
        start, end = 0, len(text)
    if start is None or end is None:
        raise ValidationError(_("Geef zowel het begin als het einde van het fragment op."))
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            _(
                "Het fragment valt buiten het antwoord: kies tekens tussen 0 en %(length)s, "
                "met het begin vóór het einde."
            )
            % {"length": len(text)}
        )
    start, end = _trimmed(text, start, end)
    if start == end:
        raise ValidationError(_("Het gekozen fragment bevat alleen spaties."))
    try:
        with transaction.atomic():
            return Coding.objects.create(
                answer=answer,
                code=code,
                coder=coder,
                start=start,
                end=end,
                fragment=text[start:end],
                confirmed=confirmed,
            )
    except IntegrityError:
        raise ValidationError(_("U heeft dit fragment al deze code gegeven.")) from None


def coding_remove(*, coding: Coding) -> None:
    """A coder takes back their own coding (the view lets POS staff tidy up any)."""
    coding.delete()


def coding_confirm(*, coding: Coding) -> Coding:
    coding.confirmed = True
    coding.save(update_fields=["confirmed"])
    return coding


def open_questions(project: ResearchProject):
    """The open questions of the questionnaires used in the project's waves."""
    from kapstok.monitor.models import Question

    return Question.objects.filter(
        kind=QuestionKind.OPEN,
        questionnaire__wave_links__wave__in=project.waves.all(),
    ).distinct()


@transaction.atomic
def questions_clear(*, project: ResearchProject, questions, actor) -> None:
    """Say which open questions' texts may go into the export (checked for names by a person).

    Recorded in the audit log: releasing free text is a decision about personal data.
    """
    allowed = set(open_questions(project).values_list("pk", flat=True))
    chosen = sorted(q.pk for q in questions if q.pk in allowed)
    before = sorted(project.cleared_questions.values_list("pk", flat=True))
    project.cleared_questions.set(chosen)
    audit_record(
        action=AuditAction.UPDATE,
        instance=project,
        before={"cleared_questions": before},
        after={"cleared_questions": chosen},
        actor=actor,
        summary=_("Open vragen vrijgegeven voor de export"),
    )


def export_record(*, project: ResearchProject, actor) -> None:
    """Log that someone downloaded the pseudonymised export of a project."""
    audit_record(
        action=AuditAction.CREATE,
        instance=project,
        actor=actor,
        summary=_("Gepseudonimiseerde export gedownload"),
    )
