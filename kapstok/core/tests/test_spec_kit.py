"""The shared kit: form errors, the content generation, the language, caches, spreadsheets,
user text, links and the planner, each as the rest of the project relies on it."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy

from kapstok.core.cache_url import cache_from_url
from kapstok.core.forms import apply_errors
from kapstok.core.generation import generation_bump, generation_current
from kapstok.core.links import absolute_url
from kapstok.core.middleware import ContentGenerationMiddleware, DutchFirstLocaleMiddleware
from kapstok.core.planner import planner_statistics_refresh
from kapstok.core.rich_text import rich_text
from kapstok.core.spreadsheets import csv_writer, safe_cell, workbook, workbook_bytes


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def form_with(error: ValidationError) -> NameForm:
    form = NameForm(data={"name": "x"})
    form.is_valid()
    apply_errors(form, error)
    return form


# --- apply_errors ------------------------------------------------------------------------------


def test_a_services_error_lands_at_the_field_it_names():
    form = form_with(ValidationError({"name": ["Te kort.", "Bestaat al."]}))
    assert form.errors == {"name": ["Te kort.", "Bestaat al."]}


def test_an_error_for_a_field_the_form_does_not_show_goes_on_top():
    form = form_with(ValidationError({"kvk_number": "Bestaat al.", "name": "Te kort."}))
    assert form.non_field_errors() == ["Bestaat al."]
    assert form.errors["name"] == ["Te kort."]


def test_an_error_without_field_goes_on_top_and_the_form_is_invalid():
    form = form_with(ValidationError(["Eerst dit.", "Dan dat."]))
    assert form.non_field_errors() == ["Eerst dit.", "Dan dat."]
    assert not form.is_valid()


# --- the content generation ------------------------------------------------------------------


def run(method, status):
    middleware = ContentGenerationMiddleware(lambda request: HttpResponse(status=status))
    return middleware(getattr(RequestFactory(), method.lower())("/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "status", "bumps"),
    [
        ("POST", 302, True),
        ("PUT", 200, True),
        ("PATCH", 204, True),
        ("DELETE", 200, True),
        ("POST", 400, False),
        ("POST", 403, False),
        ("POST", 500, False),
        ("GET", 200, False),
        ("OPTIONS", 200, False),
        ("HEAD", 200, False),
    ],
)
def test_only_successful_writes_bump_the_generation(method, status, bumps):
    run(method, status)
    assert generation_current() == (1 if bumps else 0)


@pytest.mark.django_db
def test_a_bump_inside_a_rolled_back_transaction_leaves_no_trace():
    generation_bump()
    with pytest.raises(RuntimeError), transaction.atomic():
        generation_bump()
        raise RuntimeError("mislukt")
    assert generation_current() == 1


# --- Dutch first ---------------------------------------------------------------------------------


def locale_response(cookie=None, view=None):
    seen = {}

    def view_(request):
        seen["language"] = translation.get_language()
        seen["request"] = request.LANGUAGE_CODE
        return view(request) if view else HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en")
    if cookie:
        request.COOKIES["django_language"] = cookie
    response = DutchFirstLocaleMiddleware(view_)(request)
    return response, seen


def test_the_chosen_language_is_active_during_the_request_only():
    with translation.override("nl"):
        response, seen = locale_response(cookie="en")
        assert seen == {"language": "en", "request": "en"}
        assert response["Content-Language"] == "en"


def test_a_view_that_names_its_own_language_keeps_it():
    def view(request):
        response = HttpResponse("ok")
        response["Content-Language"] = "en"
        return response

    response, _seen = locale_response(view=view)
    assert response["Content-Language"] == "en"


# --- cache addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("locmem://kapstok", "kapstok"),
        ("db:///kapstok_cache", "kapstok_cache"),
        ("file:///var/cache/kapstok", "/var/cache/kapstok"),
        ("redis://:geheim@cache.internal:6379/1", "redis://:geheim@cache.internal:6379/1"),
    ],
)
def test_each_kind_of_cache_address_gives_its_location(url, location):
    assert cache_from_url(url)["LOCATION"] == location


def test_a_cache_address_without_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind of cache ''"):
        cache_from_url("kapstok_cache")


# --- spreadsheets --------------------------------------------------------------------------------


def test_cells_keep_their_type_and_lazy_text_becomes_text():
    when = datetime.date(2025, 6, 1)
    assert safe_cell(True) is True and safe_cell(when) == when and safe_cell(None) is None
    assert safe_cell(gettext_lazy("Fase")) == "Fase"
    assert safe_cell(["=1"]) == "['=1']"


def test_a_second_sheet_and_a_dict_row_are_neutralised_too():
    book = workbook()
    extra = book.create_sheet("Tweede")
    extra.append({"A": "=SOM(1)", "B": 2})
    extra.cell(2, 1, "@evil")
    loaded = load_workbook(io.BytesIO(workbook_bytes(book)))
    sheet = loaded["Tweede"]
    assert [sheet["A1"].value, sheet["B1"].value, sheet["A2"].value] == ["'=SOM(1)", 2, "'@evil"]


def test_a_csv_writer_shows_its_dialect_and_writes_several_rows():
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([["a", "+31 6"], ["b", 5]])
    assert writer.dialect.delimiter == ";"
    assert out.getvalue() == "a;'+31 6\nb;5\n"


# --- user text -----------------------------------------------------------------------------------


def test_an_email_address_becomes_a_mail_link_and_other_schemes_stay_text():
    html = str(rich_text("Mail info@pos.nl of ftp://pos.nl"))
    assert '<a href="mailto:info@pos.nl"' in html
    assert 'href="ftp' not in html


def test_inline_text_has_no_paragraphs():
    assert "<p>" not in str(rich_text("a\n\nb", inline=True))


# --- links and the planner -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["https://elders.example/", "//elders.example/", "pagina/"])
def test_an_absolute_link_is_only_made_of_a_path_on_this_site(path):
    with pytest.raises(ValueError, match="wants a path on this site"):
        absolute_url(path)


@pytest.mark.django_db
def test_the_planner_statistics_may_be_refreshed_inside_a_transaction(world):
    # The demo refreshes them while loading, in one transaction: that must not raise.
    with transaction.atomic():
        planner_statistics_refresh()
