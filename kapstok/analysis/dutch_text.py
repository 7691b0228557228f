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

6. **Concepts** (optional, `thesaurus=True`): two cards about the same thing often share no
   word ("trainers" and "instructeurs", "zaal" and "locatie"). `THESAURUS` groups words that
   entrepreneurs use for the same concept (``plek``: plek, locatie, zaal, pand, veld, …); a
   word in a group also yields the term ``~plek``, so such cards meet there. A compound not in
   the thesaurus takes the concepts of its parts (``zaalhuur``: ``~plek`` and ``~huur``). The
   groups are generic Dutch for sport entrepreneurs and are not tied to catalogue themes (a
   concept may point to several themes; the classifier learns how much each one says). They
   are written by hand: no Dutch word vectors or wordnet ship inside a PyPI package, and
   nothing may be downloaded at run time.

Worked example, with a lexicon that knows ``kosten`` and ``energie``:

>>> analyser = Analyser(lexicon={"kosten", "energie"})
>>> analyser.terms("Hoge energiekosten voor de accommodatie")
['hog', 'energiekost', 'energie', 'kost', 'accommodatie']
>>> Analyser(lexicon={"kosten", "energie"}, thesaurus=True).terms("Hoge energiekosten")
['hog', 'energiekost', 'energie', 'kost', '~energie', '~kosten']

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
PREFIX_MARK = "-"  # ends a prefix term: "parke-"

# Concept groups (see the module docstring, step 6): "concept: words", one group per line,
# continued on indented lines; words folded (no diacritics). Generic vocabulary of sport
# entrepreneurs and local networks, not tied to catalogue themes. Add words freely: a word
# may sit in two groups, and a group that several themes share costs nothing (the
# classifier weighs each term by how specific it is to one theme).
THESAURUS = """
plek: plek plekken plaats locatie locaties ruimte ruimtes lokaal lokalen zaal zalen hal hallen
    sporthal gymzaal gymlokaal studio studios sportschool veld velden sportveld sportpark
    terrein terreinen accommodatie accommodaties gebouw gebouwen pand panden onderkomen
    vestiging buitenruimte kantine kleedkamer kleedkamers zwembad baan banen dojo box
buiten: buiten buitensport park parken plein pleinen strand bos openbare buitenlucht overdekt
    overdekte
bezetting: rooster roosters uren tijdslot tijdsloten beschikbaar beschikbaarheid bezetting bezet
    volgeboekt vol wachtlijst capaciteit krap
bouw: nieuwbouw verbouwing verbouwen renovatie renoveren bouwen bebouwen woningbouw
    bestemmingsplan sloop slopen herinrichting inrichten leegstand leegstaand
huur: huur huren verhuur verhuren verhuurder huurprijs huurcontract huurder
subsidie: subsidie subsidies subsidieregeling subsidiepot regeling regelingen fonds fondsen
    potje budget budgetten stimuleringsregeling gelden gesubsidieerd gesubsidieerde sponsoring
    sponsor
gelijkheid: gelijk gelijke ongelijk ongelijke oneerlijk oneerlijke eerlijk eerlijke concurrentie
    concurreren concurrent bevoordeeld voortrekken speelveld gelijkwaardig uitgesloten
prijs: korting kortingen tarief tarieven prijs prijzen goedkoop goedkoper gratis voucher
    vouchers kortingspas abonnement abonnementen
kosten: kosten kost duur dure rekening lasten uitgaven stijgen stijgende gestegen onbetaalbaar
    betaalbaar geld euro financieel financiele
energie: energie gas stroom elektriciteit verwarming energierekening zonnepanelen isolatie
    duurzaam duurzaamheid verduurzamen verduurzaming
belasting: belasting belastingen btw fiscaal fiscale aangifte heffing ozb
verzekering: verzekering verzekeringen verzekeraar premie aansprakelijkheid
regels: regels regelgeving wet wetgeving vergunning vergunningen bureaucratie papierwerk
    administratie administratieve regeldruk avg privacy formulieren rompslomp eisen
advies: jurist juridisch juridische advocaat contract contracten boekhouder boekhouding
    accountant advies adviseur
beleid: beleid beleidsnota nota sportnota sportvisie visie beleidsplan uitvoeringsprogramma
    wethouder raad gemeenteraad raadslid raadsleden politiek politici ambtenaar ambtenaren
    college besluit besluiten besluitvorming verkiezingen partij
inspraak: overleg inspraak meepraten meedenken betrokken gehoord stem vertegenwoordigen
    vertegenwoordiger namens zetel sportraad platform adviesraad lobby lobbyen belangen
    belangenbehartiging agenda
akkoord: sportakkoord akkoord preventieakkoord sportformateur
imago: imago beeld vooroordeel vooroordelen reputatie aanzien uitstraling commercieel
    commerciele commercie winst winstbejag luxe
maatschappij: maatschappelijk maatschappelijke gezondheid gezond gezonder preventie eenzaamheid
    welzijn leefbaarheid inclusie vitaliteit meedoen
impact: impact meten cijfers resultaten resultaat effect effecten onderzoek rapportage rapport
    data monitor bewijs aantonen opleveren
erkenning: erkenning erkend waardering waarderen respect serieus vertrouwen gewaardeerd
werving: werven werving ledenwerving aanwas groei groeien aansluiten aanmelden aanmelding
    ledental ledenaantal aantrekken benaderen uitnodigen overhalen
lidmaatschap: lidmaatschap lid leden aangesloten meerwaarde nut voordelen contributie
zelfstandig: zzp zzper zzpers zelfstandige zelfstandigen ketens keten franchise
communicatie: communicatie promotie marketing reclame advertentie advertenties campagne
    publiciteit pr promoten adverteren
media: website websites site sociale media facebook instagram linkedin tiktok nieuwsbrief krant
    kranten weekblad omroep radio tv pers persbericht online
drukwerk: flyer flyers folder folders poster posters bord reclamebord spandoek banner drukwerk
evenement: evenement evenementen sportdag open dag markt sportmarkt beurs festival demo clinic
    clinics braderie toernooi
bekendheid: bekend bekendheid onbekend onbekende zichtbaar zichtbaarheid vindbaar kennen
    herkenbaar logo huisstijl naamsbekendheid
tijd: tijd druk drukke drukte agenda tijdgebrek tijdsinvestering overvol avonden
vergadering: vergadering vergaderingen vergaderen bijeenkomst bijeenkomsten
trekker: kartrekker kartrekkers trekker trekkers aanjager vrijwilliger vrijwilligers vrijwillig
    vrijwilligerswerk coordinator taken taakverdeling werkgroep werkgroepen
motivatie: motivatie gemotiveerd enthousiasme enthousiast betrokkenheid inzet momentum vaart
    stilgevallen inzakken doorzetten
samenwerking: samenwerking samenwerken samen gezamenlijk gezamenlijke partners partner bundelen
    krachten
kennis: kennis ervaring ervaringen tips leren uitwisselen delen expertise intervisie workshop
    kennissessie
ontmoeting: ontmoeten ontmoeting borrel netwerkborrel kennismaken bijpraten contact contacten
verwijzen: doorverwijzen verwijzen doorsturen klanten klant clienten combinatie arrangement
    arrangementen
zorg: huisarts huisartsen fysiotherapeut fysiotherapeuten fysio zorg zorgverzekeraar ggd
onderwijs: school scholen onderwijs kinderopvang bso naschools leerlingen
inkoop: inkopen inkoop materiaal materialen apparatuur spullen toestellen
personeel: personeel medewerker medewerkers werknemer werknemers trainer trainers instructeur
    instructeurs coach coaches docent docenten begeleider begeleiders invaller invallers
    invalkracht invalkrachten krachten stagiair stagiairs stagiaire stage stages vakmensen
    professionals
vacature: vacature vacatures sollicitant sollicitanten aannemen tekort tekorten krapte
    arbeidsmarkt
opleiding: opleiding opleidingen opleiden bijscholing bijscholen cursus cursussen diploma
    diplomas certificaat gediplomeerd mbo hbo cios alo
werkgever: salaris salarissen loon lonen cao arbeidsvoorwaarden werkgeverschap werkgever
    detacheren payroll
vereniging: vereniging verenigingen club clubs sportclub sportclubs sportvereniging
    sportverenigingen amateurclub
rechtsvorm: rechtsvorm stichting cooperatie statuten notaris kvk
bestuur: bestuur bestuurders voorzitter penningmeester secretaris rollen rol verantwoordelijk
    verantwoordelijkheid verantwoordelijkheden
plan: plan plannen jaarplan doelen doel doelstelling doelstellingen missie strategie strategisch
    koers ambitie ambities prioriteiten
financiering: begroting financiering kas jaarrekening
kantoor: kantoor kantoren pos opstart oprichten
"""
CONCEPT_MARK = "~"  # starts a concept term: "~plek"


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
    return list(_words(text))


@lru_cache(maxsize=32768)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    # Cached: one clustering run reads each text several times (features, new vocabulary).
    stops = stop_words()
    pairs = []
    for word in WORD_RE.findall(text.lower()):
        folded = fold(word)
        for tok in TOKEN_RE.findall(folded):
            if len(tok) > 1 and tok not in stops and not tok.isdigit():
                pairs.append((tok, word if folded == tok else tok))
    return tuple(pairs)


class Stemmer:
    """A cached Snowball stemmer (`algorithm` is a Snowball name, default ``dutch_porter``)."""

    def __init__(self, algorithm: str = "dutch_porter"):
        self._stemmer = snowballstemmer.stemmer(algorithm)
        self.stem = lru_cache(maxsize=65536)(self._stemmer.stemWord)


class Analyser:
    """Turns a card into content terms: stems, compound parts, concepts and prefixes.

    `lexicon` holds folded standalone words the corpus uses (see the module docstring); with
    `thesaurus`, the thesaurus words count as known compound parts too. With `prefix_length`,
    every word of at least `prefix_length + 3` letters also yields its first letters as a term
    ``"parke-"``: a crude but robust bridge between forms the stemmer keeps apart
    (``parkeren`` → ``parker``, ``parkeerplaatsen`` → ``parkeerplaats``).
    """

    def __init__(
        self,
        lexicon: Iterable[str] = (),
        stemmer: Stemmer | None = None,
        prefix_length: int | None = None,
        thesaurus: bool = False,
    ):
        self.stemmer = stemmer or default_stemmer()
        self.concepts = concept_index(self.stemmer) if thesaurus else {}
        known = set(lexicon) | (thesaurus_words() if thesaurus else set())
        self.lexicon = frozenset(word for word in known if len(word) >= MIN_LEXICON_WORD)
        self.prefix_length = prefix_length
        self._split = lru_cache(maxsize=65536)(self._split_uncached)

    @classmethod
    def for_corpus(
        cls,
        texts: Iterable[str],
        stemmer: Stemmer | None = None,
        prefix_length: int | None = None,
        thesaurus: bool = False,
    ) -> "Analyser":
        """An analyser whose lexicon is every content word standing alone in `texts`."""
        lexicon = {tok for text in texts for tok in content_tokens(text)}
        return cls(lexicon, stemmer, prefix_length, thesaurus)

    def terms(self, text: str) -> list[str]:
        """Per content word: its stem, compound parts' stems, concepts and prefix."""
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
            parts = self._split(tok)
            pairs.extend((stem(part), part) for part in parts)
            pairs.extend((concept, surface) for concept in self._concepts(tok, parts))
            if self.prefix_length and len(tok) >= self.prefix_length + 3:
                pairs.append((tok[: self.prefix_length] + PREFIX_MARK, surface))
            result.append((surface, pairs))
        return result

    def _concepts(self, token: str, parts: tuple[str, ...]) -> list[str]:
        """The word's own concepts or, for a compound the thesaurus lacks, its parts'."""
        if not self.concepts:
            return []
        stem = self.stemmer.stem
        own = self.concepts.get(stem(token), ())
        if own:
            return list(own)
        found: list[str] = []
        for part in parts:
            found.extend(c for c in self.concepts.get(stem(part), ()) if c not in found)
        return found

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


def thesaurus_groups(text: str = THESAURUS) -> dict[str, list[str]]:
    """The concept groups of a thesaurus text: concept -> its words, folded.

    >>> thesaurus_groups("plek: zaal hal\\n    veld\\ngeld: fonds")
    {'plek': ['zaal', 'hal', 'veld'], 'geld': ['fonds']}
    """
    groups: dict[str, list[str]] = {}
    concept = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            concept, line = (part.strip() for part in line.split(":", 1))
            groups[concept] = []
        groups[concept].extend(fold(word) for word in line.split())
    return groups


@lru_cache(maxsize=1)
def thesaurus_words() -> frozenset[str]:
    """Every word of `THESAURUS`, folded: known compound parts for the `Analyser`."""
    return frozenset(word for words in thesaurus_groups().values() for word in words)


@lru_cache(maxsize=4)
def concept_index(stemmer: Stemmer) -> dict[str, tuple[str, ...]]:
    """Stem -> the concept terms (``~plek``) of the `THESAURUS` groups it occurs in.

    >>> concept_index(default_stemmer())["zal"]
    ('~plek',)
    """
    index: dict[str, list[str]] = {}
    for concept, members in thesaurus_groups().items():
        for word in members:
            terms = index.setdefault(stemmer.stem(word), [])
            if CONCEPT_MARK + concept not in terms:
                terms.append(CONCEPT_MARK + concept)
    return {stem: tuple(terms) for stem, terms in index.items()}
