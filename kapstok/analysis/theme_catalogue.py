"""The national theme catalogue: the shared themes ("gemene delers") cards are grouped into.

Seeded from the research report on local networks of sport entrepreneurs; POS staff will curate
it later (then it moves to the database and this module becomes the seed). Each theme has a
stable `slug` (what placements and training examples refer to), a display `name`, a Dutch
`description` and example phrases. The clustering reads the description and each example as a
labelled text, so both should use the words entrepreneurs actually write: synonyms and concrete
situations help more than abstract wording.

The examples are written for the catalogue, not taken from any session's cards, so that
evaluating on real card sets measures generalisation. Even so, the descriptions share about
twice as many words with the development card set as with cards written apart from it (see
docs/analysis.md), so figures on that set run high; judge a change to these texts on another
card set. Synonyms that are not specific to one theme belong in `dutch_text.THESAURUS`, which
also serves a catalogue that POS staff have edited in the database.

>>> [theme.slug for theme in CATALOGUE][:3]
['ruimte', 'subsidie', 'invloed']
>>> by_slug()["tijd"].name
'Tijd en betrokkenheid'
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogueTheme:
    """One known theme: `slug` is stable, `name` is shown, the rest teaches the classifier."""

    slug: str
    name: str
    description: str
    examples: tuple[str, ...]


CATALOGUE: tuple[CatalogueTheme, ...] = (
    CatalogueTheme(
        slug="ruimte",
        name="Ruimte en accommodatie",
        description=(
            "Fysieke ruimte om te sporten en te bewegen: sportaccommodaties, zalen, sporthallen, "
            "gymzalen, velden, sportparken, studio's, panden en terreinen, en buiten in parken, "
            "op pleinen en in de openbare ruimte. Gaat over ruimtegebrek en capaciteit, "
            "beschikbare uren en roosters, huren en verhuren van locaties, leegstand, nieuwbouw, "
            "renovatie, herinrichting en bestemmingsplannen, en toegang tot accommodaties van "
            "gemeente en scholen."
        ),
        examples=(
            "Gymzalen van scholen zijn 's avonds niet beschikbaar voor ons",
            "Geen geschikte locatie vinden voor een eigen studio",
            "Het park gebruiken voor bootcamp en buitentraining",
            "Een sporthal delen met andere aanbieders op rustige uren",
            "De huur van ons pand loopt af en er is geen alternatief",
            "Bij de herinrichting van het sportpark ook plaats voor ondernemers",
            "Openbare ruimte beweegvriendelijk inrichten",
            "Wachtlijst omdat de zaal helemaal vol zit",
            "Een leeg bedrijfspand ombouwen tot sportlocatie",
            "Een multifunctionele accommodatie in de nieuwe wijk",
        ),
    ),
    CatalogueTheme(
        slug="subsidie",
        name="Subsidies en gelijk speelveld",
        description=(
            "Toegang tot geld en een gelijk speelveld tussen commerciële sportaanbieders en "
            "gesubsidieerde verenigingen: subsidies, regelingen, fondsen, budgetten en "
            "sportakkoordgelden, huurtarieven, kortingen en vouchers voor inwoners, voorwaarden "
            "en aanvraagprocedures. Oneerlijke concurrentie door gesubsidieerd aanbod en "
            "ondernemers die buiten gemeentelijke regelingen vallen."
        ),
        examples=(
            "Verenigingen betalen een lager tarief voor de sporthal dan wij",
            "Ondernemers zijn uitgesloten van de gemeentelijke sportsubsidie",
            "Een beweegregeling die voor elke aanbieder openstaat",
            "Overzicht van fondsen en budgetten waar we aanspraak op kunnen maken",
            "Gesubsidieerd aanbod van de gemeente concurreert met onze lessen",
            "Geld uit het sportakkoord aanvragen voor een project",
            "Gelijke voorwaarden voor commerciële en niet-commerciële aanbieders",
            "Kortingspassen voor inwoners ook laten gelden bij ondernemers",
            "De aanvraag voor subsidie is te ingewikkeld voor kleine bedrijven",
            "Gratis lessen van de buurtsportcoach verdringen betaald aanbod",
        ),
    ),
    CatalogueTheme(
        slug="invloed",
        name="Invloed op lokaal beleid (sportakkoord, sportraad)",
        description=(
            "Een stem hebben in het lokale sport- en beweegbeleid: gehoord en betrokken worden "
            "door gemeente, wethouder, ambtenaren, gemeenteraad en politiek, aan tafel zitten bij "
            "het sportakkoord, in de sportraad of het sportplatform, inspraak in beleidsplannen, "
            "sportvisies en uitvoeringsprogramma's, besluitvorming, lobby en belangenbehartiging "
            "namens de sportondernemers."
        ),
        examples=(
            "Vertegenwoordigd zijn aan de tafel van het lokale sportakkoord",
            "Een vast aanspreekpunt bij de gemeente voor sportondernemers",
            "De wethouder sport uitnodigen voor een gesprek met het netwerk",
            "Inspraak bij het opstellen van de sportvisie",
            "Beleidsmakers zien ondernemers niet als partner",
            "Een plek in het bestuur van de sportraad of het sportplatform",
            "Samen een standpunt innemen richting de politiek",
            "Belangen van ondernemers inbrengen bij de verkiezingen",
            "Invloed op het uitvoeringsprogramma van het sportakkoord",
            "Ondernemers missen bij het overleg over sportbeleid",
        ),
    ),
    CatalogueTheme(
        slug="imago",
        name="Imago en maatschappelijke waarde",
        description=(
            "Hoe sportondernemers worden gezien door gemeente, scholen, zorg en inwoners: het "
            "beeld en vooroordeel van commercie en winstbejag tegenover de maatschappelijke "
            "waarde die zij leveren voor gezondheid, preventie, ontmoeting, eenzaamheid, inclusie "
            "en leefbaarheid. Impact meten en laten zien met cijfers, rapportages, onderzoek en "
            "verhalen; erkenning, vertrouwen, reputatie en waardering als serieuze partner."
        ),
        examples=(
            "Men denkt dat wij alleen aan winst denken",
            "Aantonen hoeveel inwoners dankzij ons gezonder leven",
            "Erkenning als partner in preventie en gezondheid",
            "Verhalen van leden die door sporten uit hun isolement kwamen",
            "De maatschappelijke impact van ons werk meten",
            "Huisartsen vertrouwen commerciële sportaanbieders niet",
            "Ondernemers worden gezien als concurrent van de vereniging",
            "Een keurmerk dat kwaliteit en betrouwbaarheid laat zien",
            "Waardering van de gemeente voor wat wij voor de wijk doen",
            "Inwoners zien een sportschool als een dure luxe",
        ),
    ),
    CatalogueTheme(
        slug="werving",
        name="Netwerkuitbreiding en werving",
        description=(
            "Het lokale netwerk laten groeien: nieuwe leden en sportondernemers werven en "
            "benaderen, aanbieders die nog ontbreken en zzp'ers erbij halen, de meerwaarde van "
            "het lidmaatschap uitleggen, drempels om aan te sluiten wegnemen, nieuwkomers welkom "
            "heten, ambassadeurs inzetten en leden behouden."
        ),
        examples=(
            "Fitnessclubs en yogastudio's overhalen om lid te worden",
            "Uitzoeken welke aanbieders nog niet meedoen",
            "Een welkomstpakket voor nieuwe leden van het netwerk",
            "Ondernemers zien het nut van aansluiten niet",
            "Leden vragen om een collega-ondernemer mee te nemen",
            "Het ledental blijft achter bij andere kantoren",
            "Ook zzp-trainers en kleine aanbieders bij het netwerk betrekken",
            "Een kennismakingsavond voor mogelijke nieuwe leden",
            "Leden die afhaken terugwinnen",
            "Een ambassadeur per wijk die ondernemers aanspreekt",
        ),
    ),
    CatalogueTheme(
        slug="zichtbaarheid",
        name="Zichtbaarheid en marketing",
        description=(
            "Het kantoor en het lokale sportaanbod bekend en vindbaar maken bij inwoners, "
            "ondernemers en organisaties: communicatie, promotie en marketing via website, "
            "sociale media, nieuwsbrieven, lokale media, omroep en persberichten, evenementen, "
            "open dagen en beurzen, campagnes, reclame, posters en flyers, een herkenbare naam, "
            "logo en huisstijl."
        ),
        examples=(
            "Een gezamenlijke campagne om inwoners aan het bewegen te krijgen",
            "Een online overzicht van al het sportaanbod in de gemeente",
            "Niemand weet dat het netwerk bestaat",
            "Een Instagramaccount met nieuws van de leden",
            "Een open sportdag waarop alle aanbieders zich presenteren",
            "Een logo en huisstijl voor het kantoor",
            "Persberichten sturen naar de regionale omroep",
            "Folders in de bibliotheek en het gemeentehuis",
            "Een herkenbare naam waarmee inwoners ons vinden",
            "Een advertentie in het huis-aan-huisblad",
        ),
    ),
    CatalogueTheme(
        slug="tijd",
        name="Tijd en betrokkenheid",
        description=(
            "De tijd, energie en inzet die ondernemers aan het netwerk kunnen geven: drukke "
            "agenda's naast de eigen onderneming, vergaderdruk en overleg op een passend moment, "
            "afhankelijkheid van een kartrekker of een paar trekkers, taken verdelen, motivatie, "
            "enthousiasme en betrokkenheid vasthouden, vrijwillige inzet of een betaalde "
            "coördinator, en het momentum niet verliezen."
        ),
        examples=(
            "Ondernemers hebben het te druk om bijeenkomsten bij te wonen",
            "Steeds dezelfde twee mensen doen al het werk",
            "Taken beter verdelen over de leden",
            "Overleg op een tijdstip dat past bij ondernemers",
            "De vaart raakt eruit na de eerste bijeenkomsten",
            "Betrokkenheid van leden vasthouden",
            "Een vergoeding voor wie uren in het netwerk steekt",
            "Vrijwillige inzet is op den duur niet vol te houden",
            "Online vergaderen om reistijd te besparen",
            "Iedereen wil meedoen maar niemand wil trekken",
        ),
    ),
    CatalogueTheme(
        slug="samenwerking",
        name="Samenwerking en kennisdeling",
        description=(
            "Samenwerken tussen sportondernemers en met partners uit zorg, onderwijs, "
            "kinderopvang, welzijn en verenigingen: kennis en ervaringen delen en uitwisselen, "
            "van elkaar leren, elkaar ontmoeten, gezamenlijk aanbod, programma's en "
            "arrangementen, klanten naar elkaar doorverwijzen, samen inkopen en apparatuur of "
            "faciliteiten delen."
        ),
        examples=(
            "Tips uitwisselen over bedrijfsvoering",
            "Een gezamenlijk beweegprogramma met de huisarts voor mensen met overgewicht",
            "Elkaars klanten doorverwijzen in plaats van te concurreren",
            "Samen apparatuur aanschaffen voor een betere prijs",
            "Een appgroep om snel vragen aan elkaar te stellen",
            "Kennissessies waarin een lid zijn expertise deelt",
            "Een combinatiepas waarmee klanten bij meerdere aanbieders sporten",
            "Samenwerken met scholen aan naschools beweegaanbod",
            "Informeel bijpraten met andere ondernemers",
            "Samenwerking met welzijn en zorg in de wijk",
        ),
    ),
    CatalogueTheme(
        slug="personeel",
        name="Personeel",
        description=(
            "Mensen om het werk te doen: werven en behouden van trainers, instructeurs, coaches, "
            "docenten en ander personeel, tekorten en vacatures op de arbeidsmarkt, opleiden, "
            "bijscholen en diploma's, stagiairs, invallers en flexibele inzet, personeel delen of "
            "detacheren tussen aanbieders, werkgeverschap, salarissen en arbeidsvoorwaarden, en "
            "medewerkers die vertrekken."
        ),
        examples=(
            "Geen gekwalificeerde instructeurs kunnen vinden",
            "Een gezamenlijke vacaturebank voor sportprofessionals",
            "Bijscholing en cursussen voor medewerkers samen organiseren",
            "Stageplekken bieden aan studenten sport en bewegen",
            "Een pool van invallers bij ziekte en vakanties",
            "Medewerkers vertrekken voor een beter salaris elders",
            "Gezamenlijk werkgeverschap voor coaches die bij meerdere bedrijven werken",
            "Jonge trainers opleiden tot gediplomeerd instructeur",
            "Personeelstekort in de avonduren",
            "Een stagiair van het cios begeleiden",
        ),
    ),
    CatalogueTheme(
        slug="kosten",
        name="Kosten en regelgeving",
        description=(
            "Bedrijfskosten en regels die ondernemers raken: huur, energie, gas en stroom, "
            "verzekeringen, belastingen en btw, stijgende prijzen, vergunningen, administratieve "
            "lasten en regeldruk, wet- en regelgeving zoals privacy en veiligheid, juridisch, "
            "fiscaal en financieel advies, collectief inkopen om kosten te drukken, en "
            "verduurzaming en energiebesparing van gebouwen."
        ),
        examples=(
            "De energierekening van de sportschool is verdubbeld",
            "Vergunningen aanvragen kost te veel tijd en geld",
            "Collectief inkopen van stroom en gas",
            "Onduidelijkheid over btw-tarieven voor sportlessen",
            "Hulp bij de privacyregels en de AVG",
            "Stijgende huurprijzen van bedrijfspanden",
            "Zonnepanelen en isolatie om de vaste lasten te verlagen",
            "Een gezamenlijke verzekering tegen een lagere premie",
            "Regeldruk en papierwerk vanuit de overheid",
            "Een jurist of boekhouder die het netwerk kan raadplegen",
        ),
    ),
    CatalogueTheme(
        slug="organisatie",
        name="Organisatie van het kantoor",
        description=(
            "Hoe het lokale kantoor zelf is georganiseerd: rechtsvorm, stichting of vereniging, "
            "statuten, bestuur, rollen, taken en verantwoordelijkheden, doelen, strategie en "
            "jaarplan, begroting, financiering en contributie of bijdrage van leden, afspraken "
            "met de gemeente en het POS, ondersteuning en begeleiding door het POS, en leren van "
            "andere kantoren."
        ),
        examples=(
            "Kiezen tussen een stichting of een vereniging voor het kantoor",
            "Een bestuur met een voorzitter en penningmeester samenstellen",
            "Een jaarplan met concrete doelen opstellen",
            "Bepalen hoeveel contributie leden betalen",
            "Onduidelijk wie waarvoor verantwoordelijk is",
            "Afspraken vastleggen tussen gemeente en kantoor",
            "Ervaringen van kantoren in andere gemeenten benutten",
            "Een begroting voor het eerste jaar maken",
            "Begeleiding van het POS bij de opstart van het kantoor",
            "Een missie en visie voor het netwerk formuleren",
        ),
    ),
)


def by_slug(catalogue: tuple[CatalogueTheme, ...] = CATALOGUE) -> dict[str, CatalogueTheme]:
    """The catalogue's themes keyed by slug."""
    return {theme.slug: theme for theme in catalogue}
