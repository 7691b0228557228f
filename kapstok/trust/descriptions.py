"""What each kind of record Kapstok keeps about a person is, in Dutch words (AVG art. 12, 15).

The personal-data overview (`kapstok.trust.my_data`: the page, the PDF and the JSON download)
shows every record through its kind's `Description`: what it is, why it is kept and on what
ground, since when (the record's own date) and how long it is kept. How long comes from the
retention rules in `kapstok.trust.retention` where one exists (`retention=` names its category,
so the words are the same as on the admins' data inventory); otherwise `kept` says it truthfully
in words.

Fields are shown with the model's Dutch `verbose_name`, or with the label given here when the
model has none (Django then makes one from the field's English name). Values are formatted for
people (`display_value`): dates as "6 december 2026", yes/no as "ja"/"nee", choices by their
label, related records by their name, nothing as "–". Left out: primary keys, internal fields
(`INTERNAL_FIELDS`), hashes, tokens and secrets (each description's `omit`), and JSON or file
fields unless a description formats them (`values`).

Every model that points at the user, an entrepreneur or a membership (the rule the export walks,
`kapstok.trust.my_data.linked_models`) must have a description here, or be exempt with a reason
(`EXEMPT`): `kapstok/trust/tests/test_descriptions.py` fails otherwise. A new app that keeps
something about a person therefore adds one entry to `DESCRIPTIONS`:

    "peers.meetingrsvp": Description(
        name=_("Aanmeldingen voor bijeenkomsten"),
        what=_("Of u komt naar een bijeenkomst van kantoren, en of u er was."),
        why=_("Zodat de organisator weet wie er komt."),
        ground=GROUND_NETWORK,
        since="answered_at",
        kept=KEPT_WITH_OFFICE,
        omit=("user",),
        labels={"answered_at": _("geantwoord op")},
    ),
"""

import datetime
import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import registry

EMPTY = "–"

# --- grounds (AVG art. 6 lid 1) and common retention texts -------------------------------------

GROUND_CONSENT = _("uw toestemming (AVG artikel 6 lid 1 onder a)")
GROUND_MEMBERSHIP = _("nodig voor uw account en uw lidmaatschap (AVG artikel 6 lid 1 onder b)")
GROUND_NETWORK = _(
    "gerechtvaardigd belang: het kantoor en het POS laten het netwerk werken "
    "(AVG artikel 6 lid 1 onder f)"
)
GROUND_SECURITY = _(
    "gerechtvaardigd belang: de beveiliging van uw account en van het platform "
    "(AVG artikel 6 lid 1 onder f)"
)
GROUND_RESEARCH = _(
    "gerechtvaardigd belang: onderzoek naar de POS-kantoren; onderzoekers zien alleen "
    "pseudoniemen (AVG artikel 6 lid 1 onder f en artikel 89)"
)

KEPT_WITH_OFFICE = _(
    "Zolang het kantoor dit bewaart; er is geen vaste termijn. Laat u uw gegevens wissen, dan "
    "blijft het staan, maar zonder uw naam."
)
KEPT_WITH_PLATFORM = _(
    "Zolang het POS dit bewaart; er is geen vaste termijn. Laat u uw gegevens wissen, dan "
    "blijft het staan, maar zonder uw naam."
)
KEPT_WITH_MEMBERSHIP = _(
    "Zolang het lidmaatschap bestaat; ook na uw vertrek, zodat de ledenaantallen van vroeger "
    "kloppen. Bij wissen blijft het staan zonder de naam van uw onderneming."
)
KEPT_WITH_RESEARCH = _(
    "Zolang het onderzoeksproject bestaat. Laat u uw gegevens wissen, dan blijft het staan, "
    "maar zonder uw naam; in exports staat u alleen onder een pseudoniem."
)

# Never shown, whatever the model: sort positions and demo markers say nothing about a person.
INTERNAL_FIELDS = frozenset({"position", "is_demo"})

# Dutch labels for fields whose model gives none (Django's default is the English field name).
COMMON_LABELS: dict[str, Promise] = {
    "acknowledged_at": _("gezien op"),
    "acknowledged_by": _("gezien door"),
    "agreement": _("rollenafspraak"),
    "answered_at": _("geantwoord op"),
    "author": _("geschreven door"),
    "changed_at": _("gewijzigd op"),
    "changed_by": _("gewijzigd door"),
    "closed_at": _("gesloten op"),
    "created_at": _("aangemaakt op"),
    "created_by": _("aangemaakt door"),
    "decided_by": _("besloten door"),
    "entrepreneur": _("onderneming"),
    "goal": _("doel"),
    "meeting": _("bijeenkomst"),
    "municipality": _("gemeente"),
    "name": _("naam"),
    "office": _("kantoor"),
    "party": _("partij"),
    "post": _("bericht"),
    "practice": _("praktijkvoorbeeld"),
    "project": _("project"),
    "proposed_at": _("voorgesteld op"),
    "proposed_by": _("voorgesteld door"),
    "questionnaire": _("vragenlijst"),
    "recorded_at": _("vastgelegd op"),
    "recorded_by": _("vastgelegd door"),
    "request": _("ondersteuningsvraag"),
    "session": _("sessie"),
    "strategy": _("strategie"),
    "submitted_at": _("ingediend op"),
    "submitted_by": _("ingediend door"),
    "updated_at": _("gewijzigd op"),
    "updated_by": _("gewijzigd door"),
    "uploaded_at": _("geüpload op"),
    "uploaded_by": _("geüpload door"),
    "user": _("account"),
    "wave": _("meetronde"),
}


@dataclass(frozen=True)
class Extra:
    """A value that is not one concrete field (a many-to-many, a text looked up elsewhere)."""

    key: str  # stable machine key in the JSON
    label: Promise | str
    value: Callable[[models.Model], str]


@dataclass(frozen=True)
class Description:
    """One kind of record, described for the person it is about."""

    name: Promise | str  # heading: what these records are, plural
    what: Promise | str  # what one record is
    why: Promise | str  # what it is kept for
    ground: Promise | str  # the legal ground (AVG art. 6)
    since: str  # the field holding the record's date ("sinds")
    kept: Promise | str = ""  # how long, in words, when no retention rule applies
    retention: str = ""  # category of the rule in `retention` that says how long
    omit: tuple[str, ...] = ()  # fields deliberately left out
    labels: Mapping[str, Promise | str] = field(default_factory=dict)
    values: Mapping[str, Callable[[models.Model], str]] = field(default_factory=dict)
    extras: tuple[Extra, ...] = ()

    def how_long(self) -> str:
        """How long records of this kind are kept, in words (from the retention rule if any)."""
        if self.retention:
            from . import retention

            rules = {rule.category: rule.kept for rule in retention.rules()}
            rules.update(retention.HELD_WHILE_ACTIVE)
            return capfirst(rules[self.retention]) + "."
        return str(self.kept)


# --- formatting values --------------------------------------------------------------------------


def yes_no(value: bool) -> str:
    return gettext("ja") if value else gettext("nee")


def format_date(value) -> str:
    """A date or a moment as people write it ("6 december 2026"), in local time."""
    if value is None:
        return EMPTY
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "j F Y, H:i")
    return formats.date_format(value, "j F Y")


def format_day(value) -> str:
    """Only the day of a date or moment ("6 december 2026")."""
    if value is None:
        return EMPTY
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y")


def _plain(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, decimal.Decimal | float):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value) or EMPTY
    return str(value)


def label_for(description: Description, model_field) -> str:
    """The Dutch label of a field: the description's, the model's own, or the common one."""
    if model_field.name in description.labels:
        return str(description.labels[model_field.name])
    if getattr(model_field, "_verbose_name", None) is not None:
        return str(model_field.verbose_name)
    if model_field.name in COMMON_LABELS:
        return str(COMMON_LABELS[model_field.name])
    return ""  # no Dutch label: the checks in the tests refuse this


def shown_fields(model: type[models.Model], description: Description) -> list:
    """The concrete fields a record of this kind shows, in the model's order."""
    shown = []
    for model_field in model._meta.concrete_fields:
        name = model_field.name
        if name in description.omit or name in INTERNAL_FIELDS:
            continue
        if model_field.primary_key and not model_field.is_relation:
            continue
        if name not in description.values and isinstance(
            model_field, models.JSONField | models.FileField | models.BinaryField
        ):
            continue  # machine data: shown only when the description formats it
        shown.append(model_field)
    return shown


def display_value(instance: models.Model, model_field, description: Description) -> str:
    """One field of one record, formatted for people."""
    if model_field.name in description.values:
        return description.values[model_field.name](instance) or EMPTY
    if model_field.is_relation:
        related = getattr(instance, model_field.name)
        return EMPTY if related is None else str(related)
    value = getattr(instance, model_field.attname)
    if model_field.choices and value not in (None, ""):
        return str(instance._get_FIELD_display(model_field))
    return _plain(value)


# --- custom values -------------------------------------------------------------------------------


def _scope(grant) -> str:
    return str(grant.scope_object() or EMPTY)


def _branches(entrepreneur) -> str:
    return ", ".join(str(b) for b in entrepreneur.branches.all()) or EMPTY


def _organisations(entrepreneur) -> str:
    return ", ".join(str(o) for o in entrepreneur.branch_organisations.all()) or EMPTY


def _consent_text(record) -> str:
    from .consent import text_for

    return text_for(record) or EMPTY


def registered(key: str) -> Callable[[models.Model], str]:
    """A value put in words by the app that owns it (`registry.register_field_display`)."""

    def display(instance: models.Model) -> str:
        fn = registry.field_display(key)
        if fn is None:
            return _plain(getattr(instance, key.rsplit(".", 1)[1]))
        return fn(instance)

    return display


def _support_request(row) -> str:
    request = row.request
    return gettext("%(category)s, gesteld op %(date)s") % {
        "category": request.category,
        "date": format_day(request.created_at),
    }


def _coded_question(coding) -> str:
    return coding.answer.question.text


# --- the catalogue -----------------------------------------------------------------------------

DESCRIPTIONS: dict[str, Description] = {
    # accounts ----------------------------------------------------------------------------------
    "accounts.user": Description(
        name=_("Uw account"),
        what=_("Uw naam en e-mailadres, waarmee u inlogt, en wanneer u het laatst inlogde."),
        why=_("Om u te laten inloggen en u te laten zien wat bij uw rollen hoort."),
        ground=GROUND_MEMBERSHIP,
        since="date_joined",
        retention="Accounts (naam, e-mail)",
        omit=("password",),
    ),
    "accounts.rolegrant": Description(
        name=_("Uw rollen"),
        what=_("Welke rol u heeft en bij welk kantoor, welke gemeente, partner of onderneming."),
        why=_("Uw rollen bepalen wat u in Kapstok mag zien en doen."),
        ground=GROUND_MEMBERSHIP,
        since="granted_at",
        kept=_(
            "Ook na afloop, als geschiedenis van wie wanneer welke rol had; bij wissen van uw "
            "gegevens vervallen al uw rollen."
        ),
        omit=("user", "office", "municipality", "partner", "entrepreneur"),
        extras=(Extra("scope", _("bij"), _scope),),
    ),
    "otp_totp.totpdevice": Description(
        name=_("Tweestapsverificatie"),
        what=_(
            "De authenticator-app die u koppelde. Het geheim waarmee de app codes maakt, staat "
            "hier niet: dat blijft alleen op de server."
        ),
        why=_("Om te controleren dat u het bent als u inlogt."),
        ground=GROUND_SECURITY,
        since="created_at",
        kept=_("Zolang uw account bestaat."),
        omit=(
            "user",
            "key",
            "step",
            "t0",
            "digits",
            "tolerance",
            "drift",
            "last_t",
            "throttling_failure_timestamp",
            "throttling_failure_count",
        ),
        labels={"confirmed": _("bevestigd"), "last_used_at": _("laatst gebruikt op")},
    ),
    # network ----------------------------------------------------------------------------------
    "network.entrepreneur": Description(
        name=_("Uw onderneming"),
        what=_(
            "De gegevens van de onderneming die u vertegenwoordigt: naam, KvK-nummer, "
            "contactgegevens, gemeente en takken van sport."
        ),
        why=_(
            "Het kantoor houdt zijn leden bij, neemt contact met u op en ziet welke sport er "
            "in het netwerk zit."
        ),
        ground=GROUND_MEMBERSHIP,
        since="created_at",
        retention="Ondernemers (naam, contactgegevens)",
        labels={"updated_at": _("laatst gewijzigd op")},
        extras=(
            Extra("branches", _("takken van sport"), _branches),
            Extra("branch_organisations", _("lid van brancheorganisaties"), _organisations),
        ),
    ),
    "network.membership": Description(
        name=_("Lidmaatschappen"),
        what=_("Bij welk POS-kantoor uw onderneming lid is of was, en sinds wanneer."),
        why=_(
            "Het kantoor weet wie zijn leden zijn; de ledenaantallen en de groei van het "
            "netwerk worden eruit berekend."
        ),
        ground=GROUND_MEMBERSHIP,
        since="joined_on",
        kept=KEPT_WITH_MEMBERSHIP,
        omit=("entrepreneur",),
    ),
    "network.membershipclaim": Description(
        name=_("Verzoeken om lid te tellen"),
        what=_("Een kantoor vroeg of uw onderneming als lid mag tellen, en wat er besloten is."),
        why=_("Een onderneming telt pas als lid als zij dat zelf bevestigt."),
        ground=GROUND_MEMBERSHIP,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "network.officeevent": Description(
        name=_("Gebeurtenissen op de tijdlijn van een kantoor"),
        what=_("Iets wat u bij een kantoor deed, zoals een lid toevoegen of een doel aanmaken."),
        why=_("De tijdlijn laat het kantoor zien wat er gebeurt en wie het deed."),
        ground=GROUND_NETWORK,
        since="occurred_at",
        kept=KEPT_WITH_OFFICE,
        omit=("url",),
        labels={"actor": _("door")},
    ),
    # public -----------------------------------------------------------------------------------
    "public.joinrequest": Description(
        name=_("Aanmeldingen via de website"),
        what=_("Wat u invulde toen u zich via de website aanmeldde bij een kantoor."),
        why=_("Zodat de kartrekker uw aanmelding kan beoordelen en contact met u kan opnemen."),
        ground=_(
            "uw toestemming en de stappen om u lid te maken (AVG artikel 6 lid 1 onder a en b)"
        ),
        since="created_at",
        retention="Aanmeldingen van niet-leden (publiek formulier)",
    ),
    "public.officepublicpage": Description(
        name=_("Openbare kantoorpagina's die u bewerkte"),
        what=_(
            "De teksten van de openbare pagina van een kantoor; u was de laatste die ze wijzigde."
        ),
        why=_("Het kantoor weet wie de teksten het laatst heeft aangepast."),
        ground=GROUND_NETWORK,
        since="updated_at",
        kept=KEPT_WITH_OFFICE,
    ),
    # strategy ---------------------------------------------------------------------------------
    "strategy.strategysession": Description(
        name=_("Strategische sessies die u organiseerde of begeleidde"),
        what=_("Een strategische sessie van een kantoor die u aanmaakte of begeleidde."),
        why=_("Het kantoor plant en houdt zijn sessies bij."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        omit=("join_code",),
    ),
    "strategy.participant": Description(
        name=_("Deelname aan strategische sessies"),
        what=_("Dat u meedeed aan een strategische sessie, onder welke naam."),
        why=_("Om uw kaartjes en stippen in de sessie mee te tellen."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=_(
            "Zolang het kantoor de sessie bewaart. De naam die u in de sessie gebruikte, blijft "
            "bij de sessie staan, ook als u uw gegevens laat wissen."
        ),
        omit=("user",),
        labels={"created_at": _("deelgenomen op"), "removed_by": _("verwijderd door")},
    ),
    # goals ------------------------------------------------------------------------------------
    "goals.goal": Description(
        name=_("Doelen"),
        what=_("Een doel van een kantoor waarvan u eigenaar bent of dat u aanmaakte."),
        why=_("Het kantoor werkt aan zijn doelen en weet wie waarvoor staat."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "goals.project": Description(
        name=_("Projecten"),
        what=_("Een project van een kantoor waarvan u eigenaar bent."),
        why=_("Het kantoor weet wie het project trekt."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "goals.activity": Description(
        name=_("Activiteiten"),
        what=_("Een activiteit in een project waarvan u eigenaar bent."),
        why=_("Het kantoor weet wie de activiteit uitvoert."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "goals.measurement": Description(
        name=_("Metingen"),
        what=_("Een meting van een doel die u invoerde."),
        why=_("Het kantoor volgt zo of het zijn doel haalt."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    # progress ---------------------------------------------------------------------------------
    "progress.signal": Description(
        name=_("Doorpak-signalen die u zag"),
        what=_("Een signaal dat een kantoor vastloopt, dat u als gezien markeerde."),
        why=_("Het POS weet wie het signaal heeft opgepakt."),
        ground=GROUND_NETWORK,
        since="acknowledged_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    "progress.stallsettings": Description(
        name=_("Instellingen van de doorpak-signalen"),
        what=_("De landelijke instellingen van de doorpak-signalen; u wijzigde ze het laatst."),
        why=_("Het POS weet wie de instellingen het laatst aanpaste."),
        ground=GROUND_NETWORK,
        since="updated_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    # representation ---------------------------------------------------------------------------
    "representation.landscapebusiness": Description(
        name=_("Uw onderneming in het sportlandschap"),
        what=_(
            "Uw onderneming zoals die in een KvK-bestand van een kantoor staat (het "
            "sportlandschap van de gemeente), en of Kapstok haar aan u koppelde."
        ),
        why=_(
            "Het kantoor vergelijkt zijn leden met alle sportondernemers in de gemeente, om te "
            "zien welke takken van sport nog ontbreken."
        ),
        ground=GROUND_NETWORK,
        since="first_imported_at",
        kept=_("Tot het kantoor een nieuw KvK-bestand inleest zonder uw onderneming."),
        omit=("suggestion_score",),
        labels={
            "match_kind": _("hoe gekoppeld"),
            "suggested_entrepreneur": _("voorgestelde koppeling"),
            "rejected_entrepreneur": _("afgewezen koppeling"),
        },
    ),
    "representation.prospect": Description(
        name=_("Kandidaat-leden die u benadert"),
        what=_("Een onderneming die het kantoor wil laten aansluiten, met u als eigenaar."),
        why=_("Het kantoor weet wie welke onderneming benadert."),
        ground=GROUND_NETWORK,
        since="updated_at",
        kept=KEPT_WITH_OFFICE,
        labels={"business": _("onderneming")},
    ),
    "representation.branchclassification": Description(
        name=_("Indelingen in een tak van sport"),
        what=_("Een onderneming uit het sportlandschap die u in een tak van sport indeelde."),
        why=_("Zodat de keuze bij een volgende import blijft staan."),
        ground=GROUND_NETWORK,
        since="classified_at",
        kept=KEPT_WITH_OFFICE,
        labels={
            "kvk_number": _("KvK-nummer"),
            "establishment_number": _("vestigingsnummer"),
            "branch": _("tak van sport"),
            "classified_by": _("ingedeeld door"),
            "classified_at": _("ingedeeld op"),
        },
    ),
    "representation.importjob": Description(
        name=_("Ingelezen KvK-bestanden"),
        what=_("Een KvK-bestand dat u inlas voor het sportlandschap van een kantoor."),
        why=_("Het kantoor ziet welke import wanneer en door wie is gedaan."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        labels={
            "size": _("grootte (bytes)"),
            "status": _("stand"),
            "progress": _("voortgang (%)"),
            "message": _("melding"),
            "finished_at": _("klaar op"),
        },
        omit=("retry_status",),  # which step "Opnieuw proberen" restarts: nothing about you
    ),
    # peers ------------------------------------------------------------------------------------
    "peers.peerweights": Description(
        name=_("Gewichten voor collega-kantoren"),
        what=_("Hoe zwaar elk kenmerk telt als kantoren met elkaar worden vergeleken."),
        why=_("Het POS weet wie de gewichten het laatst aanpaste."),
        ground=GROUND_NETWORK,
        since="updated_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    "peers.practice": Description(
        name=_("Praktijkvoorbeelden"),
        what=_("Een praktijkvoorbeeld dat u schreef."),
        why=_("Kantoren leren van elkaars aanpak."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        omit=("search_terms", "search_document"),
        labels={"source_project": _("komt voort uit project")},
    ),
    "peers.practicetrial": Description(
        name=_("Ook geprobeerd"),
        what=_("Dat uw kantoor een praktijkvoorbeeld ook probeerde, en hoe dat ging."),
        why=_("Kantoren zien welke aanpak elders werkte."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "peers.exchangepost": Description(
        name=_("Berichten op het uitwisselbord"),
        what=_("Een vraag of aanbod dat u op het uitwisselbord zette."),
        why=_("Kantoren helpen elkaar."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "clubs.sportsclub": Description(
        name=_("Sportverenigingen die u registreerde"),
        what=_("Een sportvereniging die u toevoegde of importeerde."),
        why=_("Kantoren en gemeenten zien met welke verenigingen ondernemers samenwerken."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_PLATFORM,
        omit=("is_demo",),
    ),
    "clubs.clubpractice": Description(
        name=_("Verenigingen bij praktijkvoorbeelden"),
        what=_("Dat u een sportvereniging aan een praktijkvoorbeeld koppelde."),
        why=_("Kantoren zien welke verenigingen meededen."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    "clubs.clubmeeting": Description(
        name=_("Verenigingen bij bijeenkomsten"),
        what=_("Dat u een sportvereniging aan een bijeenkomst koppelde."),
        why=_("Kantoren zien welke verenigingen meededen."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    "clubs.clubpost": Description(
        name=_("Verenigingen bij berichten"),
        what=_("Dat u een sportvereniging aan een bericht op het uitwisselbord koppelde."),
        why=_("Kantoren zien welke verenigingen meededen."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_PLATFORM,
    ),
    "peers.exchangereply": Description(
        name=_("Reacties op het uitwisselbord"),
        what=_("Een reactie die u op het uitwisselbord gaf."),
        why=_("Kantoren helpen elkaar."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "peers.meeting": Description(
        name=_("Bijeenkomsten die u aanmaakte"),
        what=_("Een bijeenkomst van kantoren die u in de agenda zette."),
        why=_("Deelnemers weten wanneer en waar de bijeenkomst is."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        values={"invited_roles": registered("peers.meeting.invited_roles")},
    ),
    "peers.meetingrsvp": Description(
        name=_("Aanmeldingen voor bijeenkomsten"),
        what=_("Of u naar een bijeenkomst komt, en of u er was."),
        why=_("De organisator weet wie er komt."),
        ground=GROUND_NETWORK,
        since="answered_at",
        kept=KEPT_WITH_OFFICE,
        omit=("user",),
    ),
    # trust ------------------------------------------------------------------------------------
    "trust.consentrecord": Description(
        name=_("Uw toestemmingen, ook ingetrokken"),
        what=_("Waarvoor u toestemming gaf of die introk, wanneer, en de tekst die u zag."),
        why=_("Om te kunnen laten zien waarmee u instemde."),
        ground=_("wettelijke plicht om toestemming aan te tonen (AVG artikel 7 lid 1)"),
        since="recorded_at",
        retention="Toestemmingen (wat, wanneer, welke tekst)",
        omit=("text_hash", "user", "join_request"),
        extras=(Extra("text", _("tekst"), _consent_text),),
    ),
    "trust.auditentry": Description(
        name=_("Wijzigingen die u maakte"),
        what=_("Een regel in het auditlog: welke persoonsgegevens of rollen u wijzigde."),
        why=_("Om achteraf te kunnen nagaan wie wat veranderde."),
        ground=GROUND_SECURITY,
        since="occurred_at",
        retention="Auditlog",
        omit=("object_id", "before", "after"),
    ),
    # support ----------------------------------------------------------------------------------
    "support.supportrequest": Description(
        name=_("Ondersteuningsvragen"),
        what=_("Een vraag om ondersteuning die u stelde of behandelt."),
        why=_("Om de vraag te beantwoorden en te zien hoe snel dat ging."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        # The running clock's base and frozen value only let the queue filter late requests
        # in SQL: bookkeeping of the desk, nothing the person said or that was decided.
        omit=("merged_into", "clock_base", "clock_frozen"),
        labels={
            "first_response_at": _("eerste reactie op"),
            "resolved_at": _("opgelost op"),
        },
    ),
    "support.message": Description(
        name=_("Berichten bij ondersteuningsvragen"),
        what=_("Een bericht dat u bij een ondersteuningsvraag schreef."),
        why=_("Het gesprek over de vraag blijft bij elkaar."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        labels={"from_handler": _("van de behandelaar")},
        values={"request": _support_request},
    ),
    "support.attachment": Description(
        name=_("Bijlagen bij ondersteuningsvragen"),
        what=_("Een bestand dat u bij een ondersteuningsvraag meestuurde."),
        why=_("De behandelaar heeft het nodig om de vraag te beantwoorden."),
        ground=GROUND_NETWORK,
        since="uploaded_at",
        kept=KEPT_WITH_OFFICE,
        omit=("message",),
        labels={
            "name": _("bestandsnaam"),
            "content_type": _("soort bestand"),
            "size": _("grootte (bytes)"),
        },
        values={"request": _support_request},
    ),
    "municipality.contribution": Description(
        name=_("Gemeentelijke bijdragen"),
        what=_("Een bijdrage van een gemeente aan een kantoor die u vastlegde."),
        why=_("Het kantoor en de gemeente zien wat de gemeente bijdroeg."),
        ground=GROUND_NETWORK,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
    ),
    # messaging --------------------------------------------------------------------------------
    "messaging.officemessage": Description(
        name=_("Berichten via het kantoor"),
        what=_("Een bericht aan de leden van een kantoor dat u schreef of beoordeelde."),
        why=_("Het bericht wordt via het kantoor verstuurd; achteraf is te zien wie het stuurde."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "messaging.delivery": Description(
        name=_("Ontvangen berichten via het kantoor"),
        what=_("Een bericht dat uw onderneming via het kantoor kreeg, en of het gelezen is."),
        why=_("De afzender ziet alleen hoeveel berichten zijn aangekomen, niet aan wie."),
        ground=GROUND_NETWORK,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
        labels={"message": _("bericht")},
    ),
    # community: what an office does for the people around it --------------------------------
    "community.communityactivity": Description(
        name=_("Activiteiten voor de buurt"),
        what=_("Een activiteit van het kantoor voor de buurt die u vastlegde."),
        why=_("Het kantoor laat zien wat het doet; wie het vastlegde, is te zien voor correcties."),
        ground=GROUND_NETWORK,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
        labels={"recorded_by": _("vastgelegd door"), "recorded_at": _("vastgelegd op")},
    ),
    "community.communitystory": Description(
        name=_("Verhalen voor de buurt"),
        what=_("Een verhaal met foto van het kantoor dat u schreef."),
        why=_("Het kantoor laat zien wat het doet; wie het schreef, is te zien voor correcties."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        omit=("photo_width", "photo_height"),
        labels={
            "photo": _("foto"),
            "created_by": _("geschreven door"),
            "created_at": _("geschreven op"),
            "published_at": _("gepubliceerd op"),
            "updated_at": _("gewijzigd op"),
        },
    ),
    # municall: calls from the municipality and members' questions to it ---------------------
    "municall.call": Description(
        name=_("Oproepen van de gemeente"),
        what=_("Een oproep aan de leden van een kantoor die u schreef of beoordeelde."),
        why=_("De oproep gaat via het kantoor naar de leden; achteraf is te zien wie hem deed."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "municall.callanswer": Description(
        name=_("Reacties op oproepen van de gemeente"),
        what=_(
            "Dat uw onderneming meedoet aan een oproep, uw korte reactie en of de gemeente uw "
            "naam en contactgegevens mag zien."
        ),
        why=_("Zodat het kantoor en (met uw toestemming) de gemeente weten wie meedoet."),
        ground=GROUND_CONSENT,
        since="answered_at",
        kept=_(
            "Tot u uw reactie intrekt (kan tot de uiterste datum), of zolang het kantoor bestaat."
        ),
        labels={"call": _("oproep"), "person": _("gegeven door")},
    ),
    "municall.question": Description(
        name=_("Vragen aan de gemeente"),
        what=_(
            "Een vraag van uw onderneming aan de gemeente via het kantoor, zoals doorgestuurd, "
            "en het antwoord."
        ),
        why=_("Het kantoor stuurt de vraag door; u leest het antwoord in Kapstok."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        omit=("outcome_seen_at",),
        labels={
            "asker": _("gesteld door"),
            "routed_by": _("doorgestuurd of afgewezen door"),
            "answered_by": _("beantwoord door"),
        },
    ),
    "messaging.optout": Description(
        name=_("Afmeldingen voor berichten"),
        what=_("Van welke afzender uw onderneming geen berichten meer wil via een kantoor."),
        why=_("Zodat u die berichten niet meer krijgt."),
        ground=GROUND_CONSENT,
        since="created_at",
        kept=_("Zolang u afgemeld blijft."),
    ),
    "messaging.officemessaging": Description(
        name=_("Berichtinstellingen van een kantoor"),
        what=_("Of berichten van de gemeente zonder goedkeuring mogen; u wijzigde dit het laatst."),
        why=_("Het kantoor weet wie de instelling aanpaste."),
        ground=GROUND_NETWORK,
        since="changed_at",
        kept=KEPT_WITH_OFFICE,
    ),
    # monitor and coding (research) ------------------------------------------------------------
    "monitor.questionnaire": Description(
        name=_("Vragenlijsten van de monitor"),
        what=_("Een vragenlijst voor de monitor die u aanmaakte."),
        why=_("Onderzoekers en het POS zien wie de vragenlijst maakte."),
        ground=GROUND_RESEARCH,
        since="created_at",
        kept=KEPT_WITH_RESEARCH,
        omit=("template_key",),
    ),
    "monitor.wave": Description(
        name=_("Meetrondes van de monitor"),
        what=_("Een meetronde van de monitor die u startte."),
        why=_("Onderzoekers en het POS zien wie de meetronde startte."),
        ground=GROUND_RESEARCH,
        since="created_at",
        kept=KEPT_WITH_RESEARCH,
    ),
    "monitor.invitation": Description(
        name=_("Uitnodigingen voor de monitor"),
        what=_(
            "Een uitnodiging om de vragenlijst van de monitor in te vullen. Uw antwoorden ziet "
            "een onderzoeker alleen onder een pseudoniem."
        ),
        why=_("Om u de vragenlijst te sturen en u te herinneren als u nog niet antwoordde."),
        ground=GROUND_RESEARCH,
        since="created_at",
        kept=_(
            "Zolang de meetronde bestaat. Laat u uw gegevens wissen, dan worden uw naam en "
            "e-mailadres uit de uitnodiging verwijderd; de antwoorden blijven, zonder naam."
        ),
        omit=("token", "respondent"),
    ),
    "coding.researchproject": Description(
        name=_("Onderzoeksprojecten"),
        what=_("Een onderzoeksproject dat u aanmaakte."),
        why=_("Onderzoekers en het POS zien wie het project maakte."),
        ground=GROUND_RESEARCH,
        since="created_at",
        kept=KEPT_WITH_RESEARCH,
        omit=("pseudonym_salt", "is_standing"),
    ),
    "coding.coding": Description(
        name=_("Coderingen"),
        what=_("Een fragment van een antwoord dat u een code gaf."),
        why=_(
            "De thematische analyse van de monitor; collega-onderzoekers zien u als codeur, "
            "niet bij naam."
        ),
        ground=GROUND_RESEARCH,
        since="created_at",
        kept=KEPT_WITH_RESEARCH,
        omit=("coder",),
        labels={"answer": _("bij de vraag"), "code": _("code")},
        values={"answer": _coded_question},
    ),
    # influence --------------------------------------------------------------------------------
    "influence.position": Description(
        name=_("Standpunten"),
        what=_("Een standpunt van een kantoor aan de gemeente dat u schreef of verstuurde."),
        why=_("Het kantoor laat zien wat het de gemeente vroeg en wat dat opleverde."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
        labels={
            "opened_at": _("opengesteld op"),
            "sent_by": _("verstuurd door"),
            "endorsements_at_sending": _("steunbetuigingen bij versturen"),
        },
    ),
    "influence.endorsement": Description(
        name=_("Steunbetuigingen"),
        what=_("Dat uw onderneming een standpunt van het kantoor steunt."),
        why=_("Het standpunt weegt zwaarder met de steun van de leden."),
        ground=GROUND_CONSENT,
        since="created_at",
        kept=_(
            "Zolang het standpunt bestaat; u kunt uw steun intrekken zolang het niet verstuurd is."
        ),
        labels={"position": _("standpunt"), "endorsed_by": _("gesteund door")},
    ),
    "influence.nationalposition": Description(
        name=_("Landelijke standpunten"),
        what=_("Een standpunt van POS namens alle kantoren dat u schreef."),
        why=_("POS laat zien wat het namens de ondernemers vroeg."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=_("Zolang het standpunt bestaat."),
        labels={
            "opened_at": _("opengesteld op"),
            "closed_at": _("gesloten op"),
        },
    ),
    "influence.nationalendorsement": Description(
        name=_("Landelijke steunbetuigingen"),
        what=_("Dat uw onderneming een landelijk standpunt van POS steunt."),
        why=_("Het standpunt weegt zwaarder met de steun van ondernemers in elke gemeente."),
        ground=GROUND_CONSENT,
        since="created_at",
        kept=_("Zolang het standpunt bestaat; u kunt uw steun intrekken zolang het open is."),
        labels={
            "position": _("standpunt"),
            "office": _("geteld bij kantoor"),
            "endorsed_by": _("gesteund door"),
        },
    ),
    "influence.achievement": Description(
        name=_("Behaalde resultaten"),
        what=_("Een resultaat van een kantoor dat u vastlegde."),
        why=_("Het kantoor laat zien wat het bereikte."),
        ground=GROUND_NETWORK,
        since="achieved_on",
        kept=KEPT_WITH_OFFICE,
        omit=("evidence_type",),
        labels={"evidence_name": _("bewijs (bestand)")},
    ),
    # agreements -------------------------------------------------------------------------------
    "agreements.roleagreement": Description(
        name=_("Rollenafspraken"),
        what=_("Een versie van de rollenafspraak van een kantoor die u maakte of voorstelde."),
        why=_("Het kantoor en zijn partners weten wie wat voorstelde."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "agreements.partyview": Description(
        name=_("Inbreng bij rollenafspraken"),
        what=_("Wat u namens een partij inbracht bij een rollenafspraak."),
        why=_("De afspraak komt uit de inbreng van alle partijen."),
        ground=GROUND_NETWORK,
        since="submitted_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "agreements.acknowledgement": Description(
        name=_("Akkoord op rollenafspraken"),
        what=_("Dat u namens een partij akkoord gaf op een rollenafspraak."),
        why=_("De afspraak geldt als alle partijen akkoord zijn."),
        ground=GROUND_NETWORK,
        since="acknowledged_at",
        kept=KEPT_WITH_OFFICE,
    ),
    # finances ---------------------------------------------------------------------------------
    "finances.feepayment": Description(
        name=_("Contributiebetalingen"),
        what=_(
            "Welke periode uw bedrijf de contributie van een kantoor betaalde, of die u boekte."
        ),
        why=_("Het kantoor houdt bij wie betaalde; alleen de kartrekkers en POS zien het."),
        ground=GROUND_MEMBERSHIP,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "finances.feeschedule": Description(
        name=_("Contributieregelingen"),
        what=_("Een contributieregeling van een kantoor die u instelde."),
        why=_("Het kantoor weet wie de contributie vaststelde."),
        ground=GROUND_NETWORK,
        since="created_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "finances.income": Description(
        name=_("Inkomsten van kantoren"),
        what=_("Een inkomst van een kantoor die u boekte."),
        why=_("Het kasboek van het kantoor laat zien wie wat boekte."),
        ground=GROUND_NETWORK,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
    ),
    "finances.expense": Description(
        name=_("Uitgaven van kantoren"),
        what=_("Een uitgave van een kantoor die u boekte."),
        why=_("Het kasboek van het kantoor laat zien wie wat boekte."),
        ground=GROUND_NETWORK,
        since="recorded_at",
        kept=KEPT_WITH_OFFICE,
    ),
}

# Models that point at a person but are not described, and why.
EXEMPT: dict[str, str] = {
    "admin.logentry": (
        "Django's own admin log; changes to personal data made in the admin are in the audit "
        "log too (kapstok.trust.admin_audit), which the overview counts."
    ),
}


def description_for(model: type[models.Model]) -> Description:
    return DESCRIPTIONS[model._meta.label_lower]


def record(instance: models.Model, description: Description | None = None) -> dict:
    """One record as the overview shows it: {"soort", "sinds", "velden": [...]}.

    Each field is {"sleutel": field name, "label": Dutch label, "waarde": formatted value}.
    """
    model = instance._meta.model  # not type(): request.user is a lazy object
    description = description or description_for(model)
    fields = [
        {
            "sleutel": model_field.name,
            "label": label_for(description, model_field),
            "waarde": display_value(instance, model_field, description),
        }
        for model_field in shown_fields(model, description)
    ]
    fields += [
        {"sleutel": extra.key, "label": str(extra.label), "waarde": extra.value(instance) or EMPTY}
        for extra in description.extras
    ]
    return {
        "soort": instance._meta.label_lower,
        "sinds": format_day(getattr(instance, description.since)),
        "velden": fields,
    }


def group(label: str, instances: list) -> dict:
    """All records of one kind with what the kind is: the unit the overview is made of.

    {"soort", "naam", "omschrijving", "doel", "grondslag", "bewaartermijn", "aantal", "records"}
    """
    description = DESCRIPTIONS[label]
    return {
        "soort": label,
        "naam": str(description.name),
        "omschrijving": str(description.what),
        "doel": str(description.why),
        "grondslag": str(description.ground),
        "bewaartermijn": description.how_long(),
        "aantal": len(instances),
        "records": [record(instance, description) for instance in instances],
    }
