"""The three questionnaire templates, taken from the interview guides in the report's appendices.

Bijlage 1 is the guide for the kartrekker, bijlage 2 for the municipality or sport service
organisation, bijlage 3 for the facilitator (procesbegeleider). Each bullet of a guide's middle
part is one open question here, in the guide's own words and under the guide's own section
headings; the introduction and closing of the interview become the questionnaire's
introduction. Where a bullet asks for a count, a degree or a choice, it is split into its
sentences and those get a structured kind (number, scale, single choice) so the answers can be
compared over the years — the wording stays the report's.

Two deliberate changes, both checked by `tests/test_templates.py`:
- bijlage 3 speaks of "het POS-kantoor in gemeente C" (the one office the facilitator worked
  for); a template for every office says "in jouw gemeente";
- bijlage 3 has no sub-headings, so its questions stand under one section, "Procesbegeleiding".

The texts are data, not interface strings: they are not translated (the study is Dutch).
"""

LEAD = "lead"
MUNICIPALITY = "municipality"
FACILITATOR = "facilitator"

YES_NO = ["ja", "nee"]


def _open(text: str, **extra) -> dict:
    return {"text": text, "kind": "open", **extra}


TEMPLATES: dict[str, dict] = {
    LEAD: {
        "title": "Monitor POS-kantoren – kartrekker",
        "audience": LEAD,
        "description": (
            "Deze vragenlijst volgt de leidraad van de interviews met kartrekkers uit het "
            "onderzoek naar de POS-kantoren (bijlage 1). We vragen naar het ontstaan van uw "
            "kantoor, de ambities, de voortgang en het vervolg. U kunt tussendoor opslaan en "
            "later verder gaan via dezelfde link. Uw antwoorden worden gepseudonimiseerd "
            "geanalyseerd."
        ),
        "sections": [
            (
                "Ontstaan POS-kantoor",
                [
                    _open(
                        "Om welke redenen is het POS-kantoor ontstaan? Wie waren daarbij "
                        "betrokken als kartrekkers en namen het initiatief? Wat waren of zijn de "
                        "drijfveren van deze kartrekkers?",
                        required=True,
                    ),
                    _open(
                        "Hoe is het POS-kantoor ontstaan? Wie waren daarbij betrokken en hoe "
                        "gingen zij te werk?"
                    ),
                    _open(
                        "Wat waren de belangrijkste drijfveren voor ondernemers om zich bij het "
                        "POS-kantoor aan te sluiten?"
                    ),
                    _open(
                        "Hoe waren de lokale gemeente en het POS (zijnde de landelijke "
                        "koepelorganisatie) betrokken bij de oprichting van het kantoor? En hoe "
                        "droegen andere partijen hier eventueel aan bij?"
                    ),
                ],
            ),
            (
                "Ambities",
                [
                    _open("Wat zijn de ambities van het POS-kantoor?", required=True),
                    _open("Waarom zijn dat de ambities?"),
                    _open("Hoe zijn de ambities bepaald?"),
                    _open("In welke concrete doelstellingen vallen de ambities uiteen?"),
                    _open(
                        "Hoe gaan jullie de ambities realiseren? Kortom: wat is jullie strategie?"
                    ),
                ],
            ),
            (
                "Voortgang",
                [
                    _open("Hoe ziet de organisatie van het POS-kantoor er momenteel uit?"),
                    {
                        "text": "Hoeveel ondernemers zijn erbij betrokken?",
                        "kind": "number",
                        "required": True,
                    },
                    _open("Hoe zou je hen typeren?"),
                    {
                        "text": "En in hoeverre zijn zij een afspiegeling van de ondernemers in "
                        "de gemeente?",
                        "kind": "scale",
                        "scale_min": 1,
                        "scale_max": 5,
                        "scale_min_label": "helemaal niet",
                        "scale_max_label": "volledig",
                    },
                    {
                        "text": "Welke organisatievorm hebben jullie of streven jullie na "
                        "(bijvoorbeeld een vereniging of stichting)?",
                        "kind": "single",
                        "choices": [
                            "geen (informeel netwerk)",
                            "vereniging",
                            "stichting",
                            "anders",
                        ],
                    },
                    _open("Hoe ervaar je het POS-kantoor vooralsnog?"),
                    _open(
                        "Wat gaat er goed en wat kan er beter? Wat zijn de belangrijkste kansen "
                        "en uitdagingen?"
                    ),
                    _open(
                        "Welke activiteiten heeft het POS-kantoor vooralsnog op touw gezet? Wie "
                        "voert die uit?"
                    ),
                    {
                        "text": "Heeft het kantoor behoefte aan ondersteuning?",
                        "kind": "single",
                        "choices": YES_NO,
                        "key": "support_need",
                    },
                    _open(
                        "Hoe ziet die behoefte eruit?",
                        show_if={"key": "support_need", "values": ["ja"]},
                    ),
                    _open("Met welke organisaties werkt het netwerk samen en hoe gaat dat?"),
                    _open(
                        "Hoe is het POS-kantoor verbonden met het Sportakkoord en andere lokale "
                        "relevante beleidsplannen op het gebied van sport en bewegen?"
                    ),
                    _open("Wat is jullie positie in het lokale sportnetwerk? En jullie invloed?"),
                ],
            ),
            (
                "Vervolg",
                [
                    _open("Wat zijn je ideeën met betrekking tot het vervolg van het POS-kantoor?"),
                    _open("Hoe verandert jullie rol? Waar staat het kantoor over vijf jaar?"),
                ],
            ),
        ],
    },
    MUNICIPALITY: {
        "title": "Monitor POS-kantoren – gemeente of sportservice-organisatie",
        "audience": MUNICIPALITY,
        "description": (
            "Deze vragenlijst volgt de leidraad van de interviews met beleidsambtenaren en "
            "sportservice-organisaties uit het onderzoek naar de POS-kantoren (bijlage 2). We "
            "vragen naar het belang en de meerwaarde van het POS-kantoor, de samenwerking en het "
            "vervolg. U kunt tussendoor opslaan en later verder gaan via dezelfde link."
        ),
        "sections": [
            (
                "Belang en meerwaarde",
                [
                    _open(
                        "Hoe is de gemeente/ sportservice-organisatie betrokken bij het lokale "
                        "POS-kantoor? Wat is daarbij precies jullie rol?",
                        required=True,
                    ),
                    _open(
                        "Waarom is de gemeente/ sportservice-organisatie betrokken bij het "
                        "POS-kantoor? Wat is daarbij jullie belang?"
                    ),
                    _open(
                        "Wat is de meerwaarde van het POS-kantoor in relatie tot de sport- en "
                        "beweegdoelstellingen van de gemeente/ sportservice-organisatie? Wat is "
                        "de rol van het lokale POS-kantoor in jullie ogen?"
                    ),
                ],
            ),
            (
                "Samenwerking en voortgang",
                [
                    _open(
                        "Hoe werkt de gemeente/ sportservice-organisatie samen met het "
                        "POS-kantoor? Op welke specifieke thema’s en onderwerpen gebeurt dat en "
                        "waarom daarop?"
                    ),
                    _open("Wat zijn daarbij de doelstellingen?"),
                    _open("Hoe verloopt de samenwerking? Wat gaat er goed en wat kan er beter?"),
                    _open(
                        "Hoe verhoudt die samenwerking zich tot andere netwerken in de sport "
                        "waarbij jullie als gemeente/ sportservice-organisatie betrokken zijn, "
                        "zoals de sportraad of een netwerk waarin verenigingen hun krachten "
                        "bundelen?"
                    ),
                ],
            ),
            (
                "Vervolg",
                [
                    _open(
                        "Hoe kijkt de gemeente/ sportservice-organisatie aan tegen het vervolg "
                        "van de samenwerking met het POS-kantoor?"
                    ),
                    _open(
                        "Wat ziet de gemeente/ sportservice-organisatie als de rol van het "
                        "POS-kantoor in de toekomst?"
                    ),
                    _open(
                        "In hoeverre verandert de rol van het POS-kantoor in de toekomst in "
                        "jullie ogen?"
                    ),
                    _open(
                        "Wat is de rol van de gemeente/ sportservice-organisatie in relatie tot "
                        "het POS-kantoor in de toekomst?"
                    ),
                ],
            ),
        ],
    },
    FACILITATOR: {
        "title": "Monitor POS-kantoren – procesbegeleider",
        "audience": FACILITATOR,
        "description": (
            "Deze vragenlijst volgt de leidraad van het interview met een procesbegeleider uit "
            "het onderzoek naar de POS-kantoren (bijlage 3). We vragen naar uw betrokkenheid bij "
            "het kantoor en naar de procesbegeleiding. U kunt tussendoor opslaan en later verder "
            "gaan via dezelfde link."
        ),
        "sections": [
            (
                "Procesbegeleiding",
                [
                    _open(
                        "Wat is jouw betrokkenheid (geweest) bij het ontstaan de voortgang van "
                        "het POS-kantoor in jouw gemeente?",
                        required=True,
                    ),
                    _open("Hoe heb je jouw procesbegeleiding ingestoken?"),
                    _open(
                        "Hoe had het POS-kantoor in jouw gemeente naar jouw idee baat bij die "
                        "procesbegeleiding? Welke invloed had jouw procesbegeleiding op de "
                        "ontwikkeling van het kantoor?"
                    ),
                    _open("Hoe bouwt het kantoor voort op jouw procesbegeleiding?"),
                    _open(
                        "In hoeverre en hoe blijf jij zelf betrokken bij de (door)ontwikkeling "
                        "van het kantoor?"
                    ),
                ],
            ),
        ],
    },
}
