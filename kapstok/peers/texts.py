"""Peer reasons in Dutch words: "ook ~50.000 inwoners, sterk stedelijk, 25 km verderop"."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.analysis.phases import PHASES
from kapstok.analysis.similarity import Reason, round_population
from kapstok.network.models import Initiative, Urbanisation
from kapstok.progress.texts import PHASE_LABELS


def _number(value: int) -> str:
    """Dutch thousands separator: 52000 → "52.000"."""
    return f"{value:,}".replace(",", ".")


def _themes(names: list[str]) -> str:
    if len(names) == 1:
        return _("deelt het thema %(theme)s") % {"theme": names[0]}
    listed = ", ".join(names[:-1]) + " " + _("en") + " " + names[-1]
    return _("deelt de thema's %(themes)s") % {"themes": listed}


def reason_text(reason: Reason) -> str:
    """One reason as a short Dutch phrase."""
    value = reason.value
    if reason.code == "population":
        return _("ook ~%(n)s inwoners") % {"n": _number(round_population(value))}
    if reason.code == "urbanisation":
        return str(Urbanisation(value).label)
    if reason.code == "density":
        return _("vergelijkbare dichtheid (%(n)s per km²)") % {"n": _number(value)}
    if reason.code == "distance":
        return _("%(km)s km verderop") % {"km": value} if value else _("in de buurt")
    if reason.code == "size":
        return ngettext("ook ~%(n)s lid", "ook ~%(n)s leden", value) % {"n": value}
    if reason.code == "phase":
        return _("dezelfde fase (%(phase)s)") % {"phase": PHASE_LABELS[PHASES[value]].lower()}
    if reason.code == "initiative":
        return _("ook opgericht op initiatief van %(who)s") % {"who": Initiative(value).label}
    if reason.code == "themes":
        return _themes(value)
    return reason.code


def reasons_text(reasons) -> str:
    """All reasons joined: "ook ~50.000 inwoners, sterk stedelijk, 25 km verderop"."""
    return ", ".join(reason_text(reason) for reason in reasons)
