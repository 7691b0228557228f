"""User-written text reaches pages only through `rich_text`, which neutralises XSS payloads."""

import pathlib
import re

import pytest

from django.template import Context, Template

from kapstok.core.rich_text import rich_text, sanitise_html

TEMPLATES = pathlib.Path(__file__).resolve().parents[2] / "templates"

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<svg onload="alert(1)"></svg>',
    '"><iframe src="https://evil.example"></iframe>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    "<p style=\"background:url('javascript:alert(1)')\">x</p>",
    "<!-- <script>alert(1)</script> -->",
]

DANGEROUS = re.compile(r"<script|<img|<svg|<iframe|onerror|onload|javascript:|style=", re.I)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_markup_is_shown_as_text(payload):
    html = str(rich_text(f"Beste kartrekker,\n{payload}"))
    tags = {name.lower() for name in re.findall(r"</?([a-zA-Z]+)", html)}
    assert tags <= {"p", "br", "a"}
    assert "&lt;" in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_removes_what_could_run_even_if_markup_got_through(payload):
    assert not DANGEROUS.search(str(sanitise_html(payload)))


def test_the_sanitiser_keeps_the_allowed_markup():
    html = '<p>Een <strong>sterk</strong> <em>punt</em><br><a href="https://pos.nl">POS</a></p>'
    cleaned = str(sanitise_html(html))
    assert "<strong>sterk</strong>" in cleaned and "<em>punt</em>" in cleaned
    assert '<a href="https://pos.nl" rel="nofollow noopener noreferrer">POS</a>' in cleaned


def test_paragraphs_line_breaks_and_links():
    html = str(rich_text("Eerste regel\ntweede\n\nZie https://pos.nl"))
    assert html.startswith("<p>Eerste regel<br>tweede</p>")
    assert '<a href="https://pos.nl" rel="nofollow noopener noreferrer">' in html
    inline = str(rich_text("a\nb", inline=True))
    assert inline == "a<br>b"


def test_empty_text_gives_nothing():
    assert rich_text(None) == "" and rich_text("") == ""


def test_the_template_filters_escape_and_sanitise():
    template = Template("{% load rich_text %}{{ text|rich_text }}|{{ text|rich_text_inline }}")
    html = template.render(Context({"text": '<img src=x onerror="alert(1)">\nregel'}))
    assert "<img" not in html and "&lt;img" in html


def test_no_template_renders_user_text_around_the_sanitiser():
    """linebreaks, urlize and safe would bypass `rich_text`; only data made safe in code may."""
    forbidden = re.compile(r"\|\s*(linebreaks|linebreaksbr|urlize|urlizetrunc|safe)\b")
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in forbidden.finditer(path.read_text())
    ]
    assert offenders == []
