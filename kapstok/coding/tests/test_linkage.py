"""A linkage attack on the research data: no office can be singled out among fewer than three.

The attacker is a researcher (Rob, the root conftest's `researcher` persona) who also reads
what is public: the public office pages (member counts, municipalities), the map (the GeoJSON
of every office: initiative, member count) and the municipality pages (each office's phase,
open to anyone signed in). They archived those at the close of each wave. Against that they
hold everything a researcher sees of a research project: the coding pages, the code
frequencies, the agreement page, the monitor's wave pages and the pseudonymised export.

For every pseudonym the attacker keeps the offices whose public facts agree with everything
shown about that pseudonym, in every wave. Kapstok must leave at least three candidates for each
(k-anonymity, `kapstok.analysis.disclosure`). The same attack on the exact figures, as they
were shown before, finds an office (Kantoor Hoorn: the only municipal office with 52 members).
"""

import csv
import html
import io
import json
import re
import zipfile
from collections import Counter
from types import SimpleNamespace

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.analysis import disclosure
from kapstok.coding import services
from kapstok.coding.factories import _questionnaire
from kapstok.coding.office_types import STAGE_LABELS
from kapstok.monitor import services as monitor
from kapstok.monitor.models import Answer, Audience, QuestionKind, Response
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.models import Initiative
from kapstok.progress.texts import PHASE_LABELS
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

SUPPRESSED_LABEL = "afgeschermd"
# name, initiative, members, holds a strategy session (phase "strategy" instead of "building")
OFFICES = [
    ("Assen", Initiative.JOINT, 5, False),
    ("Amersfoort", Initiative.ENTREPRENEURS, 12, False),
    ("Deventer", Initiative.ENTREPRENEURS, 14, False),
    ("Ede", Initiative.ENTREPRENEURS, 11, True),
    ("Gouda", Initiative.MUNICIPALITY, 30, True),
    ("Hoorn", Initiative.MUNICIPALITY, 52, False),
    ("Leiden", Initiative.POS, 27, True),
]
GROWTH = ("Deventer", 6)  # new members between the two waves: 14 → 20
PSEUDONYM = r"K-[0-9A-F]+"


def add_members(office, municipality, count):
    for _number in range(count):
        MembershipFactory(
            office=office, entrepreneur=EntrepreneurFactory(municipality=municipality)
        )


@pytest.fixture
def network(world):
    """The root world (Kantoor Utrecht and Kantoor Zwolle, one member each) and seven more
    offices of varied initiative, size and phase, each with a lead."""
    offices = {"Utrecht": world.office, "Zwolle": world.other_office}
    towns = {"Utrecht": world.utrecht, "Zwolle": world.zwolle}
    for name, initiative, members, session in OFFICES:
        town = MunicipalityFactory(name=name)
        office = OfficeFactory(
            name=f"Kantoor {name}",
            slug=f"kantoor-{name.lower()}",
            initiative=initiative,
            municipalities=[town],
        )
        add_members(office, town, members)
        if session:
            StrategySessionFactory(office=office)
        lead = UserFactory(email=f"lead-{name.lower()}@example.invalid", full_name=f"Lead {name}")
        grant_role(user=lead, role=Role.LEAD, scope=office)
        offices[name], towns[name] = office, town
    return SimpleNamespace(world=world, offices=offices, towns=towns)


def public_knowledge(client, network) -> dict[str, dict]:
    """What anyone can read now, per office name: initiative and member count from the map
    (checked against the public office page), phase from the municipality pages (read by the
    researcher: they are open to anyone signed in)."""
    client.force_login(network.world.users["researcher"])
    geojson = json.loads(client.get("/api/v1/offices.geojson").content)
    known = {}
    for feature in geojson["features"]:
        facts = feature["properties"]
        page = client.get(f"/kantoren/{facts['slug']}/").content.decode()
        assert f"{facts['member_count']} aangesloten ondernemer" in page
        known[facts["name"]] = {"initiative": facts["initiative"], "size": facts["member_count"]}
    phase_codes = {str(label): code for code, label in PHASE_LABELS.items()}
    for town in network.towns.values():
        page = client.get(f"/netwerk/gemeenten/{town.code}/").content.decode()
        for name, phase in re.findall(r">(Kantoor \w+)</a> – .*? · fase: ([^<·]+?)\s*[<·]", page):
            known[name]["phase"] = phase_codes[html.unescape(phase).strip()]
    assert all("phase" in facts for facts in known.values()), known
    return known


def run_wave(network, year, questionnaire, questions):
    """A wave to every office's lead; everyone answers; the wave closes (snapshots)."""
    pos = network.world.users["pos"]
    wave = monitor.wave_start(
        wave=monitor.Wave(
            name=f"Monitor {year}",
            year=year,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + timezone.timedelta(days=30),
        ),
        office_ids=[office.pk for office in network.offices.values()],
        questionnaires={Audience.LEAD: questionnaire},
        actor=pos,
    )
    for invitation in wave.invitations.all():
        response = Response.objects.create(invitation=invitation, submitted_at=timezone.now())
        for question in questions:
            value = {"text": "Meer leden werven en samen optrekken."}
            if question.kind == QuestionKind.SINGLE:
                value = {"choices": [question.choices[0]]}
            elif question.kind == QuestionKind.MULTIPLE:
                value = {"choices": question.choices[:1]}
            elif question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
                value = {"number": 3}
            Answer.objects.create(response=response, question=question, **value)
    return monitor.wave_close(wave=wave)


@pytest.fixture
def study(client, network):
    """Two waves a year apart (Deventer grows in between), a project over both, codings by
    two coders, and the public pages as the attacker archived them at each wave's close."""
    questionnaire, questions = _questionnaire()
    waves, archive = [], {}
    for year in (2025, 2026):
        if year == 2026:
            name, extra = GROWTH
            add_members(network.offices[name], network.towns[name], extra)
        wave = run_wave(network, year, questionnaire, questions)
        waves.append(wave)
        archive[wave.name] = public_knowledge(client, network)
    project = services.project_create(name="Monitor 2025–2026", waves=waves)
    code = services.code_add(project=project, label="Werving van leden")
    users = network.world.users
    for coder in (users["researcher"], users["pos"]):
        for answer in Answer.objects.filter(question=questions[0])[:6]:
            services.coding_add(project=project, answer=answer, code=code, coder=coder)
    return SimpleNamespace(project=project, waves=waves, archive=archive, network=network)


# --- what the researcher sees ------------------------------------------------------------------


def researcher_views(client, study) -> dict[str, str]:
    """Every research page and export file, as the researcher gets them (by name)."""
    client.force_login(study.network.world.users["researcher"])
    project = study.project.pk
    views = {}

    def get(path, **params):
        response = client.get(path, params)
        assert response.status_code == 200, path
        return response

    for path in (
        "/onderzoek/",
        "/onderzoek/monitor/",
        "/onderzoek/monitor/meetrondes/nieuw/",
        f"/onderzoek/codering/{project}/",
        f"/onderzoek/codering/{project}/overeenstemming/",
    ):
        views[path] = get(path).content.decode()
    for grouping in ("initiative", "size", "phase"):
        path = f"/onderzoek/codering/{project}/frequenties/?per={grouping}"
        views[path] = get(f"/onderzoek/codering/{project}/frequenties/", per=grouping).content
        views[path] = views[path].decode()
    for wave in study.waves:
        views[f"monitor {wave.name}"] = get(f"/onderzoek/monitor/meetrondes/{wave.pk}/").content
        views[f"monitor {wave.name}"] = views[f"monitor {wave.name}"].decode()
        answers = f"/onderzoek/monitor/meetrondes/{wave.pk}/antwoorden/lead/"
        views[answers] = get(answers).content.decode()
        page_obj = get(f"/onderzoek/codering/{project}/meetrondes/{wave.pk}/").context["page_obj"]
        for number in page_obj.paginator.page_range:
            response = get(f"/onderzoek/codering/{project}/meetrondes/{wave.pk}/", pagina=number)
            views[f"coding {wave.name} page {number}"] = response.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(get(f"/onderzoek/codering/{project}/export.zip").content))
    for name in archive.namelist():
        if name.endswith((".csv", ".txt", ".sps", ".R")):
            views[f"export {name}"] = archive.read(name).decode("utf-8-sig")
    return views


def csv_dicts(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def statements(views: dict[str, str], waves, sources: Counter) -> dict[str, set]:
    """{pseudonym: {(wave name, attribute, label)}}: everything shown about each office;
    `sources` counts what each kind of page or file said."""
    said: dict[str, set] = {}

    def say(pseudonym, wave, attribute, label, source):
        said.setdefault(pseudonym, set()).add((wave, attribute, html.unescape(label).strip()))
        sources[source] += 1

    for name, text in views.items():
        if name.startswith("export antwoorden_"):
            for row in csv_dicts(text):
                for attribute, column in (
                    ("initiative", "initiatief"),
                    ("size", "grootte"),
                    ("phase", "fase"),
                ):
                    say(row["kantoor"], row["meetronde"], attribute, row[column], "answers.csv")
        elif name == "export momentopnames.csv":
            for row in csv_dicts(text):
                say(row["kantoor"], row["meetronde"], "size", row["members"], "snapshots.csv")
                say(row["kantoor"], row["meetronde"], "phase", row["phase_label"], "snapshots.csv")
        elif name.startswith("coding "):
            wave = name.split(" page ")[0].removeprefix("coding ")
            pattern = (
                rf"· ({PSEUDONYM})</h2>\s*<p class=\"muted\">[^<]*?· initiatief: ([^<]*?) · "
                r"leden: ([^<]*?) · fase: ([^<]*?)</p>"
            )
            for pseudonym, initiative, size, phase in re.findall(pattern, text):
                say(pseudonym, wave, "initiative", initiative, "coding page")
                say(pseudonym, wave, "size", size, "coding page")
                say(pseudonym, wave, "phase", phase, "coding page")
        elif name.startswith("monitor ") and name.removeprefix("monitor ") in waves:
            wave = name.removeprefix("monitor ")
            row = (
                rf'<tr><th scope="row">({PSEUDONYM})</th><td class="num">([^<]*)</td>'
                r'<td class="num">[^<]*</td><td>([^<]*)</td>'
            )
            for pseudonym, members, phase in re.findall(row, text):
                say(pseudonym, wave, "size", members, "monitor page")
                say(pseudonym, wave, "phase", phase, "monitor page")
    return said


# --- the attack -------------------------------------------------------------------------------

ATTRIBUTES = {a.name: a for a in (disclosure.SIZE, disclosure.INITIATIVE, disclosure.PHASE)}


def decode(attribute: str, label: str):
    """The generalised code a label stands for (the attacker reads the documentation)."""
    if label == SUPPRESSED_LABEL:
        return disclosure.SUPPRESSED
    if attribute == "initiative":
        return {str(text): code for code, text in Initiative.choices}[label]
    if attribute == "phase":
        labels = {**PHASE_LABELS, **STAGE_LABELS}
        return {str(text): code for code, text in labels.items()}[label]
    return label  # size bands are their own labels


def candidates(said: set, archive: dict[str, dict], attributes=ATTRIBUTES) -> set[str]:
    """The offices whose archived public facts agree with everything said about a pseudonym."""
    found = set(next(iter(archive.values())))
    for wave, attribute, label in said:
        shown = decode(attribute, label)
        found &= {
            name
            for name, facts in archive[wave].items()
            if attributes[attribute].covers(shown, facts[attribute])
        }
    return found


def test_no_office_can_be_singled_out_among_fewer_than_three(client, study):
    views = researcher_views(client, study)
    waves = {wave.name for wave in study.waves}
    sources = Counter()
    said = statements(views, waves, sources)
    # Every office was seen, under a pseudonym, and each kind of view said something.
    assert len(said) == len(study.network.offices)
    assert set(sources) == {"answers.csv", "snapshots.csv", "coding page", "monitor page"}
    for pseudonym, facts in said.items():
        assert {wave for wave, _a, _l in facts} == waves, pseudonym
        found = candidates(facts, study.archive)
        assert len(found) >= 3, (pseudonym, sorted(facts), sorted(found))
    # Not vacuous: something about the offices is still shown.
    assert any(label != SUPPRESSED_LABEL for facts in said.values() for _w, _a, label in facts)


def test_the_same_attack_on_exact_figures_finds_an_office(study):
    """As the pages were: exact member counts and phases from the snapshots."""
    from kapstok.monitor.models import Snapshot

    exact: dict[int, set] = {}
    for snapshot in Snapshot.objects.filter(wave__in=study.waves).select_related("wave"):
        facts = exact.setdefault(snapshot.office_id, set())
        indicators = snapshot.indicators
        facts.add((snapshot.wave.name, "size", str(indicators["members"])))
        facts.add((snapshot.wave.name, "phase", str(PHASE_LABELS[indicators["phase"]])))
    counts = disclosure.Attribute("size", (str, lambda _value: disclosure.SUPPRESSED))
    attributes = {**ATTRIBUTES, "size": counts}
    singled_out = [
        office_id
        for office_id, facts in exact.items()
        if len(candidates(facts, study.archive, attributes)) < 3
    ]
    assert study.network.offices["Hoorn"].pk in singled_out


def test_no_research_page_or_export_names_a_municipality_or_another_coder(client, study):
    views = researcher_views(client, study)
    for name, text in views.items():
        for town in study.network.towns.values():
            assert not re.search(rf"\b{town.name}\b", text), (name, town.name)
        assert "Petra" not in text, name  # the other coder
    agreement = views[f"/onderzoek/codering/{study.project.pk}/overeenstemming/"]
    assert "codeur 1" in agreement and "codeur 2 (u)" in agreement
