"""Which branch of sport a business in a KvK export belongs to.

A KvK export has no branch of sport, only SBI codes, and several branches share one code
(tennis and padel both sit under 93.12.4, fitness and martial arts under 93.14.6). So we look,
in this order, at:

1. the file's own `Tak van sport` column (a branch slug or Dutch name, any case);
2. the lead's earlier classification of this KvK + establishment number (remembered);
3. words in the trade name that point to a branch the SBI codes allow ("Padelhal" under 93.12.4);
4. the SBI codes, when they allow one branch, or several of the same group (fitness and
   CrossFit are both fitness: take the first, in taxonomy order);
5. words in the trade name alone (no SBI code, or one that fits no word);
6. otherwise "onbekend": the lead classifies it, and that is remembered (2) next time.

>>> inferrer = BranchInferrer(
...     labels={"tennis": "Tennis", "padel": "Padel", "fitness": "Fitness",
...             "yoga-pilates": "Yoga en pilates"},
...     groups={"tennis": "racket", "padel": "racket", "fitness": "fitness",
...             "yoga-pilates": "movement"},
...     sbi_branches={"93124": ("tennis", "padel"), "9313": ("fitness",)},
... )
>>> inferrer.infer(label="", sbi_codes=["93124"], trade_name="Padelhal De Linde")
Inference(branch='padel', source='name', candidates=('tennis', 'padel'))
>>> inferrer.infer(label="YOGA", sbi_codes=["93124"], trade_name="Padelhal De Linde").branch
'yoga-pilates'
>>> inferrer.infer(label="", sbi_codes=["9313"], trade_name="De Linde").source
'sbi'
>>> inferrer.infer(label="", sbi_codes=[], trade_name="Sportpark De Linde").branch is None
True

Pure Python: the importer builds one `BranchInferrer` from the taxonomy and calls it per row.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Words (lowercase, without accents) in trade names, per branch slug. Short words (three
# letters or fewer) only count at the start of a word: "fit" in "Fitstudio", not in "Outfit".
KEYWORDS: dict[str, tuple[str, ...]] = {
    "padel": ("padel",),
    "tennis": ("tennis",),
    "squash-badminton": ("squash", "badminton"),
    "paardensport": ("manege", "ruiter", "paard", "pony", "pensionstal", "hippisch", "dressuur"),
    "golf": ("golf",),
    "zwemmen": ("zwem",),
    "watersport": (
        "watersport", "zeil", "surf", "kano", "roei", "supschool", "sup-school", "duik",
        "wakeboard",
    ),
    "dans": ("dans", "ballet", "salsa", "streetdance", "hiphop"),
    "yoga-pilates": ("yoga", "pilates"),
    "vechtsport": (
        "vechtsport", "boks", "kickbox", "boxing", "thaibox", "judo", "karate", "taekwondo",
        "jiu-jitsu", "jiujitsu", "jiu jitsu", "aikido", "kung fu", "kungfu", "krav maga",
        "muay", "mma",
    ),
    "crossfit-bootcamp": ("crossfit", "bootcamp", "functional"),
    "fitness": (
        "fitness", "fit", "gym", "sportschool", "personal train", "trainingsstudio",
        "krachtsport", "bodyfit",
    ),
    "klimmen": ("klim", "boulder"),
    "airsoft-paintball": ("airsoft", "paintball", "lasergame", "lasertag"),
    "wielrennen-spinning": ("spinning", "fietsstudio", "wieler", "cycling"),
    "wintersport": ("skischool", "skihal", "skiles", "skien", "skicentrum", "snowboard"),
    "schaatsen": ("schaats", "ijsbaan"),
    "turnen-gymnastiek": (
        "turnen", "turnschool", "turnhal", "gymnastiek", "freerun", "trampoline",
    ),
    "atletiek-hardlopen": ("hardloop", "atletiek", "loopcentrum", "loopgroep", "running"),
    "outdoor": ("outdoor", "survival", "avontuur", "avonturen", "bushcraft"),
    "bowling-biljart": ("bowling", "biljart", "snooker"),
    "sportonderwijs-overig": ("sportacademie", "beweegcentrum", "kinderbeweeg", "sportonderwijs"),
}  # fmt: skip

SHORT_WORD = 3


# ASCII punctuation and symbols become spaces; the importer normalises every name, so the
# common all-ASCII case takes this fast path.
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lowercase, accents off, anything but letters and digits becomes one space.

    >>> normalise("  Skiën & Dans-Studio "), normalise("Padel/Tennis B.V.")
    ('skien dans studio', 'padel tennis b v')
    """
    text = str(text or "")
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_SPACES).split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_ALNUM.sub(" ", plain).split())


def _keyword_pattern(keywords: Mapping[str, Iterable[str]]) -> tuple[re.Pattern, dict]:
    """One regex for all keywords: the leftmost word wins, the longest at the same spot."""
    to_branch = {}
    for branch, words in keywords.items():
        for word in words:
            to_branch.setdefault(normalise(word), branch)
    parts = [
        (r"\b" if len(word) <= SHORT_WORD else "") + re.escape(word)
        for word in sorted(to_branch, key=len, reverse=True)
    ]
    return re.compile("|".join(parts)), to_branch


@dataclass(frozen=True)
class Inference:
    branch: str | None
    source: str  # column, lead, name, sbi or unknown
    candidates: tuple[str, ...] = ()


class BranchInferrer:
    """Infers branches for many rows; built once from the taxonomy (see the module docstring).

    `labels` maps slug → Dutch name, `groups` slug → group, `sbi_branches` plain SBI code
    (digits only) → the slugs it points to, in taxonomy order.
    """

    def __init__(
        self,
        *,
        labels: Mapping[str, str],
        groups: Mapping[str, str],
        sbi_branches: Mapping[str, Iterable[str]],
        keywords: Mapping[str, Iterable[str]] = KEYWORDS,
    ):
        self.order = {slug: position for position, slug in enumerate(labels)}
        self.groups = dict(groups)
        self.sbi_branches = {code: tuple(slugs) for code, slugs in sbi_branches.items()}
        known = {b: w for b, w in keywords.items() if b in labels}
        self.pattern, self.word_branch = _keyword_pattern(known)
        self.aliases = self._aliases(labels)

    @staticmethod
    def _aliases(labels: Mapping[str, str]) -> dict[str, str]:
        """Slug, Dutch name, and each part of either ("Yoga en pilates" → yoga, pilates)."""
        full, parts, seen = {}, {}, {}
        for slug, name in labels.items():
            full[normalise(slug)] = full[normalise(name)] = slug
            pieces = re.split(r"\s+en\s+|-", name.lower()) + slug.split("-")
            for piece in {normalise(p) for p in pieces if p.strip()}:
                seen[piece] = seen.get(piece, 0) + 1
                parts[piece] = slug
        unique_parts = {piece: slug for piece, slug in parts.items() if seen[piece] == 1}
        return {**unique_parts, **full}

    def from_label(self, label: str) -> str | None:
        """A branch from a `Tak van sport` cell: slug, name or a keyword in it, any case.

        >>> BranchInferrer(labels={"paardensport": "Paardensport"}, groups={},
        ...                sbi_branches={}).from_label("Paardrijden")
        'paardensport'
        """
        key = normalise(label)
        if not key:
            return None
        if key in self.aliases:
            return self.aliases[key]
        hints = self.name_hints(key)
        return hints[0] if hints else None

    def name_hints(self, trade_name: str) -> list[str]:
        """Branches named in a trade name, in the order they appear.

        >>> BranchInferrer(labels={"fitness": "F", "vechtsport": "V"}, groups={},
        ...                sbi_branches={}).name_hints("Kickboksgym & Fit Vonk")
        ['vechtsport', 'fitness']
        """
        hints: list[str] = []
        for match in self.pattern.finditer(normalise(trade_name)):
            branch = self.word_branch[match.group()]
            if branch not in hints:
                hints.append(branch)
        return hints

    def candidates(self, sbi_codes: Iterable[str]) -> tuple[str, ...]:
        """The branches the SBI codes allow, in taxonomy order."""
        found = {slug for code in sbi_codes for slug in self.sbi_branches.get(code, ())}
        return tuple(sorted(found, key=lambda slug: self.order.get(slug, len(self.order))))

    def infer(
        self,
        *,
        label: str,
        sbi_codes: Iterable[str],
        trade_name: str,
        remembered: str | None = None,
    ) -> Inference:
        candidates = self.candidates(sbi_codes)
        from_column = self.from_label(label) if label else None
        if from_column:
            return Inference(from_column, "column", candidates)
        if remembered:
            return Inference(remembered, "lead", candidates)
        hints = self.name_hints(trade_name)
        fitting = [hint for hint in hints if hint in candidates]
        if fitting:
            return Inference(fitting[0], "name", candidates)
        if candidates and len({self.groups.get(c) for c in candidates}) == 1:
            return Inference(candidates[0], "sbi", candidates)
        if hints:
            return Inference(hints[0], "name", candidates)
        return Inference(None, "unknown", candidates)
