"""The landscape importer with ugly files: every rejected row has its line and a reason."""

import datetime
import doctest

import pytest

from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    SportBranchFactory,
)
from kapstok.representation import importer, matching, services
from kapstok.representation.models import BranchSource, LandscapeBusiness, MatchKind, Prospect
from kapstok.representation.reading import LandscapeFileError

from .conftest import HEADER, business, csv_bytes

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)


def check(office, path, **options):
    return services.landscape_import(office=office, path=path, **options)


def store(office, path, **options):
    return services.landscape_import(office=office, path=path, save=True, now=NOW, **options)


def reasons(outcome) -> dict[int, str]:
    return {r.line: r.reason for r in outcome.result.rejected}


def test_docstring_examples_hold():
    for module in (importer, matching):
        assert doctest.testmod(module).failed == 0


def test_a_kvk_export_header_maps_itself():
    header = [
        "KvK-nummer", "Vestigingsnummer", "Eerste handelsnaam", "SBI-code hoofdactiviteit",
        "Straatnaam", "Huisnummer", "Postcode", "Plaats", "Gemeente", "Internetadres",
    ]  # fmt: skip
    assert set(importer.guess_mapping(header)) == set(importer.COLUMN_KEYS) - {"branch"}


def test_the_ugly_file(world, taxonomy, write_file):
    """Semicolons, Windows-1252, empty lines, duplicates, formulas, wrong place, bad numbers."""
    rows = [
        business("11111111", "Padelcentrum Domstad"),  # line 2: fine
        ["", "", "", "", "", "", "", "", "", ""],  # 3: empty line
        business("11111111", "Padelcentrum Domstad"),  # 4: exact duplicate of 2
        business("22222222", '=HYPERLINK("http://x")', "93.13"),  # 5: a formula
        business("33333333", "Manège Zwolle", "93.12.5", municipality="Zwolle"),  # 6: wrong place
        business("1234", "Tennispark Kort"),  # 7: bad KvK
        business("44444444", "Golfbaan Nergens", "99.99.9"),  # 8: unknown SBI
        business("55555555", "Zwemschool Café Olé", "93111", municipality="GM0344"),  # 9: fine
        business("11111111", "Padelcentrum Anders"),  # 10: same KvK, other data
        business("66666666", "Sportcentrum", "", municipality="Atlantis"),  # 11: no SBI
        business("77777777", "Yogastudio", "93.14.9", municipality="Atlantis"),  # 12: unknown place
    ]
    data = csv_bytes(rows, encoding="cp1252").replace(b";;;;;;;;;\r\n", b"\r\n")
    outcome = check(world.office, write_file(data))
    assert reasons(outcome) == {
        5: "Handelsnaam ziet eruit als een spreadsheetformule: '=HYPERLINK(\"http://x\")'.",
        6: "Gemeente 'Zwolle' hoort niet bij dit kantoor (Utrecht).",
        7: "KvK-nummer '1234' bestaat niet uit 8 cijfers.",
        8: "Onbekende SBI-code '99.99.9'.",
        10: "Hetzelfde KvK-nummer en vestigingsnummer staan al op regel 2, met andere gegevens.",
        11: "Er staat geen SBI-code en geen tak van sport in deze regel.",
        12: "Onbekende gemeente 'Atlantis'.",
    }
    assert outcome.result.duplicates == [(4, 2)]
    assert outcome.result.empty == 1
    names = {row.line: (row.trade_name, row.branch) for row in outcome.result.rows}
    assert names == {
        2: ("Padelcentrum Domstad", "padel"),
        9: ("Zwemschool Café Olé", "zwemmen"),
    }
    assert not LandscapeBusiness.objects.exists()  # a check stores nothing


def test_excel_habits_with_numbers_are_undone(world, taxonomy, write_file):
    rows = [business("1234567", "Padelhal", establishment="12345678")]
    [row] = check(world.office, write_file(csv_bytes(rows))).result.rows
    assert (row.kvk_number, row.establishment_number) == ("01234567", "000012345678")


def test_an_establishment_number_in_scientific_notation_is_explained(world, taxonomy, write_file):
    rows = [business("12345678", "Padelhal", establishment="1,23457E+11")]
    [reason] = reasons(check(world.office, write_file(csv_bytes(rows)))).values()
    assert "wetenschappelijke notatie" in reason


def test_the_branch_column_replaces_a_missing_sbi_code(world, taxonomy, write_file):
    header = [*HEADER, "Tak van sport"]
    rows = [[*business("12345678", "Het Sportpark", ""), "Paardensport"]]
    [row] = check(world.office, write_file(csv_bytes(rows, header=header))).result.rows
    assert (row.branch, row.branch_source) == ("paardensport", BranchSource.COLUMN)


def test_without_municipality_column_a_single_municipality_office_owns_the_rows(
    world, taxonomy, write_file
):
    header = ["kvk", "naam", "sbi"]
    data = csv_bytes([["12345678", "Padelhal", "93124"]], header=header, delimiter=",")
    [row] = check(world.office, write_file(data)).result.rows
    assert row.municipality_id == world.utrecht.pk


def test_an_office_of_two_municipalities_needs_the_column(world, taxonomy, write_file):
    world.office.municipalities.add(MunicipalityFactory(code="GM0353", name="IJsselstein"))
    data = csv_bytes(
        [["12345678", "Padelhal", "93124", "Houten"]], header=["kvk", "naam", "sbi", "plaats"]
    )
    [reason] = reasons(check(world.office, write_file(data))).values()
    assert "meer gemeenten" in reason


def test_required_columns_must_be_mapped(world, taxonomy, write_file):
    data = csv_bytes([["Padelhal"]], header=["Handelsnaam"])
    with pytest.raises(LandscapeFileError, match="KvK-nummer"):
        check(world.office, write_file(data))


def test_storing_creates_then_a_second_import_updates(world, taxonomy, write_file):
    first = store(world.office, write_file(csv_bytes([business("12345678", "Padelhal")])))
    assert (first.created, first.updated) == (1, 0)
    Prospect.objects.create(
        business=LandscapeBusiness.objects.get(), stage="approached", stage_changed_on=NOW.date()
    )
    second = store(world.office, write_file(csv_bytes([business("12345678", "Padelhal Domstad")])))
    assert (second.created, second.updated) == (0, 1)
    stored = LandscapeBusiness.objects.get()
    assert stored.trade_name == "Padelhal Domstad"
    assert stored.prospect.stage == "approached"  # the pipeline survives a re-import


def test_the_same_file_twice_changes_nothing(world, taxonomy, write_file):
    path = write_file(csv_bytes([business("12345678", "Padelhal")]))
    store(world.office, path)
    again = store(world.office, path)
    assert (again.created, again.updated, LandscapeBusiness.objects.count()) == (0, 0, 1)


def test_missing_businesses_stay_unless_asked(world, taxonomy, write_file):
    store(
        world.office, write_file(csv_bytes([business("12345678", "A"), business("87654321", "B")]))
    )
    later = NOW + datetime.timedelta(days=1)
    only_a = write_file(csv_bytes([business("12345678", "A")]))
    services.landscape_import(office=world.office, path=only_a, save=True, now=later)
    assert LandscapeBusiness.objects.count() == 2
    outcome = services.landscape_import(
        office=world.office, path=only_a, save=True, remove_missing=True,
        now=later + datetime.timedelta(days=1),
    )  # fmt: skip
    assert outcome.removed == 1
    assert list(LandscapeBusiness.objects.values_list("kvk_number", flat=True)) == ["12345678"]


def test_storing_is_all_or_nothing(world, taxonomy, write_file, monkeypatch):
    store(world.office, write_file(csv_bytes([business("12345678", "A")])))

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "_update", broken)  # after the inserts, before the end
    rows = [business("12345678", "A nieuw"), business("87654321", "B")]
    with pytest.raises(RuntimeError):
        store(world.office, write_file(csv_bytes(rows)))
    assert list(LandscapeBusiness.objects.values_list("trade_name", flat=True)) == ["A"]


def test_a_leads_classification_is_remembered_for_the_next_import(world, taxonomy, write_file):
    path = write_file(csv_bytes([business("12345678", "Sportcentrum De Linde", "93.14.6")]))
    store(world.office, path)
    stored = LandscapeBusiness.objects.get()
    assert stored.branch is None
    golf = SportBranchFactory(slug="golf")
    services.business_classify(business=stored, branch=golf, actor=world.users["lead"])
    LandscapeBusiness.objects.all().delete()
    [row] = check(world.office, path).result.rows
    assert (row.branch, row.branch_source) == ("golf", BranchSource.LEAD)


def test_known_entrepreneurs_are_linked_by_kvk_number(world, taxonomy, write_file):
    kvk = world.member_entrepreneur.kvk_number
    store(world.office, write_file(csv_bytes([business(kvk, "Yoga Marieke BV", "93.14.9")])))
    stored = LandscapeBusiness.objects.get()
    assert (stored.entrepreneur, stored.match_kind) == (world.member_entrepreneur, MatchKind.KVK)


def _member(world, name):
    """A current member of the office: the only businesses an import links or suggests."""
    entrepreneur = EntrepreneurFactory(business_name=name, municipality=world.utrecht)
    MembershipFactory(office=world.office, entrepreneur=entrepreneur)
    return entrepreneur


def test_a_close_name_in_the_same_place_is_suggested_never_linked(world, taxonomy, write_file):
    padel = _member(world, "Padelcentrum Domstad")
    rows = [
        business("12345678", "Padel Centrum Domstad Utrecht"),  # same words, other KvK
        business("87654321", "Padelhal Oost"),  # too different
    ]
    outcome = store(world.office, write_file(csv_bytes(rows)))
    assert outcome.suggestions == 1
    close = LandscapeBusiness.objects.get(kvk_number="12345678")
    assert close.suggested_entrepreneur == padel and close.entrepreneur is None
    assert LandscapeBusiness.objects.get(kvk_number="87654321").suggested_entrepreneur is None


def test_a_rejected_suggestion_is_not_made_again(world, taxonomy, write_file):
    _member(world, "Padelcentrum Domstad")
    path = write_file(csv_bytes([business("12345678", "Padelcentrum Domstad")]))
    store(world.office, path)
    services.suggestion_reject(business=LandscapeBusiness.objects.get())
    store(world.office, path)
    stored = LandscapeBusiness.objects.get()
    assert stored.suggested_entrepreneur is None and stored.rejected_entrepreneur is not None


def test_a_confirmed_suggestion_survives_a_reimport(world, taxonomy, write_file):
    padel = _member(world, "Padelcentrum Domstad")
    path = write_file(csv_bytes([business("12345678", "Padelcentrum Domstad")]))
    store(world.office, path)
    services.suggestion_confirm(business=LandscapeBusiness.objects.get())
    store(world.office, path)
    stored = LandscapeBusiness.objects.get()
    assert (stored.entrepreneur, stored.match_kind) == (padel, MatchKind.REVIEWED)


def test_several_establishments_under_one_kvk_number_are_a_chain(world, taxonomy, write_file):
    rows = [
        business("90000001", "Zwaluw Fitness Centrum", "93.13", establishment="000000000001"),
        business("90000001", "Zwaluw Fitness Oost", "93.13", establishment="000000000002"),
        business("12345678", "Padelhal"),
    ]
    outcome = check(world.office, write_file(csv_bytes(rows)))
    assert {row.trade_name: row.is_chain for row in outcome.result.rows} == {
        "Zwaluw Fitness Centrum": True,
        "Zwaluw Fitness Oost": True,
        "Padelhal": False,
    }


def test_every_bad_value_is_reported_and_none_is_stored(world, taxonomy, write_file):
    """Websites other than http(s), formulas, control characters, bad KvK numbers: each row is
    reported with its line and reason, and only the good rows are stored."""

    def row(kvk, name="Padelhal", website="", place="Utrecht"):
        return [kvk, "", name, "93.12.4", "Domplein", "1", "3512 JE", place, "Utrecht", website]

    bad = {
        2: row("11111111", website="javascript:alert(1)"),
        3: row("11111112", website='=HYPERLINK("http://kwaad.example")'),
        4: row("11111113", name="Padel\x00hal"),
        5: row("11111114", name="Padel\x1b[31mhal"),
        6: row("11111115", place="@SUM(A1:A9)"),
        7: row("1111111X"),
        8: row("111111111"),
        9: row("11111116", website="ftp://bestanden.example"),
        10: row("11111117", website="data:text/html,<script>alert(1)</script>"),
        11: row("11111118", name='+HYPERLINK("http://x")'),
    }
    good = [
        row("22222222", website="www.padel-domstad.nl"),
        row("22222223", name="Padel\u202eDomstad\u200b", website="https://padel.example/"),
    ]
    outcome = store(world.office, write_file(csv_bytes([*bad.values(), *good])))
    reported = reasons(outcome)
    assert set(reported) == set(bad), reported
    assert all(reason.strip() for reason in reported.values())
    assert "stuurteken" in reported[4] and "stuurteken" in reported[5]
    assert "http:// of https://" in reported[2] and "http:// of https://" in reported[9]
    assert "spreadsheetformule" in reported[3] and "spreadsheetformule" in reported[6]
    assert "8 cijfers" in reported[7] and "8 cijfers" in reported[8]
    stored = dict(LandscapeBusiness.objects.values_list("kvk_number", "website"))
    assert stored == {
        "22222222": "https://www.padel-domstad.nl",
        "22222223": "https://padel.example/",
    }
    assert LandscapeBusiness.objects.get(kvk_number="22222223").trade_name == "PadelDomstad"
