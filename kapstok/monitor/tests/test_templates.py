"""Every question of the report's three interview guides (appendices 1–3) is in its template.

`REPORT` below is copied verbatim from the appendices of seed-report-pos-kantoren.txt (line
breaks of the PDF joined, bullets kept whole), separately from `templates_data.py`, so a typo
or a dropped question in the data fails here. A template may split a bullet into its sentences
(to give one of them a number or scale), so the check is per sentence: every question sentence
of the guide appears, word for word, in a question of the same section.
"""

import re

import pytest

from kapstok.monitor import services
from kapstok.monitor.models import Question, QuestionKind, Questionnaire

# Bijlage 3 names the office the facilitator worked for; the template speaks to every office.
TEMPLATE_WORDING = {"gemeente C": "jouw gemeente"}

REPORT = {
    "lead": [
        ("Ontstaan POS-kantoor", [
            "Om welke redenen is het POS-kantoor ontstaan? Wie waren daarbij betrokken als "
            "kartrekkers en namen het initiatief? Wat waren of zijn de drijfveren van deze "
            "kartrekkers?",
            "Hoe is het POS-kantoor ontstaan? Wie waren daarbij betrokken en hoe gingen zij te "
            "werk?",
            "Wat waren de belangrijkste drijfveren voor ondernemers om zich bij het POS-kantoor "
            "aan te sluiten?",
            "Hoe waren de lokale gemeente en het POS (zijnde de landelijke koepelorganisatie) "
            "betrokken bij de oprichting van het kantoor? En hoe droegen andere partijen hier "
            "eventueel aan bij?",
        ]),
        ("Ambities", [
            "Wat zijn de ambities van het POS-kantoor?",
            "Waarom zijn dat de ambities?",
            "Hoe zijn de ambities bepaald?",
            "In welke concrete doelstellingen vallen de ambities uiteen?",
            "Hoe gaan jullie de ambities realiseren? Kortom: wat is jullie strategie?",
        ]),
        ("Voortgang", [
            "Hoe ziet de organisatie van het POS-kantoor er momenteel uit?",
            "Hoeveel ondernemers zijn erbij betrokken? Hoe zou je hen typeren? En in hoeverre "
            "zijn zij een afspiegeling van de ondernemers in de gemeente?",
            "Welke organisatievorm hebben jullie of streven jullie na (bijvoorbeeld een "
            "vereniging of stichting)?",
            "Hoe ervaar je het POS-kantoor vooralsnog?",
            "Wat gaat er goed en wat kan er beter? Wat zijn de belangrijkste kansen en "
            "uitdagingen?",
            "Welke activiteiten heeft het POS-kantoor vooralsnog op touw gezet? Wie voert die "
            "uit?",
            "Heeft het kantoor behoefte aan ondersteuning? Hoe ziet die behoefte eruit?",
            "Met welke organisaties werkt het netwerk samen en hoe gaat dat?",
            "Hoe is het POS-kantoor verbonden met het Sportakkoord en andere lokale relevante "
            "beleidsplannen op het gebied van sport en bewegen?",
            "Wat is jullie positie in het lokale sportnetwerk? En jullie invloed?",
        ]),
        ("Vervolg", [
            "Wat zijn je ideeën met betrekking tot het vervolg van het POS-kantoor?",
            "Hoe verandert jullie rol? Waar staat het kantoor over vijf jaar?",
        ]),
    ],
    "municipality": [
        ("Belang en meerwaarde", [
            "Hoe is de gemeente/ sportservice-organisatie betrokken bij het lokale POS-kantoor? "
            "Wat is daarbij precies jullie rol?",
            "Waarom is de gemeente/ sportservice-organisatie betrokken bij het POS-kantoor? Wat "
            "is daarbij jullie belang?",
            "Wat is de meerwaarde van het POS-kantoor in relatie tot de sport- en "
            "beweegdoelstellingen van de gemeente/ sportservice-organisatie? Wat is de rol van "
            "het lokale POS-kantoor in jullie ogen?",
        ]),
        ("Samenwerking en voortgang", [
            "Hoe werkt de gemeente/ sportservice-organisatie samen met het POS-kantoor? Op welke "
            "specifieke thema’s en onderwerpen gebeurt dat en waarom daarop?",
            "Wat zijn daarbij de doelstellingen?",
            "Hoe verloopt de samenwerking? Wat gaat er goed en wat kan er beter?",
            "Hoe verhoudt die samenwerking zich tot andere netwerken in de sport waarbij jullie "
            "als gemeente/ sportservice-organisatie betrokken zijn, zoals de sportraad of een "
            "netwerk waarin verenigingen hun krachten bundelen?",
        ]),
        ("Vervolg", [
            "Hoe kijkt de gemeente/ sportservice-organisatie aan tegen het vervolg van de "
            "samenwerking met het POS-kantoor?",
            "Wat ziet de gemeente/ sportservice-organisatie als de rol van het POS-kantoor in de "
            "toekomst?",
            "In hoeverre verandert de rol van het POS-kantoor in de toekomst in jullie ogen?",
            "Wat is de rol van de gemeente/ sportservice-organisatie in relatie tot het "
            "POS-kantoor in de toekomst?",
        ]),
    ],
    "facilitator": [
        ("Procesbegeleiding", [
            "Wat is jouw betrokkenheid (geweest) bij het ontstaan de voortgang van het "
            "POS-kantoor in gemeente C?",
            "Hoe heb je jouw procesbegeleiding ingestoken?",
            "Hoe had het POS-kantoor in gemeente C naar jouw idee baat bij die "
            "procesbegeleiding? Welke invloed had jouw procesbegeleiding op de ontwikkeling van "
            "het kantoor?",
            "Hoe bouwt het kantoor voort op jouw procesbegeleiding?",
            "In hoeverre en hoe blijf jij zelf betrokken bij de (door)ontwikkeling van het "
            "kantoor?",
        ]),
    ],
}  # fmt: skip


def sentences(bullet: str) -> list[str]:
    """The question sentences of a guide bullet, ending at each question mark.

    >>> sentences("Waarom? Hoe dan? Kortom: wat is het?")
    ['Waarom?', 'Hoe dan?', 'Kortom: wat is het?']
    """
    return [s.strip() for s in re.findall(r"[^?]+\?", bullet)]


def template_wording(text: str) -> str:
    for report, template in TEMPLATE_WORDING.items():
        text = text.replace(report, template)
    return text


@pytest.mark.parametrize("key", REPORT)
def test_every_question_of_the_guide_is_in_its_template(templates, key):
    template = templates[key]
    questions = list(template.questions.all())
    missing = []
    for section, bullets in REPORT[key]:
        texts = " ".join(q.text for q in questions if q.section == section)
        for bullet in bullets:
            missing += [s for s in sentences(template_wording(bullet)) if s not in texts]
    assert not missing, f"{key}: not in the template: {missing}"


@pytest.mark.parametrize("key", REPORT)
def test_templates_keep_the_guides_sections_in_order(templates, key):
    sections = list(dict.fromkeys(templates[key].questions.values_list("section", flat=True)))
    assert sections == [section for section, _bullets in REPORT[key]]


def test_templates_ask_nothing_the_guides_do_not(templates):
    """Every template question is a sentence (or bullet) of the report, nothing invented."""
    guide = {
        key: " ".join(template_wording(b) for _s, bullets in sections for b in bullets)
        for key, sections in REPORT.items()
    }
    invented = [
        (key, q.text)
        for key, template in templates.items()
        for q in template.questions.all()
        if q.text not in guide[key]
    ]
    assert not invented


def test_structured_questions_keep_the_reports_wording(templates):
    lead = templates["lead"].questions
    assert lead.get(kind=QuestionKind.NUMBER).text == "Hoeveel ondernemers zijn erbij betrokken?"
    scale = lead.get(kind=QuestionKind.SCALE)
    assert scale.text.startswith("En in hoeverre zijn zij een afspiegeling")
    assert (scale.scale_min, scale.scale_max) == (1, 5)
    need = lead.get(text="Hoe ziet die behoefte eruit?")
    assert need.show_if_question.text == "Heeft het kantoor behoefte aan ondersteuning?"
    assert need.show_if_values == ["ja"]


def test_seeding_twice_changes_nothing(templates):
    before = list(Question.objects.order_by("pk").values_list("pk", "text"))
    services.templates_ensure()
    assert list(Question.objects.order_by("pk").values_list("pk", "text")) == before
    assert Questionnaire.objects.filter(is_template=True).count() == 3


def test_migration_seeded_the_templates(db):
    """The data migration gives every database the templates, before any command runs."""
    assert set(
        Questionnaire.objects.filter(is_template=True).values_list("template_key", flat=True)
    ) == {"lead", "municipality", "facilitator"}
