"""Dutch words for phases and stall signals: what it means, why it matters, what to do next."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

PHASE_LABELS = {
    "founded": _("opgericht"),
    "building": _("netwerk bouwen"),
    "strategy": _("strategie bepalen"),
    "executing": _("uitvoeren"),
    "embedded": _("geborgd"),
}

PHASE_EVIDENCE = {
    "founded": _("Het kantoor is opgericht."),
    "building": _("Er hebben zich ondernemers aangesloten (nu %(value)s leden)."),
    "strategy": _("Er is een strategische sessie gepland of gehouden (%(value)s in totaal)."),
    "executing": _("Er is een SMART-doel met een lopend project (%(value)s)."),
    "embedded": _("Indicatoren zijn in minstens twee kwartalen gemeten (%(value)s kwartalen)."),
}

PHASE_MISSING = {
    "building": _("Nog geen leden."),
    "strategy": _("Nog geen strategische sessie gepland of gehouden."),
    "executing": _("Nog geen SMART-doel met een lopend project."),
    "embedded": _("Indicatoren nog niet in twee kwartalen gemeten (nu %(value)s)."),
}

SIGNAL_EXPLANATIONS = {
    "no_session": _(
        "Het kantoor bestaat al langer dan %(months)s maanden zonder strategische sessie. "
        "Zonder sessie komen er geen gezamenlijke doelen en verliezen leden hun interesse."
    ),
    "no_smart_goal": _(
        "De laatste sessie was op %(session_on)s, en %(months)s maanden later is er nog geen "
        "SMART-doel. De energie van de sessie ebt weg als er niets concreets op volgt."
    ),
    "no_activity": _(
        "Al %(days)s dagen geen projectupdate, bijeenkomst of nieuw lid (laatste: %(last)s). "
        "Wie lang wacht, verliest relevantie bij de ondernemers."
    ),
    "shrinking": _(
        "Het ledental daalde de afgelopen %(months)s maanden van %(before)s naar %(now)s."
    ),
    "single_lead": _(
        "De afgelopen %(days)s dagen werd alles (%(actions)s acties) door één persoon gedaan. "
        "Het kantoor hangt op één kartrekker."
    ),
    "support_overdue": _(
        "%(count)s ondersteuningsvraag/-vragen staan langer open dan de afgesproken termijn."
    ),
    "member_value": _(
        "In de %(round)s gaven %(responses)s leden gemiddeld een %(score)s (van 5) voor wat het "
        "kantoor hun oplevert; de ronde ervoor was dat %(previous)s. Leden die er weinig uit "
        "halen, haken af."
    ),
    "member_response": _(
        "Maar %(responses)s van de %(members)s leden vulden de %(round)s in. Wie niet meer "
        "antwoordt, is vaak al half vertrokken."
    ),
}

SIGNAL_NEXT_STEPS = {
    "no_session": _("Plan een strategische sessie met de leden; het POS kan helpen begeleiden."),
    "no_smart_goal": _(
        "Maak van het belangrijkste thema uit de sessie een SMART-doel met eigenaar."
    ),
    "no_activity": _(
        "Deel een kleine, zichtbare actie of nodig de leden uit voor een bijeenkomst."
    ),
    "shrinking": _("Vraag vertrokken leden waarom, en laat zien wat het kantoor oplevert."),
    "single_lead": _("Verdeel taken: maak een lid eigenaar van een project of doel."),
    "support_overdue": _("Neem contact op met het POS over de openstaande vraag."),
    "member_value": _(
        "Lees de wensen uit de ledencheck, kies er met de leden één om dit halfjaar waar te "
        "maken, en vraag vertrokken leden waarom."
    ),
    "member_response": _(
        "Vraag leden persoonlijk om de ledencheck in te vullen (één minuut) en vertel wat het "
        "kantoor met de vorige antwoorden deed."
    ),
}


def _display(value):
    if isinstance(value, str):
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


class _Params(dict):
    """Parameters for a text; a missing one shows as '?' instead of breaking the page."""

    def __missing__(self, key):
        return "?"


def signal_explanation(rule: str, params: dict) -> str:
    values = _Params({key: _display(value) for key, value in params.items()})
    return str(SIGNAL_EXPLANATIONS[rule]) % values


def signal_next_step(rule: str) -> str:
    return str(SIGNAL_NEXT_STEPS[rule])


def phase_evidence_lines(phase_result) -> list[dict]:
    """Each phase check as a line for the page: met or not, in words."""
    lines = []
    for evidence in phase_result.evidence:
        texts = PHASE_EVIDENCE if evidence.met else PHASE_MISSING
        lines.append(
            {
                "phase": PHASE_LABELS[evidence.phase],
                "met": evidence.met,
                "text": str(texts[evidence.phase]) % {"value": evidence.value},
            }
        )
    return lines
