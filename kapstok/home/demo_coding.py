"""Demo data for coding the monitor: a research project, its codebook and two coders' codings.

The codebook follows the report's themes (goals and strategy, composition and
representativeness, visibility, support by POS, the municipality's role, working with clubs,
money). The demo's closed wave (`demo_monitor`) is coded by the researcher and by POS staff
as two independent coders: each sentence of an open answer gets the code whose words it uses,
and the second coder deliberately differs now and then (misses a code, picks the broader
code, adds one), so Cohen's kappa has something to measure. Called from `demo_seed` after the
monitor demo.
"""

import contextlib
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q

from kapstok.coding import services
from kapstok.coding.models import ResearchProject
from kapstok.monitor.models import Answer, QuestionKind, Wave, WaveStatus

PROJECT_NAME = "Monitor POS-kantoren: thematische analyse (demo)"

# (code, description, parent, words that make a sentence carry it)
CODEBOOK = (
    ("Doelen en strategie", "Wat het kantoor wil bereiken en hoe het dat bepaalt.", None, ()),
    ("Gezamenlijke doelen", "Doelen die de leden delen.", "Doelen en strategie",
     (r"\bdoel", r"ambitie", r"speerpunt")),
    ("Strategiesessie", "De sessie(s) waarin de strategie is bepaald.", "Doelen en strategie",
     (r"sessie", r"strategie", r"bijeenkomst")),
    ("Samenstelling en representativiteit", "Wie er lid is en wie er ontbreekt.", None,
     (r"afspiegel", r"representat", r"divers")),
    ("Werving van leden", "Nieuwe ondernemers laten aansluiten.",
     "Samenstelling en representativiteit", (r"\bleden\b", r"werv", r"aansl", r"\blid\b")),
    ("Zichtbaarheid", "Bekendheid bij ondernemers, inwoners en gemeente.", None,
     (r"bekend", r"zichtba", r"inwoners", r"website", r"nieuwsbrief", r"social")),
    ("Ondersteuning door POS", "Wat het POS of een procesbegeleider deed of kan doen.", None,
     (r"\bpos\b", r"ondersteun", r"begeleid")),
    ("Rol van de gemeente", "Aanspreekpunt, beleid en houding van de gemeente.", None,
     (r"gemeente", r"wethouder", r"ambtena", r"beleid", r"aanspreekpunt")),
    ("Financiële steun van de gemeente", "Subsidie, sportakkoord en andere bijdragen.",
     "Rol van de gemeente", (r"subsidie", r"sportakkoord")),
    ("Samenwerking met verenigingen", "Contact en samenwerking met sportverenigingen.", None,
     (r"vereniging", r"\bclubs?\b")),
    ("Financiën", "Geld van het kantoor zelf: contributie, kosten, budget.", None,
     (r"\bgeld", r"kosten", r"contributie", r"budget", r"financ")),
)  # fmt: skip

SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def codebook_create(project: ResearchProject) -> dict:
    codes = {}
    for label, description, parent, _words in CODEBOOK:
        codes[label] = services.code_add(
            project=project, label=label, description=description, parent=codes.get(parent)
        )
    return codes


def sentence_codes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, code label) for each sentence of `text` and each code whose words it uses.

    >>> sentence_codes("Wij willen meer leden. De gemeente helpt.")
    [(0, 22, 'Werving van leden'), (23, 41, 'Rol van de gemeente')]
    """
    found = []
    for match in SENTENCE.finditer(text):
        sentence = match.group().casefold()
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        if end <= start:
            continue
        for label, _description, _parent, words in CODEBOOK:
            if any(re.search(word, sentence) for word in words):
                found.append((start, end, label))
    return found


def second_coder_view(number: int, start: int, end: int, label: str, codes: dict) -> list:
    """How the second coder differs from the first: every fifth fragment they miss, every
    seventh they give the broader code, every eleventh they add "Zichtbaarheid"."""
    if number % 5 == 4:
        return []
    code = codes[label]
    if number % 7 == 3 and code.parent_id is not None:
        code = code.parent
    extra = [(start, end, codes["Zichtbaarheid"])] if number % 11 == 6 else []
    return [(start, end, code), *extra]


def code_answers(project, answers, codes, first, second) -> int:
    count = 0
    for answer in answers:
        for start, end, label in sentence_codes(answer.text):
            services.coding_add(
                project=project, answer=answer, code=codes[label], coder=first, start=start, end=end
            )
            for s, e, code in second_coder_view(count, start, end, label, codes):
                _add_quietly(project, answer, code, second, s, e, confirmed=count % 9 != 2)
            count += 1
    return count


def _add_quietly(project, answer, code, coder, start, end, *, confirmed) -> None:
    # The broader code may already be on this sentence: then there is nothing to add.
    with contextlib.suppress(ValidationError):
        services.coding_add(
            project=project,
            answer=answer,
            code=code,
            coder=coder,
            start=start,
            end=end,
            confirmed=confirmed,
        )


def coding_seed(*, pos=None) -> ResearchProject | None:
    """The demo project over the closed demo waves, coded by two coders; None without waves."""
    ResearchProject.objects.filter(name=PROJECT_NAME).delete()
    waves = list(Wave.objects.filter(status=WaveStatus.CLOSED, offices__is_demo=True).distinct())
    if not waves:
        return None
    users = get_user_model().objects
    researcher = users.get(email="researcher@demo.invalid")
    pos = pos or users.get(email="pos@demo.invalid")
    project = services.project_create(
        name=PROJECT_NAME,
        description=(
            "De thematische analyse van het rapport, herhaald als jaarlijkse monitor: open "
            "antwoorden gecodeerd door twee codeurs."
        ),
        waves=waves,
        actor=researcher,
    )
    codes = codebook_create(project)
    answers = (
        Answer.objects.filter(
            response__invitation__wave__in=waves,
            response__submitted_at__isnull=False,
            question__kind=QuestionKind.OPEN,
        )
        .filter(~Q(text=""))
        .order_by("response__invitation__office_id", "question__order", "pk")
    )
    code_answers(project, list(answers), codes, researcher, pos)
    # The first open question of each questionnaire has been read for names: cleared.
    first_open = {}
    for question in services.open_questions(project).order_by("order", "pk"):
        first_open.setdefault(question.questionnaire_id, question)
    services.questions_clear(project=project, questions=first_open.values(), actor=researcher)
    return project
