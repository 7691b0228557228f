"""Ranges that numbers must stay in, with the allowed range in the Dutch message.

`InRange` is a model-field validator (so every ModelForm checks it too, at the field); the same
bounds are backed by a `CheckConstraint` in the model's Meta (`in_range`), so no path that skips
the form (a service, the shell, an import) can store a value outside them.

>>> InRange(0, 100)(50)
>>> InRange(0, 100)(-1)
Traceback (most recent call last):
...
django.core.exceptions.ValidationError: ['Kies een waarde van 0 tot en met 100.']
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def _shown(value) -> str:
    if isinstance(value, Decimal | float) and value == int(value):
        value = int(value)
    return number_format(value, force_grouping=True)


@deconstructible
class InRange:
    """Refuse a value below `low` or above `high` (inclusive), saying the range.

    `message` may use %(low)s and %(high)s; by default "Kies een waarde van … tot en met …".
    """

    code = "out_of_range"

    def __init__(self, low, high, message=None):
        self.low, self.high, self.message = low, high, message

    def __call__(self, value):
        if value is None or self.low <= value <= self.high:
            return
        message = self.message or _("Kies een waarde van %(low)s tot en met %(high)s.")
        raise ValidationError(
            message, code=self.code, params={"low": _shown(self.low), "high": _shown(self.high)}
        )

    def __eq__(self, other):
        return isinstance(other, InRange) and (self.low, self.high, self.message) == (
            other.low,
            other.high,
            other.message,
        )


def in_range(field: str, low, high, name: str) -> models.CheckConstraint:
    """The database's half of `InRange(low, high)` on `field` (NULL passes). A form shows the
    validator's message at the field; the constraint is the backstop for every other path."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
    )
