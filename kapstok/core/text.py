"""Text as people type it, without the invisible characters that break storage or deceive.

Two kinds of character never reach a view or the database (`kapstok.trust.middleware.
CleanTextInputMiddleware` applies `clean_text` to every form and query value; imports call it or
`invisible_characters_in` themselves):

- **Control characters** (Unicode category Cc) other than tab, line feed and carriage return:
  PostgreSQL refuses NUL in any text value (a server error that lost a whole questionnaire
  section), and the others have no place in a name or an answer.
- **Bidirectional and zero-width format characters**: a right-to-left override or an invisible
  space makes "Kees Kartrekker" look like another name, or two names that look the same differ.
  Removed: the bidi embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks
  U+200E, U+200F and U+061C, and the zero-width U+200B, U+2060 and U+FEFF. The zero-width joiner
  U+200D is kept inside an emoji sequence (👨‍👩‍👧 is one picture) and removed elsewhere.

Everything else (letters of any script, emoji, accents, ordinary spaces) is kept as typed.

>>> clean_text("Kees\\x00 Kartrekker")
'Kees Kartrekker'
>>> clean_text("\\u202eroodkapje")
'roodkapje'
>>> clean_text("tab\\tand\\nnew line")
'tab\\tand\\nnew line'
>>> clean_text("👨\\u200d👩\\u200d👧") == "👨\\u200d👩\\u200d👧"
True
>>> clean_text("a\\u200db")
'ab'
"""

import re
import unicodedata

ZERO_WIDTH_JOINER = "\u200d"
# Control characters (Cc) but \t \n \r.
CONTROL = "".join(
    chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n\r"
)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u2060\ufeff"
REMOVED = CONTROL + BIDI + ZERO_WIDTH
_REMOVED_RE = re.compile(f"[{re.escape(REMOVED)}]")
_ANY_RE = re.compile(f"[{re.escape(REMOVED + ZERO_WIDTH_JOINER)}]")
# What may stand before a joiner in an emoji sequence besides a pictograph: the emoji variation
# selector and the skin-tone modifiers.
_EMOJI_MODIFIERS = {"\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}


def _is_pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So"


def _joins_emoji(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (
        bool(before)
        and bool(after)
        and (_is_pictograph(before) or before in _EMOJI_MODIFIERS)
        and _is_pictograph(after)
    )


def clean_text(value: str) -> str:
    """`value` without control, bidi and zero-width characters (see the module's docstring)."""
    if not _ANY_RE.search(value):
        return value
    value = _REMOVED_RE.sub("", value)
    if ZERO_WIDTH_JOINER not in value:
        return value
    return "".join(
        char
        for index, char in enumerate(value)
        if char != ZERO_WIDTH_JOINER or _joins_emoji(value, index)
    )


def invisible_characters_in(value: str) -> bool:
    """Whether `clean_text` would change `value` (for imports that refuse instead of cleaning)."""
    return clean_text(value) != value
