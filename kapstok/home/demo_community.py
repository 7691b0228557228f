"""Demo data for what offices do for the community: activities and stories with a photo.

Modelled on the report (2.2 and 4.3): commercial sport wants to show its social value, with
schools, care and welfare, in the neighbourhood and in adapted sport. The five report offices
each get activities that fit their story (A large and busy, B small with the municipality's
assignment, C around the sport council, D stalled since 2023, E large and visible) and one to
three stories; several other offices get a few too. Some activities lie more than twelve
months back, so the totals visibly count only the last year. Everything is fictitious; the
photos are simple illustrations drawn here with Pillow at seed time (no copied images), and
they go through the same upload path as a real photo (`community.services.story_save`).
"""

import datetime
import io
import random

from PIL import Image, ImageDraw

from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.community import services
from kapstok.community.models import ActivityKind, CommunityActivity, CommunityStory

SCHOOLS, CARE, WIJK, ADAPTED, OTHER = (
    ActivityKind.SCHOOLS,
    ActivityKind.CARE,
    ActivityKind.NEIGHBOURHOOD,
    ActivityKind.ADAPTED,
    ActivityKind.OTHER,
)
# kind: (title, partner, fewest and most participants, description)
TEMPLATES = {
    SCHOOLS: (
        ("Gymles door een sportondernemer", "Basisschool De Regenboog", (40, 120),
         "Een week lang gaven leden de gymlessen van groep 5 tot en met 8: boksen, dans en yoga."),
        ("Naschoolse sportmiddag", "Basisschool Het Kompas", (20, 60),
         "Elke woensdagmiddag een ander sportaanbod, gratis voor de kinderen van de school."),
        ("Schoolsportdag", "Openbare basisschool De Linde", (80, 200),
         "Een ochtend met tien sportaanbieders op het schoolplein."),
    ),
    CARE: (
        ("Beweegprogramma voor ouderen", "Zorggroep Oost", (12, 40),
         "Twaalf weken samen bewegen in de zaal van het verpleeghuis."),
        ("Fit na revalidatie", "Fysiotherapie en huisartsen in de wijk", (8, 25),
         "Een vervolg in de sportschool voor wie uit de revalidatie komt."),
        ("Valpreventie in de buurt", "Welzijnsorganisatie Samen", (15, 35),
         "Oefeningen tegen vallen, gegeven door twee leden van het kantoor."),
    ),
    WIJK: (
        ("Buitensport in het park", "Buurthuis De Schakel", (25, 90),
         "Zes zaterdagochtenden gratis bootcamp, padel-kennismaking en yoga in het park."),
        ("Sport op het Kernplein", "Wijkraad Centrum", (60, 250),
         "Een middag met proeflessen en een stempelkaart voor kinderen uit de wijk."),
        ("Jongerenavond met boksen", "Jongerenwerk", (10, 30),
         "Een vaste avond voor jongeren uit de wijk, samen met het jongerenwerk."),
    ),
    ADAPTED: (
        ("Aangepast fitnessuur", "Stichting Gehandicaptensport", (6, 20),
         "Een wekelijks uur fitness met begeleiding voor mensen met een beperking."),
        ("Zitvolleybal en rolstoeltennis", "Revalidatiecentrum", (8, 24),
         "Twee clinics om aangepaste sporten te leren kennen."),
    ),
    OTHER: (
        ("Open dag bij alle leden", "", (30, 150),
         "Alle aangesloten aanbieders zetten op dezelfde dag hun deuren open."),
    ),
}  # fmt: skip
# Per report office: how many activities (by kind) in the last eighteen months.
REPORT_ACTIVITIES = {
    "A": {SCHOOLS: 3, CARE: 2, WIJK: 3, ADAPTED: 1, OTHER: 1},
    "B": {SCHOOLS: 2, WIJK: 1},  # the municipality's assignment: more children moving
    "C": {CARE: 2, WIJK: 2, ADAPTED: 1},
    "D": {WIJK: 1},  # stalled: one activity, before the year counted
    "E": {SCHOOLS: 3, CARE: 1, WIJK: 4, ADAPTED: 2, OTHER: 1},
}
STALLED = {"D"}
# (title, text, alt text, scene, published)
STORIES = {
    "A": (
        ("Gym van ondernemers op De Regenboog",
         "Een week lang gaven zes leden van het kantoor de gymlessen op basisschool De "
         "Regenboog. De kinderen boksten, dansten en deden yoga; de juf zag kinderen meedoen "
         "die anders aan de kant staan. Volgend jaar doen twee scholen mee.",
         "Illustratie: kinderen in gekleurde shirts rond een bal op een grasveld, met een zon",
         "field", True),
        ("Bewegen in het verpleeghuis",
         "Twaalf weken lang kwam een personal trainer twee keer per week naar het "
         "verpleeghuis. Bewoners oefenden op een stoel en met lichte gewichten.",
         "Illustratie: vier figuren zitten in een kring en strekken hun armen",
         "circle", False),
    ),
    "B": (
        ("Naschools sporten in Hoorn",
         "De gemeente vroeg het kantoor om meer kinderen te laten bewegen. Elke woensdag "
         "geeft nu een ander lid een sportmiddag op school.",
         "Illustratie: drie kinderen rennen achter een bal aan op een schoolplein",
         "field", True),
    ),
    "C": (
        ("Zitvolleybal met het revalidatiecentrum",
         "Samen met het revalidatiecentrum organiseerde het kantoor twee clinics aangepast "
         "sporten. Een deel van de deelnemers traint nu wekelijks mee.",
         "Illustratie: figuren aan weerszijden van een net, een bal erboven",
         "net", True),
        ("Bootcamp in het park",
         "Zes zaterdagen gratis buiten sporten in het park, voor iedereen uit de wijk.",
         "Illustratie: figuren in een rij op een grasveld onder een blauwe lucht",
         "field", True),
    ),
    "D": (
        ("Proeflessen op de markt",
         "In 2023 gaven de eerste leden proeflessen op de markt. Daarna bleef het stil.",
         "Illustratie: twee figuren en een kraam op een plein",
         "circle", True),
    ),
    "E": (
        ("Schoolsportdag met tien aanbieders",
         "Tien aanbieders van het kantoor kwamen naar het schoolplein: padel, judo, dans en "
         "meer. Elk kind kreeg een stempelkaart en een proefles naar keuze.",
         "Illustratie: kinderen rond een bal op een groen veld, met een gele zon",
         "field", True),
        ("Aangepast fitnessuur",
         "Elke donderdag een uur fitness met begeleiding voor mensen met een beperking, "
         "gegeven door een lid van het kantoor met een opleiding aangepast sporten.",
         "Illustratie: figuren naast elkaar bij toestellen in een zaal",
         "net", True),
        ("Jongerenavond",
         "Met het jongerenwerk een vaste avond boksen voor jongeren uit de wijk.",
         "Illustratie: twee figuren tegenover elkaar in een ring",
         "circle", True),
    ),
}  # fmt: skip
OTHER_STORY = (
    "Sport in de wijk",
    "Leden van het kantoor gaven een middag gratis proeflessen in de wijk, samen met het "
    "buurthuis.",
    "Illustratie: kinderen en volwassenen sporten samen op een grasveld",
    "field",
    True,
)
SHIRTS = ((214, 69, 65), (38, 110, 180), (245, 166, 35), (46, 139, 87), (142, 68, 173))


def community_seed(*, offices: dict, others: list, today: datetime.date, seed: int) -> None:
    """Called from `demo_seed` after the offices exist. `offices` maps A–E to the report's."""
    rng = random.Random(seed + 71)
    activities = []
    for letter, office in offices.items():
        activities += _activities(rng, office, REPORT_ACTIVITIES[letter], today, letter in STALLED)
    chosen = others[::3]
    for office in chosen:
        kinds = {rng.choice(list(TEMPLATES)): rng.randint(1, 3) for _n in range(rng.randint(1, 3))}
        activities += _activities(rng, office, kinds, today, stalled=False)
    CommunityActivity.objects.bulk_create(activities)
    for letter, office in offices.items():
        for story in STORIES[letter]:
            _story(rng, office, *story)
    for office in chosen[::2]:
        _story(rng, office, *OTHER_STORY)


def _activities(rng, office, kinds: dict, today, stalled: bool) -> list[CommunityActivity]:
    made = []
    for kind, count in kinds.items():
        for _n in range(count):
            title, partner, (low, high), description = rng.choice(TEMPLATES[kind])
            # A stalled office's activity lies before the counted year; others spread over
            # eighteen months, so some fall outside the last twelve.
            days_back = rng.randint(400, 700) if stalled else rng.randint(3, 540)
            made.append(
                CommunityActivity(
                    office=office,
                    title=title,
                    held_on=today - datetime.timedelta(days=days_back),
                    kind=kind,
                    partner=partner,
                    participants=rng.randint(low, high),
                    description=description,
                )
            )
    return made


def _story(rng, office, title, text, alt_text, scene, published) -> CommunityStory:
    return services.story_save(
        story=CommunityStory(
            office=office,
            title=title,
            text=text,
            alt_text=alt_text,
            consent_confirmed=True,
            published=published,
        ),
        upload=SimpleUploadedFile("illustratie.png", illustration(rng, scene), "image/png"),
    )


def illustration(rng: random.Random, scene: str) -> bytes:
    """A simple drawing (sky, ground, figures, a ball or a net) as PNG bytes: fictitious."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (170, 214, 240))
    draw = ImageDraw.Draw(image)
    ground = (112, 176, 92) if scene != "circle" else (196, 180, 150)
    draw.rectangle((0, height * 0.6, width, height), fill=ground)
    draw.ellipse((width - 210, 50, width - 90, 170), fill=(250, 210, 60))
    if scene == "net":
        draw.rectangle(
            (width / 2 - 6, height * 0.35, width / 2 + 6, height * 0.8), fill=(90, 90, 90)
        )
        draw.line(
            (width / 2, height * 0.4, width / 2, height * 0.6), fill=(255, 255, 255), width=30
        )
    count = rng.randint(3, 6)
    for index in range(count):
        if scene == "circle":
            x = width / 2 + 300 * (index - (count - 1) / 2) / max(count - 1, 1) * 1.6
        else:
            x = 120 + index * (width - 240) / max(count - 1, 1)
        _figure(draw, x, height * 0.62 + rng.randint(-20, 40), rng.choice(SHIRTS), rng)
    ball_x = rng.randint(300, 900)
    draw.ellipse((ball_x, height * 0.78, ball_x + 50, height * 0.78 + 50), fill=(255, 255, 255),
                 outline=(40, 40, 40), width=4)  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _figure(draw: ImageDraw.ImageDraw, x: float, feet: float, shirt, rng) -> None:
    skin = rng.choice(((241, 194, 125), (198, 134, 66), (141, 85, 36), (255, 219, 172)))
    draw.ellipse((x - 22, feet - 190, x + 22, feet - 146), fill=skin)
    draw.rounded_rectangle((x - 30, feet - 146, x + 30, feet - 60), radius=12, fill=shirt)
    arm = rng.choice((-50, -20, 20))
    draw.line((x - 30, feet - 130, x - 70, feet - 130 + arm), fill=skin, width=12)
    draw.line((x + 30, feet - 130, x + 70, feet - 130 - arm), fill=skin, width=12)
    draw.line((x - 15, feet - 60, x - 30, feet), fill=(50, 50, 80), width=14)
    draw.line((x + 15, feet - 60, x + 30, feet), fill=(50, 50, 80), width=14)
