"""Control, bidi and zero-width characters never reach a view or the database.

`kapstok.core.text.clean_text` is checked as a property (Hypothesis); the middleware that applies
it to every form and query value (`CleanTextInputMiddleware`) is then checked against every route
of the page matrix: each form a permitted persona can open is filled with hostile text (NUL and
other control characters, right-to-left overrides, zero-width characters, emoji, 10,000
characters) and sent. No answer may be a server error, a refused form speaks Dutch, and afterwards
no text in the database holds one of the removed characters. Runs on SQLite and PostgreSQL alike
(PostgreSQL is the one that fails on a NUL byte).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.apps import apps
from django.db import models
from django.test import RequestFactory

from kapstok.accounts.tests.test_access_matrix import PAGES, POST_ONLY, _monitor, _respond_url
from kapstok.accounts.tests.test_access_matrix import (
    matrix_world as matrix_world,  # noqa: F401  (the fixture)
)
from kapstok.core.text import BIDI, CONTROL, ZERO_WIDTH, clean_text
from kapstok.trust.middleware import CleanTextInputMiddleware

REMOVED = set(CONTROL + BIDI + ZERO_WIDTH)
FAMILY = "👨\u200d👩\u200d👧"  # one emoji sequence: the joiners stay
HOSTILE = [
    "Kees\x00 Kartrekker",
    "\x01\x07\x08\x1b[31mrood\x7f\x85\x9f",
    "\u202eKartrekker\u202c \u2066Kees\u2069 \u200e\u200f\u061c",
    "Ke\u200bes\u2060 Kar\ufefftrekker a\u200db",
    f"{FAMILY} 🏳️\u200d🌈 ❤️ Zoë façade ملعب",
    "tab\tregel\r\nnieuw",
]
LONG = "x\x00" * 5_000  # 10,000 characters, NUL in between
ENGLISH_ERRORS = re.compile(
    r"This field|Ensure this value|Enter a valid|Null characters|Select a valid|is required"
)


# --- the cleaning function --------------------------------------------------------------------


@given(st.text())
def test_cleaned_text_holds_no_control_bidi_or_zero_width_character(value):
    cleaned = clean_text(value)
    assert not set(cleaned) & REMOVED
    assert clean_text(cleaned) == cleaned


@given(st.text(alphabet=st.characters(blacklist_characters=[*REMOVED, "\u200d"])))
def test_text_without_them_is_kept_as_typed(value):
    assert clean_text(value) == value


@given(st.lists(st.sampled_from([*REMOVED, "\u200d", "a", "Ω", "😀", " "]), max_size=40))
def test_a_joiner_survives_only_between_pictographs(chars):
    cleaned = clean_text("".join(chars))
    for index, char in enumerate(cleaned):
        if char == "\u200d":
            assert 0 < index < len(cleaned) - 1
            assert cleaned[index - 1] == "😀" and cleaned[index + 1] == "😀"


def test_emoji_sequences_and_line_breaks_are_kept():
    assert clean_text(HOSTILE[4]) == HOSTILE[4]
    assert clean_text(HOSTILE[5]) == HOSTILE[5]
    assert clean_text(HOSTILE[2]) == "Kartrekker Kees "


# --- the middleware ---------------------------------------------------------------------------


def _seen_by_view(request):
    seen = {}

    def view(request):
        seen["GET"] = dict(request.GET.lists())
        seen["POST"] = dict(request.POST.lists())
        return None

    CleanTextInputMiddleware(view)(request)
    return seen


@settings(max_examples=50)
@given(st.text(), st.text())
def test_no_view_sees_a_removed_character(name, value):
    request = RequestFactory().post("/", {"name": [value, name]})
    request.GET = request.GET.copy()
    request.GET["q"] = value
    seen = _seen_by_view(request)
    assert seen["POST"]["name"] == [clean_text(value), clean_text(name)]
    assert seen["GET"]["q"] == [clean_text(value)]


def test_passwords_lose_control_characters_but_keep_the_rest():
    secret = "ge\u200bheim\u202e\x00!"
    seen = _seen_by_view(RequestFactory().post("/", {"new_password1": secret}))
    assert seen["POST"]["new_password1"] == ["ge\u200bheim\u202e!"]


def test_uploads_and_json_bodies_are_left_alone():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", b"naam\x00\n", content_type="text/csv")
    request = RequestFactory().post("/", {"file": upload, "title": "a\x00b"})
    seen = {}

    def view(request):
        seen["title"] = request.POST["title"]
        seen["file"] = request.FILES["file"].read()

    CleanTextInputMiddleware(view)(request)
    assert seen == {"title": "ab", "file": b"naam\x00\n"}
    body = '{"name": "a\\u0000b"}'
    request = RequestFactory().post("/", body, content_type="application/json")
    CleanTextInputMiddleware(lambda r: None)(request)
    assert request.body == body.encode()


# --- every form of the project ----------------------------------------------------------------

# Who is tried first on a route: the persona that may act there (the page matrix says who).
PREFERRED = ["lead", "pos", "member", "partner", "researcher", "civil_servant", "admin"]
PREFERRED += ["other_member", "other_lead", "outsider", "anonymous"]
TEXT_INPUTS = {"text", "email", "url", "search", "tel", "number", "date", "datetime-local"}
TEXT_INPUTS |= {"time", "month", "password", ""}
# A POST-only route shows no form to read its fields from: it gets these.
GENERIC_FIELDS = ["name", "title", "text", "body", "description", "reason", "label", "q"]


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the fields they would send."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "").lower() == "post" or a.get("hx-post"):
                self.forms.append({"action": a.get("hx-post") or a.get("action") or "", "f": []})
            else:
                self.forms.append(None)
            return
        if not self.forms or self.forms[-1] is None or not a.get("name"):
            return
        fields = self.forms[-1]["f"]
        if tag == "textarea":
            fields.append((a["name"], "text", None))
        elif tag == "input":
            kind = (a.get("type") or "").lower()
            if kind in TEXT_INPUTS:
                fields.append((a["name"], "text", None))
            elif kind == "hidden" or (kind in {"checkbox", "radio"} and "checked" in a):
                fields.append((a["name"], "keep", a.get("value", "on")))
        elif tag == "select":
            self._select = a["name"]
            fields.append((a["name"], "select", None))
        elif tag == "option" and self._select:
            name, _kind, value = fields[-1] if fields[-1][0] == self._select else (None, 0, 0)
            if name and value is None and a.get("value"):
                fields[-1] = (name, "select", a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _persona_for(outcomes):
    return next((p for p in PREFERRED if outcomes[p] in {"200", "400"}), None)


def _fill(fields, texts) -> dict:
    data = {}
    for index, (name, kind, value) in enumerate(fields):
        if kind == "text":
            data.setdefault(name, texts[index % len(texts)])
        elif value is not None:
            data.setdefault(name, value)
    return data


def _forms_on(client, url, path) -> list[list]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    return [
        form["f"] for form in parser.forms if form and urlsplit(form["action"]).path in {"", path}
    ]


def _stored_strings():
    """Every string in every text or JSON column of the project's models."""
    for model in apps.get_models():
        if not model.__module__.startswith("kapstok."):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model.objects.values_list(*fields) if fields else []:
            yield from (str(value) for value in row if value)


def _check(response, page, wrong):
    if response.status_code >= 500:
        wrong.append(f"{page}: {response.status_code}")
        return
    refused = response.status_code in (200, 400) and "html" in response.get("Content-Type", "")
    if refused and (found := ENGLISH_ERRORS.search(response.content.decode())):
        wrong.append(f"{page}: English error {found.group()!r}")


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_in_every_form_is_cleaned_or_refused_in_dutch(page, matrix_world, client):
    build_url, outcomes = PAGES[page]
    persona = _persona_for(outcomes)
    if persona is None:
        pytest.skip("nobody may act here")
    if persona != "anonymous":
        client.force_login(matrix_world.users[persona])
    url = build_url(matrix_world)
    if page in POST_ONLY:
        forms = [[(name, "text", None) for name in GENERIC_FIELDS]]
    else:
        forms = _forms_on(client, url, urlsplit(url).path)
    wrong = []
    for fields in forms:
        for texts in (HOSTILE, [LONG]):
            _check(client.post(url, _fill(fields, texts)), page, wrong)
    _check(client.get(url, {"q": HOSTILE[0] + HOSTILE[2]}), page, wrong)
    assert not wrong, wrong
    stored = [value[:60] for value in _stored_strings() if set(value) & REMOVED]
    assert not stored, f"{page}: stored {stored}"


def test_the_sweep_reaches_the_forms(matrix_world, client):
    """The sweep above is only worth something if it finds the forms: spot-check a few."""
    client.force_login(matrix_world.users["lead"])
    goal_form = _forms_on(client, "/netwerk/kantoren/kantoor-utrecht/kapstok/doelen/nieuw/", "")
    assert any(name == "title" and kind == "text" for name, kind, _v in goal_form[0])
    section = _respond_url(matrix_world, "deel/0/")
    answers = [f for form in _forms_on(client, section, section) for f in form]
    assert any(name.startswith("q") and kind == "text" for name, kind, _v in answers)


# --- the questionnaire that lost its answers ---------------------------------------------------


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answer=st.text(min_size=1, max_size=200).map(lambda text: f"Meer leden\x00{text}"))
def test_an_answer_with_a_nul_byte_is_kept_without_it(answer, matrix_world, client):
    from kapstok.monitor.models import Answer

    world = _monitor(matrix_world)
    invitation = world.monitor_wave.invitations.get(audience="lead")
    url = _respond_url(world, "deel/0/")
    page = client.get(url)
    assert page.status_code == 200
    parser = _Forms()
    parser.feed(page.content.decode())
    text_fields = [
        name for form in parser.forms if form for name, kind, _v in form["f"] if kind == "text"
    ]
    assert text_fields, "the first section has an open question"
    response = client.post(url, {text_fields[0]: answer})
    assert response.status_code < 500
    stored = Answer.objects.filter(response__invitation=invitation).values_list("text", flat=True)
    if response.status_code == 302:
        assert clean_text(answer).strip() in [text.strip() for text in stored]
    assert not any("\x00" in text for text in stored)
