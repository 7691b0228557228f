"""The machine's certainty about a placement, as the facilitator reads it on the cluster board.

Words, not bare percentages (issue 24): "zeker", "waarschijnlijk", "twijfel", each with what
it meant when measured on held-out cards ("9 van de 10 kaarten met dit label staan goed"),
from the stored confidence maps (`kapstok.analysis.confidence`). Nothing here is a hard-coded
figure: refitting the maps updates the meaning shown.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kapstok.analysis import confidence

from .models import CardKind

WORDS = {
    confidence.SURE_WORD: _("zeker"),
    confidence.LIKELY_WORD: _("waarschijnlijk"),
    confidence.DOUBT_WORD: _("twijfel"),
}


def certainty_word(word: str) -> str:
    """The shown (translated) form of a certainty word of `confidence`."""
    return str(WORDS.get(word, word))


@dataclass(frozen=True)
class Shown:
    key: str  # the word in `confidence` ("zeker", ...): a stable CSS class
    word: str  # translated
    in_ten: int | None  # measured: this many of 10 cards with this word were right


def shown(value: float | None) -> Shown | None:
    """The word and measured meaning for a stored confidence; None for a card placed by hand."""
    if value is None:
        return None
    found = confidence.certainty(float(value))
    return Shown(found.word, certainty_word(found.word), found.in_ten)


def legend() -> list[Shown]:
    """The three words with what each meant when measured, surest first."""
    bands = sorted(confidence.stored_maps().bands, key=lambda band: -band.low)
    return [Shown(band.word, certainty_word(band.word), band.in_ten) for band in bands]


@dataclass(frozen=True)
class CardFace:
    """What a card on the cluster board shows besides its text, in the current language."""

    kind_label: str
    key: str = ""  # certainty word's CSS class; empty for a card placed by hand
    text: str = ""  # "waarschijnlijk (55%)"; what the word means is in the board's legend


def card_faces(cards) -> None:
    """Give each card its `face`, working out each distinct kind and confidence once.

    A board holds hundreds of cards but only a few kinds and confidences (stored with two
    decimals); translating per card in the template was most of the time a 300-card board took
    to render (issue #19). The msgids are the template's, so the catalogue is unchanged.
    """
    maps = confidence.stored_maps()
    kinds: dict[str, str] = {}
    shown: dict[float | None, tuple] = {None: ("", "")}
    faces: dict[tuple, CardFace] = {}
    for card in cards:
        key = (card.kind, card.placement_confidence)
        face = faces.get(key)
        if face is None:
            if card.kind not in kinds:
                kinds[card.kind] = _kind_label(card.kind)
            if card.placement_confidence not in shown:
                shown[card.placement_confidence] = _certainty_shown(card.placement_confidence, maps)
            face = faces[key] = CardFace(kinds[card.kind], *shown[card.placement_confidence])
        card.face = face


def _kind_label(kind: str) -> str:
    return str(CardKind(kind).label) if kind in CardKind.values else kind


def _certainty_shown(value: float, maps) -> tuple[str, str]:
    """The certainty word's key and its text with the percentage: ("waarschijnlijk",
    "waarschijnlijk (55%)")."""
    found = confidence.certainty(float(value), maps)
    text = gettext("%(word)s (%(value)s%%)") % {
        "word": certainty_word(found.word),
        "value": round(float(value) * 100),
    }
    return found.word, text
