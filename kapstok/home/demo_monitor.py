"""Demo data for the research monitor: last year's closed wave and this year's open one.

The closed wave asked the report's five offices A–E what the interviews of the report asked
(appendices 1–3): each lead, each office's municipality (for A its sport service organisation
too, which runs that office) and C's facilitator. The answers are fictitious but follow what
the report found per office: A quick and large under a sport service organisation's
direction; B small and turned into a vereniging at the municipality's request; C founded for a
seat in the sport council, with a facilitator; D stalled after a flying start; E started by
POS, large, with €600 from the sportakkoord. Snapshots hold the indicators at closing.
This year's wave is open for A–E with a few responses under way. Called from `demo_seed`.
"""

import datetime

from django.utils import timezone

from kapstok.monitor import selectors, services
from kapstok.monitor.answers import parse_answer
from kapstok.monitor.models import (
    Answer,
    Audience,
    Invitation,
    Questionnaire,
    Response,
    Snapshot,
    Wave,
    WaveQuestionnaire,
    WaveStatus,
)

WAVE_PREFIX = "Monitor POS-kantoren"

# Lead answers by question number in the lead template (see templates_data): 1–4 ontstaan,
# 5–9 ambities, 10–22 voortgang (11 number, 13 scale 1–5, 14 legal form, 18 ja/nee), 23–24.
LEAD_ANSWERS = {
    "A": {
        1: "Een medewerker van de sportservice-organisatie zag dat ondernemers nergens aan tafel "
        "zaten. Samen met drie ondernemers (fitness, dans en zwemles) en het POS heeft zij het "
        "initiatief genomen. Drijfveer: de commerciële aanbieders een plek geven naast de "
        "verenigingen.",
        2: "Via een eerste bijeenkomst in een sportschool, daarna persoonlijk bellen en mailen. "
        "De sportservice-organisatie deed de uitnodigingen en de verslaglegging.",
        3: "Gezien worden door de gemeente, kennis delen en samen zaken regelen die je alleen "
        "niet voor elkaar krijgt, zoals ruimte in gymzalen.",
        4: "De gemeente was positief en zag een centraal aanspreekpunt. Het POS leverde het "
        "format en kwam bij de start langs. De sportservice-organisatie voert de regie.",
        5: "Eén stem van alle sportondernemers richting gemeente en meer inwoners in beweging "
        "krijgen, samen met de verenigingen.",
        6: "Omdat ondernemers veel sporters bereiken maar bij beleid niet gehoord werden.",
        7: "In de eerste bijeenkomsten, nog zonder vaste sessie. Een strategische sessie staat "
        "gepland.",
        8: "Die zijn nog niet concreet. We willen groeien in leden en bij het sportakkoord "
        "aanschuiven.",
        9: "Eerst meer ondernemers aansluiten, dan via de sportservice-organisatie aan tafel "
        "bij de gemeente.",
        10: "Een kerngroep van vijf ondernemers met de medewerker van de sportservice-"
        "organisatie als kartrekker; geen vaste taakverdeling.",
        11: "48",
        12: "Vooral fitness, dans, vechtsport en yoga; weinig racketsport, golf en paardensport.",
        13: "3",
        14: "geen (informeel netwerk)",
        15: "Positief: het ging snel en er is veel energie.",
        16: "Goed: de opkomst en het netwerk. Beter: concrete doelen en taken, anders verslapt "
        "het. Kans: het sportakkoord. Uitdaging: grote ketens erbij krijgen.",
        17: "Netwerkbijeenkomsten en een gezamenlijke stand op de sportmarkt, georganiseerd "
        "door de sportservice-organisatie.",
        18: "ja",
        19: "Hulp bij het opzetten van een strategische sessie en bij de keuze voor een "
        "rechtsvorm.",
        20: "Met de sportservice-organisatie en het kernteam van het sportakkoord; dat loopt goed.",
        21: "We zijn uitgenodigd voor het kernteam van het sportakkoord.",
        22: "Nog bescheiden, maar we worden steeds vaker gevraagd.",
        23: "Doorpakken: een strategische sessie en daarna twee of drie concrete projecten.",
        24: "Van opstarten naar uitvoeren. Over vijf jaar een vaste gesprekspartner van de "
        "gemeente met een eigen rechtsvorm.",
    },
    "B": {
        1: "Drie ondernemers wilden samen optrekken; het POS hielp met de opzet. Drijfveer: "
        "niet langer los van elkaar met de gemeente praten.",
        3: "Samen sterker staan, maar velen vragen nog: wat levert het mij op?",
        4: "De gemeente vroeg ons een vereniging te worden, zodat zij ons een opdracht kon "
        "geven. Het POS dacht mee over de statuten.",
        5: "Een opdracht van de gemeente goed uitvoeren en zo laten zien wat ondernemers "
        "bijdragen aan sport en bewegen.",
        8: "Doelstellingen, strategieën en activiteiten uitwerken in het kader van de opdracht; "
        "twee beweegactiviteiten voor ouderen.",
        10: "Een vereniging met een bestuur van drie; de kartrekker is voorzitter.",
        11: "9",
        12: "Kleine zelfstandigen: personal training, yoga en een dansschool.",
        13: "2",
        14: "vereniging",
        15: "Leerzaam, maar het kost veel tijd naast het eigen bedrijf.",
        16: "Goed: de lijn met de gemeente. Beter: meer leden en verdeling van het werk.",
        18: "ja",
        19: "Vooral hulp bij ledenwerving en bij het schrijven van het plan voor de gemeente.",
        22: "Via de opdracht hebben we een duidelijke positie, maar weinig leden.",
        23: "Groeien tot twintig leden en de opdracht afronden.",
        24: "Over vijf jaar een vereniging die meerdere opdrachten uitvoert.",
    },
    "C": {
        1: "Ondernemers wilden een stem in de sportraad. Twee ondernemers namen het "
        "initiatief; een procesbegeleider hielp bij de opzet.",
        2: "Met een reeks bijeenkomsten onder leiding van de procesbegeleider.",
        3: "Invloed op het lokale sportbeleid via de sportraad.",
        4: "De gemeente steunde het idee van een zetel in de sportraad; het POS betaalde de "
        "procesbegeleiding.",
        5: "Meepraten over sportbeleid en subsidies, en samen activiteiten opzetten.",
        7: "In sessies met de procesbegeleider: kansen, uitdagingen en behoeften op tafel.",
        8: "Een zetel in de sportraad (gelukt), een gezamenlijke website en een "
        "kennisavond per kwartaal.",
        9: "De procesbegeleider hielp ons de stappen te zetten; nu nemen wij het over.",
        10: "Een kerngroep van vier; één afgevaardigde zit in de sportraad.",
        11: "22",
        12: "Een gemengde groep: fitness, vechtsport, zwemles en buitensport.",
        13: "3",
        14: "geen (informeel netwerk)",
        16: "Goed: de sportraad. Beter: de continuïteit nu de begeleiding stopt.",
        17: "Kennisavonden en een gezamenlijke stand op de braderie.",
        18: "nee",
        20: "Met de sportraad en de gemeente; dat gaat goed.",
        21: "Via de sportraad denken we mee over het sportakkoord.",
        22: "Via de sportraad hebben we echt invloed gekregen.",
        23: "Zelfstandig verder zonder procesbegeleider.",
        24: "Over vijf jaar een vaste partij in de sportraad met een eigen jaarplan.",
    },
    "D": {
        1: "Een paar ondernemers zagen wat elders gebeurde en wilden hetzelfde. Drijfveer: "
        "samen sterker, ook met een sportraad in de gemeente.",
        3: "Nieuwsgierigheid; de eerste bijeenkomst was goed bezocht.",
        4: "De gemeente was welwillend maar afwachtend; het POS kwam één keer langs.",
        5: "Eigenlijk nog niet scherp; samenwerken en zichtbaar zijn.",
        8: "Die zijn er nog niet.",
        10: "Eén kartrekker doet bijna alles; een paar leden zijn afgehaakt.",
        11: "6",
        12: "Vooral kleine zelfstandigen.",
        13: "1",
        14: "geen (informeel netwerk)",
        15: "Teleurstellend na de vliegende start.",
        16: "Goed: de start. Beter: doorpakken, want na een jaar zonder concrete doelen verliest "
        "het kantoor zijn relevantie. Uitdaging: tijd.",
        18: "ja",
        19: "Iemand die een strategische sessie begeleidt en ons helpt de eerste doelen te "
        "stellen. De ondersteuning kwam te traag op gang.",
        22: "Nauwelijks positie; de sportraad kent ons amper.",
        23: "Een nieuwe start met een sessie, of stoppen.",
        24: "Dat hangt af van de komende maanden.",
    },
    "E": {
        1: "Het POS nam het initiatief en zocht een paar actieve ondernemers als kartrekkers. "
        "Drijfveer: de branche zichtbaar maken in de gemeente.",
        2: "Met een kick-off, daarna veel persoonlijke gesprekken.",
        3: "Zichtbaarheid en klanten: wat levert het op? Het bord langs de invalsweg hielp.",
        4: "De gemeente gaf eenmalig €600 uit de middelen van het sportakkoord, vooral om het "
        "aantal aangesloten ondernemers te laten groeien.",
        5: "Groeien, zichtbaar zijn voor inwoners en samen een lokale sportdag organiseren.",
        6: "Omdat inwoners het kantoor niet kenden en ondernemers vroegen wat het oplevert.",
        7: "In een strategische sessie met de leden.",
        8: "Twintig nieuwe leden per jaar, een sportdag per jaar en een gezamenlijke website.",
        9: "Marketing en communicatie volgen de strategie: eerst zichtbaar, dan groeien.",
        10: "Twee kartrekkers en werkgroepen voor de sportdag en communicatie.",
        11: "57",
        12: "Breed: fitness, padel, dans, yoga, zwemles; ketens doen mee.",
        13: "4",
        14: "geen (informeel netwerk)",
        15: "Heel positief; er is veel energie.",
        16: "Goed: zichtbaarheid. Beter: de rolverdeling met de gemeente.",
        17: "Het bord langs de invalsweg en de lokale sportdag op het marktplein.",
        18: "nee",
        20: "Met de gemeente en het kernteam van het sportakkoord.",
        21: "De bijdrage kwam uit het sportakkoord; we schuiven aan bij de GALA-tafel.",
        22: "We worden gezien als de vertegenwoordiger van de sportondernemers.",
        23: "Een rechtsvorm kiezen en de sportdag jaarlijks maken.",
        24: "Over vijf jaar een stichting met vaste afspraken met de gemeente.",
    },
}

MUNICIPALITY_ANSWERS = {
    "A": {
        1: "De sportservice-organisatie voert namens de gemeente de regie over het kantoor; "
        "de gemeente is vooral opdrachtgever.",
        2: "Wij willen één aanspreekpunt onder de sportondernemers.",
        3: "Ondernemers bereiken groepen die verenigingen niet bereiken; dat helpt de "
        "beweegdoelen.",
        5: "Meer inwoners in beweging, vooral jongeren en ouderen.",
        6: "Goed, maar de rollen tussen gemeente, sportservice-organisatie en kantoor zijn niet "
        "overal helder.",
        8: "Positief, als het kantoor zelfstandiger wordt.",
        11: "Faciliteren en verbinden, niet de strategie bepalen.",
    },
    "B": {
        1: "Wij hebben het kantoor een opdracht gegeven; daarvoor moest het een vereniging worden.",
        2: "Zo kunnen we formeel samenwerken en geld beschikbaar stellen.",
        4: "Via de opdracht: beweegactiviteiten voor ouderen.",
        6: "Goed, al is het netwerk klein.",
        10: "De rol groeit als het kantoor meer leden krijgt.",
    },
    "C": {
        1: "Het kantoor heeft een zetel in de sportraad; daar spreken we elkaar.",
        2: "De sportraad is breder geworden met de ondernemers erbij.",
        3: "Ondernemers brengen een ander geluid en nieuwe ideeën in.",
        7: "Via de sportraad, naast de verenigingen; dat werkt goed.",
        8: "We willen de samenwerking voortzetten.",
    },
    "D": {
        1: "Wij zijn op de hoogte, maar er is weinig contact.",
        2: "In principe één aanspreekpunt, maar dat zien we nog niet.",
        6: "Er gebeurt weinig; we horen weinig van het kantoor.",
        8: "Afwachtend; we willen eerst concrete plannen zien.",
    },
    "E": {
        1: "We gaven eenmalig €600 uit de middelen van het sportakkoord en denken mee.",
        2: "Het kantoor helpt ons de commerciële aanbieders te bereiken.",
        3: "Meer aanbod zichtbaar voor inwoners; de sportdag was een succes.",
        4: "Zichtbaarheid, de sportdag en het sportakkoord.",
        6: "Goed. Wel willen we de afspraken over rollen vastleggen.",
        11: "Verbinden en af en toe ondersteunen, niet sturen.",
    },
}

FACILITATOR_ANSWERS = {
    1: "Ik ben gevraagd door het POS om het kantoor in de opstartfase te begeleiden.",
    2: "Met een aantal sessies: eerst ophalen wat er leeft, dan gemene delers zoeken en "
    "doelen stellen.",
    3: "De ondernemers kregen structuur en een duidelijke eerste stap: de sportraad. Daardoor "
    "ging het sneller.",
    4: "De kerngroep gebruikt de werkwijze van de sessies nog steeds.",
    5: "Op afstand: ik ben beschikbaar voor vragen en kom één keer per jaar langs.",
}

MUNICIPALITY_CONTACTS = {
    "A": ("Gerrit Gemert", "gemeente-a@demo.invalid"),
    "B": ("Bram Beleidsmedewerker", "beleid-b@demo.invalid"),
    "C": ("Carla Sportbeleid", "beleid-c@demo.invalid"),
    "D": ("Dirk Ambtenaar", "beleid-d@demo.invalid"),
    "E": ("Eva Beleidsadviseur", "beleid-e@demo.invalid"),
}


def _clear() -> None:
    waves = Wave.objects.filter(name__startswith=WAVE_PREFIX)
    copies = list(waves.values_list("wave_questionnaires__questionnaire", flat=True))
    waves.delete()
    Questionnaire.objects.filter(pk__in=[pk for pk in copies if pk], is_template=False).delete()


def _wave(name, year, opens_on, closes_on, offices, templates, pos) -> Wave:
    wave = Wave.objects.create(
        name=name, year=year, opens_on=opens_on, closes_on=closes_on, created_by=pos,
        status=WaveStatus.OPEN,
    )  # fmt: skip
    wave.offices.set(offices.values())
    for audience, template in templates.items():
        copy = services.questionnaire_copy(
            source=template, actor=pos, title=f"{template.title} – {name}"
        )
        WaveQuestionnaire.objects.create(wave=wave, questionnaire=copy, audience=audience)
    return wave


def _invite(wave, office, audience, user=None, name="", email="", sent=None) -> Invitation:
    link = wave.wave_questionnaires.get(audience=audience)
    return Invitation.objects.create(
        wave=wave, office=office, audience=audience, questionnaire=link.questionnaire,
        respondent=user, name=user.full_name if user else name,
        email=user.email if user else email, sent_at=sent,
    )  # fmt: skip


def _answer(invitation, answers: dict, when, submit: bool) -> None:
    """Store answers by question number, through the same parser a respondent's input takes."""
    response = Response.objects.create(invitation=invitation, started_at=when)
    questions = list(invitation.questionnaire.questions.all())
    rows = []
    for number, value in answers.items():
        parsed = parse_answer(questions[number - 1], [value])
        rows.append(
            Answer(
                response=response,
                question=questions[number - 1],
                text=parsed.text,
                number=parsed.number,
                choices=parsed.choices,
            )
        )
    Answer.objects.bulk_create(rows)
    if submit:
        Response.objects.filter(pk=response.pk).update(submitted_at=when)


def _respondents(wave, offices, sent) -> dict:
    """Invitations per (letter, audience): whom `recipients_for` finds (leads, civil servants,
    partner staff with an account), plus a made-up civil servant without an account where an
    office's municipality has nobody on the platform."""
    letters = {office.pk: letter for letter, office in offices.items()}
    invitations = {}
    for office_id, audience, user in services.recipients_for(letters, list(Audience)):
        key = (letters[office_id], str(audience))
        if key not in invitations:
            invitations[key] = _invite(wave, offices[key[0]], audience, user, sent=sent)
    for letter, (name, email) in MUNICIPALITY_CONTACTS.items():
        if (letter, "municipality") not in invitations:
            invitations[letter, "municipality"] = _invite(
                wave, offices[letter], Audience.MUNICIPALITY, name=name, email=email, sent=sent
            )
    return invitations


def _closed_wave(offices, templates, pos, today) -> Wave:
    year = today.year - 1
    opens_on, closes_on = datetime.date(year, 9, 1), datetime.date(year, 10, 15)
    wave = _wave(f"{WAVE_PREFIX} {year}", year, opens_on, closes_on, offices, templates, pos)
    sent = datetime.datetime(year, 9, 1, 9, tzinfo=datetime.UTC)
    invitations = _respondents(wave, offices, sent)
    for (letter, audience), invitation in invitations.items():
        answers = {
            "lead": LEAD_ANSWERS[letter],
            "municipality": MUNICIPALITY_ANSWERS[letter],
            "facilitator": FACILITATOR_ANSWERS,
        }[audience]
        if audience == "facilitator" and letter != "C":
            continue  # only C's facilitator was interviewed
        when = sent + datetime.timedelta(days=3 + ord(letter) - ord("A"))
        # D's municipality never answered, like the quiet municipality of a stalled office.
        if (letter, audience) != ("D", "municipality"):
            _answer(invitation, answers, when, submit=True)
        else:
            Invitation.objects.filter(pk=invitation.pk).update(
                reminded_at=sent + datetime.timedelta(days=7), last_reminder_count=2
            )
    closed = datetime.datetime(year, 10, 16, 8, tzinfo=datetime.UTC)
    indicators = selectors.office_indicators([o.pk for o in offices.values()], today=closes_on)
    Snapshot.objects.bulk_create(
        Snapshot(wave=wave, office_id=pk, indicators=values, taken_at=closed)
        for pk, values in indicators.items()
    )
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.CLOSED, closed_at=closed)
    wave.refresh_from_db()
    return wave


def _open_wave(offices, templates, pos, today) -> Wave:
    opens_on = today - datetime.timedelta(days=10)
    wave = _wave(f"{WAVE_PREFIX} {today.year}", today.year, opens_on,
                 today + datetime.timedelta(days=25), offices, templates, pos)  # fmt: skip
    sent = timezone.now() - datetime.timedelta(days=10)
    invitations = _respondents(wave, offices, sent)
    # E's lead has handed in; A's lead is half-way (the first two sections); C's municipality
    # has started.
    _answer(invitations["E", "lead"], LEAD_ANSWERS["E"], sent + datetime.timedelta(days=2), True)
    half = {n: v for n, v in LEAD_ANSWERS["A"].items() if n <= 9}
    _answer(invitations["A", "lead"], half, sent + datetime.timedelta(days=4), submit=False)
    first = {n: v for n, v in MUNICIPALITY_ANSWERS["C"].items() if n <= 3}
    _answer(invitations["C", "municipality"], first, sent + datetime.timedelta(days=5), False)
    return wave


def monitor_seed(*, offices: dict, pos, today: datetime.date) -> list[Wave]:
    """The templates, last year's closed wave (A–E, answered, snapshots) and this year's."""
    _clear()
    by_key = {t.template_key: t for t in services.templates_ensure()}
    templates = {Audience.LEAD: by_key["lead"], Audience.MUNICIPALITY: by_key["municipality"],
                 Audience.FACILITATOR: by_key["facilitator"]}  # fmt: skip
    return [
        _closed_wave(offices, templates, pos, today),
        _open_wave(offices, templates, pos, today),
    ]
