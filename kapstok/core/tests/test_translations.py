"""The English catalogue is complete, compiled, and used when English is chosen.

The msgids are Dutch; kapstok/locale/en/LC_MESSAGES/django.po holds the English. The .po is read
with the small parser below (polib is not a project dependency). See docs/translations.md.
"""

import ast
import gettext as stdlib_gettext
import os
import re
import shutil
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "kapstok" / "locale"
PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# Placeholders (%-style and str.format) and markup that must survive translation unchanged.
MARKS = re.compile(r"%\(\w+\)[sd]|%%|\{\w*\}|<[^>]+>")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr ({index: text}) and flags.

    Enough of the format for what makemessages writes: comments, `#,` flags, keywords followed by
    one or more quoted lines, and `#~` obsolete entries (skipped). The header is the entry whose
    msgid is empty.
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {
                "msgctxt": None,
                "msgid": None,
                "msgid_plural": None,
                "msgstr": {},
                "flags": set(),
            }
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += text
            else:
                entry[field[0]] += text
        else:
            keyword, quoted = line.split(" ", 1)
            text = ast.literal_eval(quoted)
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            if match:
                field = ("msgstr", int(match.group(1) or 0))
                entry["msgstr"][field[1]] = text
            else:
                field = (keyword,)
                entry[keyword] = text
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages`"
    return parse_po(PO_PATH)


def messages(entries):
    """Every entry except the header."""
    return [entry for entry in entries if entry["msgid"]]


def finished(entries):
    """Entries with every form translated and not fuzzy: the ones msgfmt puts in the .mo.

    The tests for untranslated and fuzzy entries report the others, once.
    """
    return [
        entry
        for entry in messages(entries)
        if "fuzzy" not in entry["flags"]
        and all(
            entry["msgstr"].get(i) for i in range(2 if entry["msgid_plural"] is not None else 1)
        )
    ]


def describe(entry) -> str:
    return (
        repr(entry["msgid"])
        if entry["msgctxt"] is None
        else f"{entry['msgctxt']}|{entry['msgid']!r}"
    )


def test_the_parser_reads_the_whole_catalogue(entries):
    assert (
        sum(1 for _ in messages(entries))
        == PO_PATH.read_text(encoding="utf-8").count('\nmsgid "') - 1
    )
    assert len(messages(entries)) > 500


def test_the_header_is_english_and_not_fuzzy(entries):
    header = next(entry for entry in entries if entry["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_every_string_is_translated(entries):
    untranslated = []
    for entry in messages(entries):
        forms = 2 if entry["msgid_plural"] is not None else 1
        if any(not entry["msgstr"].get(index) for index in range(forms)):
            untranslated.append(describe(entry))
    assert not untranslated, (
        f"{len(untranslated)} untranslated strings in {PO_PATH.name} (translate them, then "
        "`make messages`):\n" + "\n".join(untranslated)
    )


def test_no_translation_is_fuzzy(entries):
    fuzzy = [describe(entry) for entry in messages(entries) if "fuzzy" in entry["flags"]]
    assert not fuzzy, (
        "Fuzzy entries are guesses by msgmerge and are left out of the .mo; check each translation "
        "and remove its `#, fuzzy` line:\n" + "\n".join(fuzzy)
    )


def test_placeholders_and_markup_are_kept(entries):
    broken = []
    for entry in finished(entries):
        pairs = [(entry["msgid"], entry["msgstr"].get(0, ""))]
        if entry["msgid_plural"] is not None:
            pairs.append((entry["msgid_plural"], entry["msgstr"].get(1, "")))
        for source, target in pairs:
            if sorted(MARKS.findall(source)) != sorted(MARKS.findall(target)):
                broken.append(f"{source!r} -> {target!r}")
    assert not broken, "Placeholders or markup differ:\n" + "\n".join(broken)


def test_the_compiled_catalogue_matches_the_po_file(entries):
    """The .mo is committed (the demo runs without gettext), so it must not lag behind the .po."""
    with MO_PATH.open("rb") as handle:
        compiled = stdlib_gettext.GNUTranslations(handle)
    stale = []
    for entry in finished(entries):
        context, msgid, plural, msgstr = (
            entry["msgctxt"],
            entry["msgid"],
            entry["msgid_plural"],
            entry["msgstr"],
        )
        if plural is None:
            found = (
                compiled.gettext(msgid) if context is None else compiled.pgettext(context, msgid)
            )
            wanted = msgstr[0]
        else:
            if context is None:
                found = (compiled.ngettext(msgid, plural, 1), compiled.ngettext(msgid, plural, 2))
            else:
                found = (
                    compiled.npgettext(context, msgid, plural, 1),
                    compiled.npgettext(context, msgid, plural, 2),
                )
            wanted = (msgstr[0], msgstr[1])
        if found != wanted:
            stale.append(describe(entry))
    assert not stale, (
        f"{MO_PATH.name} is older than {PO_PATH.name}; run `make messages`:\n" + "\n".join(stale)
    )


def test_the_catalogue_has_every_string_in_the_code(entries, settings, tmp_path, monkeypatch):
    """makemessages into a scratch folder finds no msgid that the committed .po lacks."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("xgettext (Debian's gettext) is missing; CI must have it", pytrace=False)
        pytest.skip("xgettext (Debian's gettext) is not installed")
    settings.LOCALE_PATHS = [str(tmp_path)]
    monkeypatch.chdir(settings.BASE_DIR)
    call_command(
        "makemessages",
        locale=["en"],
        no_obsolete=True,
        verbosity=0,
        # The real catalogue stays untouched: its folder is ignored, so everything goes to tmp_path.
        ignore_patterns=[
            ".venv",
            "node_modules",
            "var",
            "staticfiles",
            "test-artifacts",
            "kapstok/locale",
        ],
    )
    in_code = {
        (e["msgctxt"], e["msgid"])
        for e in messages(parse_po(tmp_path / "en" / "LC_MESSAGES" / "django.po"))
    }
    in_catalogue = {(e["msgctxt"], e["msgid"]) for e in messages(entries)}
    missing = sorted(in_code - in_catalogue, key=lambda key: (key[0] or "", key[1]))
    assert not missing, (
        f"{len(missing)} strings in the code are not in {PO_PATH.name}; run `make messages` and "
        "translate them:\n" + "\n".join(repr(msgid) for _context, msgid in missing)
    )


def test_representative_strings_translate():
    from kapstok.network.models import Office

    with translation.override("en"):
        assert translation.gettext("Inloggen") == "Log in"
        assert (
            translation.gettext("Vind een POS-kantoor bij u in de buurt")
            == "Find a POS office near you"
        )
        assert translation.gettext("doorpak-signaal") == "stall signal"
        assert (
            translation.ngettext("%(counter)s kantoor", "%(counter)s kantoren", 3) % {"counter": 3}
            == "3 offices"
        )
        assert (
            translation.ngettext("%(counter)s kantoor", "%(counter)s kantoren", 1) % {"counter": 1}
            == "1 office"
        )
        assert str(Office._meta.verbose_name) == "POS office"
    with translation.override("nl"):
        assert translation.gettext("Inloggen") == "Inloggen"
        assert str(Office._meta.verbose_name) == "POS-kantoor"


@pytest.mark.django_db
def test_the_login_page_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/account/inloggen/").content.decode()
    assert 'lang="en"' in page
    for english in [
        "Log in",
        "Forgotten your password?",
        "Email address",
        "Skip to content",
        "Change language",
    ]:
        assert english in page
    for dutch in ["Inloggen", "Wachtwoord vergeten", "E-mailadres", "Naar de inhoud"]:
        assert dutch not in page


@pytest.mark.django_db
def test_the_public_home_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    for english in ["Find a POS office near you", "Log in", "Main menu", "Skip to content"]:
        assert english in page
    for dutch in ["Vind een POS-kantoor", "Inloggen", "Hoofdmenu", "Naar de inhoud"]:
        assert dutch not in page


@pytest.mark.django_db
def test_the_public_home_stays_dutch_without_a_choice(client):
    page = client.get("/").content.decode()
    assert "Vind een POS-kantoor bij u in de buurt" in page
    assert "Find a POS office" not in page
