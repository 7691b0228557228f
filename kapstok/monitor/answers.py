"""Reading a respondent's input for one question, and deciding which questions are shown.

`parse_answer` turns the raw form values of one question into the fields of an `Answer`
(text, number, choices) or raises a `ValidationError` with a Dutch message that names the
problem: too long, not a number, outside the scale, not one of the choices. An empty input is
valid here (it means "not answered yet"); whether a question is required is checked only when
the respondent submits, so a half-finished section can always be saved.

Skip logic is one rule per question: show it only when an earlier single or multiple choice
question has one of the listed answers (`is_shown`).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import QuestionKind

NUMBER_LIMIT = Decimal("999999999999")


@dataclass
class Parsed:
    text: str = ""
    number: Decimal | None = None
    choices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.text and self.number is None and not self.choices


def parse_answer(question, values: list[str]) -> Parsed:
    """The answer to `question` from the submitted values (a list, as `QueryDict.getlist`)."""
    values = [v.strip() for v in values if v is not None and v.strip()]
    if not values:
        return Parsed()
    parser = {
        QuestionKind.OPEN: _parse_open,
        QuestionKind.NUMBER: _parse_number,
        QuestionKind.SCALE: _parse_scale,
        QuestionKind.SINGLE: _parse_single,
        QuestionKind.MULTIPLE: _parse_multiple,
    }[question.kind]
    return parser(question, values)


def _parse_open(question, values) -> Parsed:
    text = values[0].replace("\r\n", "\n")
    if len(text) > question.max_length:
        raise ValidationError(
            _(
                "Uw antwoord is %(length)s tekens lang; het mag hoogstens %(limit)s tekens zijn. "
                "Kort het wat in."
            )
            % {"length": len(text), "limit": question.max_length}
        )
    return Parsed(text=text)


def _decimal(raw: str) -> Decimal:
    try:
        number = Decimal(raw.replace(" ", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("Vul een getal in, bijvoorbeeld 12 of 3,5.")) from error
    if not number.is_finite() or abs(number) > NUMBER_LIMIT:
        raise ValidationError(_("Vul een getal in, bijvoorbeeld 12 of 3,5."))
    return number


def _parse_number(question, values) -> Parsed:
    number = _decimal(values[0])
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(_("Gebruik hoogstens twee cijfers achter de komma."))
    return Parsed(number=number)


def _parse_scale(question, values) -> Parsed:
    try:
        number = _decimal(values[0])
    except ValidationError as error:
        raise _out_of_scale(question) from error
    if number != number.to_integral_value() or not (
        question.scale_min <= number <= question.scale_max
    ):
        raise _out_of_scale(question)
    return Parsed(number=number)


def _out_of_scale(question) -> ValidationError:
    return ValidationError(
        _("Kies een waarde van %(low)s tot en met %(high)s.")
        % {"low": question.scale_min, "high": question.scale_max}
    )


def _parse_single(question, values) -> Parsed:
    if len(values) > 1 or values[0] not in question.choices:
        raise ValidationError(_("Kies één van de genoemde antwoorden."))
    return Parsed(choices=[values[0]])


def _parse_multiple(question, values) -> Parsed:
    unknown = [v for v in values if v not in question.choices]
    if unknown:
        raise ValidationError(_("Kies alleen uit de genoemde antwoorden."))
    return Parsed(choices=[c for c in question.choices if c in values])


def is_shown(question, choices_by_question: dict[int, list[str]]) -> bool:
    """Whether the question applies, given the choices answered so far per question id.

    >>> from types import SimpleNamespace as Q
    >>> follow_up = Q(show_if_question_id=1, show_if_values=["ja"])
    >>> is_shown(follow_up, {1: ["ja"]}), is_shown(follow_up, {1: ["nee"]}), is_shown(follow_up, {})
    (True, False, False)
    >>> is_shown(Q(show_if_question_id=None, show_if_values=[]), {})
    True
    """
    if question.show_if_question_id is None:
        return True
    given = choices_by_question.get(question.show_if_question_id, [])
    return any(value in given for value in question.show_if_values)
