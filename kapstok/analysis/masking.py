"""Masking what identifies people in free text, keeping every character in its place.

Respondents write names into open answers ("bel mij, Kees Kartrekker van Kantoor Utrecht").
Research pages and exports show open answers with what the platform knows to identify
someone replaced by ``•``, one for each character: the text keeps its length, so character
offsets of codings still point at the same words. Masked are

- *phrases* as a whole: office and municipality names ("Kantoor Utrecht", "Utrecht");
- *people*: a person's full name, and each of its words of at least three letters that is not
  a Dutch function word ("Kees", "Kartrekker", but not "van" of "Kees van Dijk");
- anything that looks like an email address or a Dutch phone number.

Matching ignores case and needs word boundaries. This is a safety net, not a guarantee: a
researcher still reads an open question's answers before clearing it for export.

>>> masker = Masker(phrases=["Kantoor Utrecht"], people=["Kees van Dijk"])
>>> masker.mask("Bel Kees (06-12345678) van Kantoor Utrecht of kees@voorbeeld.nl")
'Bel •••• (•••••••••••) van ••••••• ••••••• of •••••••••••••••••'
"""

import re
from collections.abc import Iterable

from .dutch_text import fold, stop_words

MASK = "•"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "+31 (0)6 …": the international prefix may keep the trunk zero in brackets.
PHONE = re.compile(r"(?<!\w)(?:(?:\+31|0031)[\s-]?(?:\(0\))?|0)[\s-]?(?:\d[\s-]?){8,9}(?!\w)")
MIN_PART = 3
# Parts of Dutch surnames that are ordinary words ("van den Berg"); never masked on their own.
TUSSENVOEGSELS = frozenset(
    {
        "van",
        "de",
        "den",
        "der",
        "des",
        "het",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "aan",
        "bij",
        "uit",
        "von",
        "la",
        "le",
        "du",
    }
)


def name_parts(people: Iterable[str]) -> set[str]:
    """Each full name and its words of at least three letters that are not function words.

    >>> sorted(name_parts(["Kees van der Dijk", "Jo"]))
    ['Dijk', 'Kees', 'Kees van der Dijk']
    """
    parts = set()
    common = stop_words() | TUSSENVOEGSELS
    for name in people:
        name = (name or "").strip()
        if len(name) < MIN_PART:
            continue
        parts.add(name)
        for word in re.findall(r"[\w'-]+", name):
            if len(word) >= MIN_PART and fold(word) not in common and "@" not in word:
                parts.add(word)
    return parts


class Masker:
    """Masks fixed phrases and people's names in many texts: compiled into one pattern."""

    def __init__(self, *, phrases: Iterable[str] = (), people: Iterable[str] = ()):
        values = {p.strip() for p in phrases if p and len(p.strip()) >= MIN_PART}
        values |= name_parts(people)
        self.pattern = None
        if values:
            ordered = sorted(values, key=lambda value: (-len(value), value))  # longest first
            alternatives = "|".join(re.escape(value) for value in ordered)
            self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in EMAIL.finditer(text)] + [m.span() for m in PHONE.finditer(text)]
        if self.pattern is not None:
            spans += [m.span() for m in self.pattern.finditer(text)]
        return spans

    def mask(self, text: str) -> str:
        spans = self.spans(text)
        if not spans:
            return text
        characters = list(text)
        for start, end in spans:
            for i in range(start, end):
                if not characters[i].isspace():
                    characters[i] = MASK
        return "".join(characters)
