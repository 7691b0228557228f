"""The guide comparing legal forms (report 4.2: how offices "zich formeel het best kunnen
verenigen"). One source for three places: the comparison table on the guide page, the column of
the office's own form on its money page, and the knowledge base article the demo publishes.

General guidance, not legal advice; the page says so and points to a notary or the KvK.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kapstok.network.models import LegalForm

# The coöperatie is compared in the guide but is not (yet) a choice on the office.
COOPERATIVE = "cooperative"

FORMS = [
    (LegalForm.NONE, _("Geen rechtsvorm")),
    (LegalForm.ASSOCIATION, _("Vereniging")),
    (LegalForm.FOUNDATION, _("Stichting")),
    (COOPERATIVE, _("Coöperatie")),
]


@dataclass(frozen=True)
class Aspect:
    key: str
    name: str
    per_form: dict


ASPECTS = [
    Aspect(
        "liability",
        _("Aansprakelijkheid"),
        {
            LegalForm.NONE: _(
                "De deelnemers zijn zelf aansprakelijk voor wat namens het kantoor is afgesproken."
            ),
            LegalForm.ASSOCIATION: _(
                "De vereniging zelf; bestuurders alleen bij onbehoorlijk bestuur (en zolang de "
                "vereniging niet bij de KvK staat ingeschreven)."
            ),
            LegalForm.FOUNDATION: _(
                "De stichting zelf; bestuurders alleen bij onbehoorlijk bestuur."
            ),
            COOPERATIVE: _(
                "De coöperatie; in de statuten staat of leden bijdragen bij een tekort "
                "(W.A., B.A. of U.A.: wettelijk, beperkt of uitgesloten)."
            ),
        },
    ),
    Aspect(
        "say",
        _("Zeggenschap van leden"),
        {
            LegalForm.NONE: _("Alleen wat de deelnemers onderling afspreken; niets ligt vast."),
            LegalForm.ASSOCIATION: _(
                "De leden beslissen in de algemene ledenvergadering en kiezen het bestuur."
            ),
            LegalForm.FOUNDATION: _(
                "Een stichting heeft geen leden: het bestuur beslist. Ondernemers kunnen "
                "deelnemer of donateur zijn, zonder stem."
            ),
            COOPERATIVE: _(
                "De leden beslissen in de algemene ledenvergadering, zoals bij een vereniging."
            ),
        },
    ),
    Aspect(
        "registration",
        _("Notaris en KvK"),
        {
            LegalForm.NONE: _("Geen notaris en geen inschrijving bij de KvK nodig."),
            LegalForm.ASSOCIATION: _(
                "Statuten in een notariële akte, inschrijving bij de KvK en registratie van de "
                "bestuurders als UBO."
            ),
            LegalForm.FOUNDATION: _(
                "Statuten in een notariële akte, inschrijving bij de KvK en registratie van de "
                "bestuurders als UBO."
            ),
            COOPERATIVE: _(
                "Statuten in een notariële akte, inschrijving bij de KvK en registratie van de "
                "bestuurders als UBO."
            ),
        },
    ),
    Aspect(
        "fees",
        _("Contributie vragen"),
        {
            LegalForm.NONE: _(
                "Kan, maar het geld staat op de rekening van een van de deelnemers: leg goed "
                "vast wie wat betaalde."
            ),
            LegalForm.ASSOCIATION: _(
                "Ja: de algemene ledenvergadering stelt de contributie vast, het kantoor heeft "
                "een eigen rekening."
            ),
            LegalForm.FOUNDATION: _(
                "Geen contributie van leden; wel bijdragen van deelnemers, donaties en subsidie."
            ),
            COOPERATIVE: _(
                "Ja, een ledenbijdrage; een overschot kan onder de leden worden verdeeld."
            ),
        },
    ),
    Aspect(
        "bookkeeping",
        _("Boekhouding"),
        {
            LegalForm.NONE: _("Geen wettelijke eisen; een eenvoudig kasboek voorkomt onenigheid."),
            LegalForm.ASSOCIATION: _(
                "Het bestuur legt elk jaar rekening en verantwoording af aan de leden; een "
                "kascommissie controleert."
            ),
            LegalForm.FOUNDATION: _(
                "Het bestuur voert een administratie en maakt binnen zes maanden na het jaar een "
                "balans en een staat van baten en lasten."
            ),
            COOPERATIVE: _(
                "Een jaarrekening die bij de KvK wordt gedeponeerd; meer werk dan bij een "
                "vereniging."
            ),
        },
    ),
    Aspect(
        "when",
        _("Wanneer kiezen"),
        {
            LegalForm.NONE: _(
                "Een kantoor dat net begint, weinig geld beheert en geen contracten sluit."
            ),
            LegalForm.ASSOCIATION: _(
                "Ondernemers willen als leden meebeslissen en contributie betalen: voor de "
                "meeste POS-kantoren de beste vorm."
            ),
            LegalForm.FOUNDATION: _(
                "Een klein bestuur voert opdrachten uit, het geld komt vooral van de gemeente of "
                "fondsen en leden hoeven niet mee te beslissen."
            ),
            COOPERATIVE: _(
                "De leden gaan samen zakendoen: gezamenlijk inkopen of samen een aanbod doen "
                "aan de gemeente."
            ),
        },
    ),
]

ARTICLE_TITLE = _("Rechtsvormen vergeleken: geen rechtsvorm, vereniging, stichting of coöperatie")
ARTICLE_SUMMARY = _(
    "Hoe een POS-kantoor zich formeel het best kan verenigen: aansprakelijkheid, zeggenschap, "
    "notaris en KvK, contributie en boekhouding per rechtsvorm, en wanneer u welke kiest."
)
DISCLAIMER = _(
    "Dit is een algemene vergelijking, geen juridisch advies. Laat statuten opstellen door een "
    "notaris; de KvK legt de inschrijving uit."
)


def table() -> list[tuple[str, list[str]]]:
    """The comparison as rows: each aspect with its text per form, in the order of `FORMS`."""
    return [(aspect.name, [aspect.per_form[key] for key, _name in FORMS]) for aspect in ASPECTS]


def consequences(legal_form: str) -> list[tuple[str, str]]:
    """What follows from the office's own form, aspect by aspect."""
    return [(aspect.name, aspect.per_form[legal_form]) for aspect in ASPECTS]


def article_body() -> str:
    """The guide as the knowledge base's plain text: one paragraph per form, then the note."""
    parts = []
    for key, name in FORMS:
        lines = [f"{aspect.name}: {aspect.per_form[key]}" for aspect in ASPECTS]
        parts.append(f"{name}\n" + "\n".join(lines))
    parts.append(str(DISCLAIMER))
    return "\n\n".join(parts)
