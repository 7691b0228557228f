"""Dutch text normalisation for short cards: folding, tokens, stop words, stems and compounds.

Cards are one-line Dutch sentences ("Hoge energiekosten voor de accommodatie"). Before they can
be compared, each is reduced to *content terms*:

1. **Fold**: lowercase, strip diacritics (``één`` → ``een``, ``coördinator`` → ``coordinator``).
2. **Tokenise**: runs of letters and digits; ``'s``, hyphens and punctuation split tokens, and
   ``btw-tarief`` gives ``btw`` and ``tarief``.
3. **Stop words**: the Dutch list of the `stop-words` package plus a few function words it
   lacks (``onze``, ``zodat``, ``welke``, …). Tokens shorter than two letters are dropped too.
4. **Stem**: Snowball's classic Dutch stemmer (``dutch_porter``): ``vergaderingen`` and
   ``vergaderen`` both give ``vergader``. The newer ``dutch`` algorithm also strips the ``ge-``
   prefix, which conflates ``gezondheid`` with ``zon`` and ``gelijk`` with ``lijk``; for short
   cards that costs more than it gains, so it is only an option (`Stemmer("dutch")`).
5. **Compounds**: Dutch glues words together (``sportakkoordbudget``, ``zaalhuur``). A token is
   split at the last point where the tail is a word seen on its own elsewhere in the corpus (the
   *lexicon*: every standalone token of at least four letters), the head at least three
   letters; a linking ``s`` or ``e`` between the parts is allowed. The parts are added as
   extra terms next to the whole compound. This is deliberately simple suffix matching, not a
   dictionary-based splitter: it only finds parts the corpus itself uses, so it never invents
   vocabulary. (The `compound-split` package was considered: 59 MB of n-gram tables and a
   multi-second import for a marginal gain on one-line cards.)

Worked example, with a lexicon that knows ``kosten`` and ``energie``:

>>> analyser = Analyser(lexicon={"kosten", "energie"})
>>> analyser.terms("Hoge energiekosten voor de accommodatie")
['hog', 'energiekost', 'energie', 'kost', 'accommodatie']

Optionally (`prefix_length`) each long word also gives its first letters as a term, so
``parkeren`` and ``parkeerplaatsen`` meet in ``parke-``.
>>> fold("Coördinatie één")
'coordinatie een'
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from stop_words import get_stop_words

# Function words missing from the `stop-words` Dutch list that carry no theme on a card.
_EXTRA_STOP_WORDS = """
    onze jullie hen elkaar zodat welke welk elke elk ieder iedere alle alleen beter steeds
    daarbij daarvoor waarvoor waar wanneer hoe hoeveel bent hebt heel erg even per via zoals
    etc enz we wij jij jou gaan gaat gaan komen komt krijgen krijgt zijn wordt worden willen
    wil wel mee mogen mag moeten kunnen zullen graag echt langs rond rondom vanaf sinds
    tijdens naast volgens weinig minder vaak soms nooit
"""
EXTRA_STOP_WORDS = frozenset(_EXTRA_STOP_WORDS.split())
TOKEN_RE = re.compile(r"[a-z0-9]+")
WORD_RE = re.compile(r"[^\W_]+")
MIN_LEXICON_WORD = 4  # shortest standalone word used as a compound part
MIN_COMPOUND_HEAD = 3  # shortest first part of a compound
LINKING_LETTERS = ("s", "e")
PREFIX_MARK = "-"  # ends a prefix term: "parke-"  # "beleid-s-nota", "klant-e-nkaart" style joints


def fold(text: str) -> str:
    """Lowercase and strip diacritics; keeps everything else as it is.

    >>> fold("Café Één")
    'cafe een'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Folded word tokens in order; ``'s`` and single letters are dropped.

    >>> tokens("Btw-tarief 's avonds: 2x per week!")
    ['btw', 'tarief', 'avonds', '2x', 'per', 'week']
    """
    return [tok for tok in TOKEN_RE.findall(fold(text)) if len(tok) > 1]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The Dutch stop words: the `stop-words` package's list plus `EXTRA_STOP_WORDS`, folded."""
    return frozenset(fold(word) for word in get_stop_words("dutch")) | EXTRA_STOP_WORDS


def content_tokens(text: str) -> list[str]:
    """Folded tokens that are not stop words or numbers.

    >>> content_tokens("Geen tijd naast de eigen zaak in 2024")
    ['tijd', 'eigen', 'zaak']
    """
    return [tok for tok, _surface in words(text)]


def words(text: str) -> list[tuple[str, str]]:
    """Content words as (folded token, word as written but lowercased).

    >>> words("Financiële zorgen, btw-tarief")
    [('financiele', 'financiële'), ('zorgen', 'zorgen'), ('btw', 'btw'), ('tarief', 'tarief')]
    """
    stops = stop_words()
    pairs = []
    for word in WORD_RE.findall(text.lower()):
        folded = fold(word)
        for tok in TOKEN_RE.findall(folded):
            if len(tok) > 1 and tok not in stops and not tok.isdigit():
                pairs.append((tok, word if folded == tok else tok))
    return pairs


class Stemmer:
    """A cached Snowball stemmer (`algorithm` is a Snowball name, default ``dutch_porter``)."""

    def __init__(self, algorithm: str = "dutch_porter"):
        self._stemmer = snowballstemmer.stemmer(algorithm)
        self.stem = lru_cache(maxsize=65536)(self._stemmer.stemWord)


class Analyser:
    """Turns a card into content terms: stems, compound parts and, optionally, prefixes.

    `lexicon` holds folded standalone words the corpus uses (see the module docstring).
    With `prefix_length`, every word of at least `prefix_length + 3` letters also yields its
    first letters as a term ``"parke-"``: a crude but robust bridge between forms the stemmer
    keeps apart (``parkeren`` → ``parker``, ``parkeerplaatsen`` → ``parkeerplaats``).
    """

    def __init__(
        self,
        lexicon: Iterable[str] = (),
        stemmer: Stemmer | None = None,
        prefix_length: int | None = None,
    ):
        self.lexicon = frozenset(word for word in lexicon if len(word) >= MIN_LEXICON_WORD)
        self.stemmer = stemmer or default_stemmer()
        self.prefix_length = prefix_length
        self._split = lru_cache(maxsize=65536)(self._split_uncached)

    @classmethod
    def for_corpus(
        cls, texts: Iterable[str], stemmer: Stemmer | None = None, prefix_length: int | None = None
    ) -> "Analyser":
        """An analyser whose lexicon is every content word standing alone in `texts`."""
        lexicon = {tok for text in texts for tok in content_tokens(text)}
        return cls(lexicon, stemmer, prefix_length)

    def terms(self, text: str) -> list[str]:
        """Stems of the content words, each followed by its compound parts' stems and prefix."""
        return [term for term, _surface in self.term_pairs(text)]

    def term_pairs(self, text: str) -> list[tuple[str, str]]:
        """(term, the word it came from as written) for each of `terms`.

        >>> Analyser({"kosten"}, prefix_length=5).term_pairs("Energiekosten")
        [('energiekost', 'energiekosten'), ('kost', 'kosten'), ('energ-', 'energiekosten')]
        """
        return [pair for _word, pairs in self.word_terms(text) for pair in pairs]

    def word_terms(self, text: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """Per content word (as written): its (term, word) pairs, stem first, prefix last."""
        stem = self.stemmer.stem
        result = []
        for tok, surface in words(text):
            pairs = [(stem(tok), surface)]
            pairs.extend((stem(part), part) for part in self._split(tok))
            if self.prefix_length and len(tok) >= self.prefix_length + 3:
                pairs.append((tok[: self.prefix_length] + PREFIX_MARK, surface))
            result.append((surface, pairs))
        return result

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound `word` (folded) that the lexicon knows, or ``()``.

        >>> Analyser(lexicon={"budget", "sportakkoord"}).split("sportakkoordbudget")
        ('sportakkoord', 'budget')
        >>> Analyser(lexicon={"nota", "beleid"}).split("beleidsnota")
        ('beleid', 'nota')
        >>> Analyser(lexicon={"kosten"}).split("kosten")
        ()
        """
        return self._split(word)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        # The head of a Dutch compound is its last part, so the longest known tail wins;
        # the first part is kept only when it is itself a known word (after a linking letter).
        for cut in range(MIN_COMPOUND_HEAD, len(word) - MIN_LEXICON_WORD + 1):
            tail = word[cut:]
            if tail not in self.lexicon:
                continue
            head = word[:cut]
            heads = [head] + [head[:-1] for link in LINKING_LETTERS if head.endswith(link)]
            known = [h for h in heads if h in self.lexicon]
            return (known[0], tail) if known else (tail,)
        return ()


@lru_cache(maxsize=1)
def default_stemmer() -> Stemmer:
    """One shared `Stemmer`, so its cache serves every analyser."""
    return Stemmer()
