"""Importing clubs from a file: what is stored, what is skipped and why, and what is refused.

The file comes from a municipality or an office, saved by whatever they use: Excel's CSV with
semicolons (often Windows-1252), a UTF-8 export with a BOM, or an XLSX.
"""

import io

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.clubs import importing
from kapstok.clubs.importing import ClubFileError, clubs_import
from kapstok.clubs.models import SportsClub
from kapstok.core.spreadsheets import workbook, workbook_bytes

HEADER = "naam,sport,gemeente,website,e-mail secretariaat,kvk-nummer"


def run(world, persona, text: str | bytes, save=True):
    data = text.encode("utf-8") if isinstance(text, str) else text
    user = world.users[persona]
    return clubs_import(data=data, viewer=viewer_for(user), user=user, save=save)


def reasons(report) -> dict[int, str]:
    return {row.number: row.reason for row in report.skipped}


@pytest.mark.django_db
def test_a_good_file_stores_every_club_with_its_sports_and_details(club_world):
    text = (
        f"{HEADER}\n"
        "Tennisvereniging De Kwikstaart,Tennis/Padel,GM0344,kwikstaart.invalid,"
        "info@kwikstaart.invalid,1234 5678\n"
        "Zwemvereniging De Zeehond,zwemmen,Utrecht,,,\n"
    )

    report = run(club_world, "pos", text)

    assert (report.created, report.updated, report.skipped) == (2, 0, [])
    tennis = SportsClub.objects.get(name="Tennisvereniging De Kwikstaart")
    assert tennis.municipality == club_world.utrecht
    assert sorted(s.slug for s in tennis.sports.all()) == ["padel", "tennis"]
    assert tennis.website == "https://kwikstaart.invalid"
    assert tennis.secretary_email == "info@kwikstaart.invalid"
    assert tennis.kvk_number == "12345678"
    assert SportsClub.objects.get(name="Zwemvereniging De Zeehond").municipality.code == "GM0344"


@pytest.mark.django_db
def test_a_utf8_file_with_bom_and_semicolons_keeps_its_accents(club_world):
    text = "naam;sport;gemeente\r\nCafé-Sportclub Één;Tennis;Utrecht\r\n"

    report = run(club_world, "pos", text.encode("utf-8-sig"))

    assert report.created == 1 and not report.notes
    assert SportsClub.objects.filter(name="Café-Sportclub Één").exists()


@pytest.mark.django_db
def test_an_excel_sep_line_names_the_delimiter(club_world):
    text = "sep=;\nnaam;gemeente\nHC De Specht;GM0344\n"

    report = run(club_world, "pos", text)

    assert report.created == 1
    assert report.skipped == []
    assert SportsClub.objects.get(name="HC De Specht").municipality == club_world.utrecht


@pytest.mark.django_db
def test_an_xlsx_file_is_read_from_its_first_sheet(club_world):
    book = workbook()
    sheet = book.active
    sheet.append(["Naam", "Sport", "Gemeente", "KvK-nummer"])
    sheet.append(["Tennisclub De Zwaluw", "Tennis", "Utrecht", 87654321])
    sheet.append([None, None, None, None])
    sheet.append(["", "Padel", "Utrecht", None])

    report = run(club_world, "pos", workbook_bytes(book))

    assert report.created == 1
    assert SportsClub.objects.get(name="Tennisclub De Zwaluw").kvk_number == "87654321"
    assert reasons(report) == {4: "naam ontbreekt"}


@pytest.mark.django_db
def test_a_latin1_file_is_read_as_windows_1252_and_the_report_says_so(club_world):
    text = "naam;gemeente\nCafé Hockey;Utrecht\nGewone Club;Utrecht\n"

    report = run(club_world, "pos", text.encode("latin-1"))

    assert report.created == 2
    assert SportsClub.objects.filter(name="Café Hockey").exists()  # no "CafÃ©", no "Caf?"
    assert not SportsClub.objects.filter(name__contains="\ufffd").exists()
    assert len(report.notes) == 1
    assert "Windows-1252" in report.notes[0] and "Regel 2 " in report.notes[0]


@pytest.mark.django_db
def test_a_row_with_bytes_no_encoding_defines_is_skipped_not_stored_garbled(club_world):
    data = b"naam;gemeente\nClub \x81 Onleesbaar;Utrecht\nLeesbaar;Utrecht\n"

    report = run(club_world, "pos", data)

    assert report.created == 1
    assert reasons(report) == {
        2: "bevat tekens die niet te lezen zijn; sla het bestand op als UTF-8"
    }
    assert list(SportsClub.objects.filter(name__startswith="Club").values_list("name")) == []


@pytest.mark.django_db
def test_a_mixed_file_decodes_each_line_on_its_own(club_world):
    data = "naam;gemeente\nÉén;Utrecht\n".encode() + "Zeeën;Utrecht\n".encode("cp1252")

    report = run(club_world, "pos", data)

    assert set(SportsClub.objects.values_list("name", flat=True)) >= {"Één", "Zeeën"}
    assert "Regel 3 " in report.notes[0]


@pytest.mark.django_db
def test_reimporting_the_same_file_updates_instead_of_duplicating(club_world):
    first = f"{HEADER}\nHockeyclub De Wielewaal,Tennis,Utrecht,,,\nNieuwe Club,,Utrecht,,,\n"
    run(club_world, "pos", first)
    again = f"{HEADER}\nhockeyclub de wielewaal,Tennis,Utrecht,,,\nNieuwe Club,,Utrecht,,,\n"

    report = run(club_world, "pos", again)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert SportsClub.objects.filter(municipality=club_world.utrecht).count() == 2
    changed = f"{HEADER}\nHockeyclub De Wielewaal,Padel,Utrecht,nieuw.invalid,,\n"
    report = run(club_world, "pos", changed)
    club_world.hockey.refresh_from_db()
    assert report.updated == 1
    assert [s.slug for s in club_world.hockey.sports.all()] == ["padel"]
    assert club_world.hockey.website == "https://nieuw.invalid"
    assert club_world.hockey.secretary_email == "secretariaat@wielewaal.invalid"  # empty cell


@pytest.mark.django_db
def test_the_same_club_twice_in_one_file_is_reported_as_a_duplicate(club_world):
    text = "naam;gemeente\nDe Vink;Utrecht\nDE VINK ;Utrecht\nDe Vink;Zwolle\n"

    report = run(club_world, "pos", text)

    assert report.created == 2  # the same name in another municipality is another club
    assert reasons(report) == {3: "dubbel: dezelfde vereniging staat al in rij 2"}


@pytest.mark.django_db
def test_a_civil_servant_imports_only_for_their_own_municipality(club_world):
    text = "naam;gemeente\nDe Mees;Utrecht\nDe Kraai;Zwolle\nDe Uil;\n"

    report = run(club_world, "civil_servant", text)

    assert set(
        SportsClub.objects.filter(name__startswith="De ").values_list("name", flat=True)
    ) == {
        "De Mees",
        "De Uil",  # an empty municipality is theirs: they work for one
    }
    assert reasons(report) == {
        3: "gemeente Zwolle is niet van u: u kunt alleen verenigingen importeren in de "
        "gemeenten waarvoor u werkt"
    }


@pytest.mark.django_db
def test_a_lead_imports_for_the_municipalities_of_their_office(club_world):
    text = "naam;gemeente\nDe Merel;Utrecht\nDe Reiger;Amersfoort\n"

    report = run(club_world, "lead", text)

    assert report.created == 1
    assert 3 in reasons(report) and "Amersfoort is niet van u" in reasons(report)[3]


@pytest.mark.django_db
def test_pos_must_name_the_municipality_and_an_unknown_one_is_reported(club_world):
    text = "naam;gemeente\nDe Lijster;\nDe Gaai;Atlantis\n"

    report = run(club_world, "pos", text)

    assert report.created == 0
    assert reasons(report) == {
        2: "gemeente ontbreekt",
        3: "onbekende gemeente: Atlantis",
    }


@pytest.mark.django_db
def test_invalid_details_skip_the_row_with_the_reason(club_world):
    text = (
        "naam;gemeente;website;e-mail;kvk\n"
        "Club A;Utrecht;http://;;\n"
        "Club B;Utrecht;;geen-adres;\n"
        "Club C;Utrecht;;;1234\n"
        f"{'X' * 151};Utrecht;;;\n"
    )

    report = run(club_world, "pos", text)

    assert report.created == 0
    assert reasons(report) == {
        2: "ongeldig webadres: http://",
        3: "ongeldig e-mailadres: geen-adres",
        4: "ongeldig KvK-nummer (8 cijfers): 1234",
        5: "de naam is langer dan 150 tekens",
    }


@pytest.mark.django_db
def test_sports_outside_the_list_are_kept_as_other_sports_with_a_remark(club_world):
    text = "naam;sport;gemeente\nVV Groen-Geel;Voetbal, Tennis en Korfbal;Utrecht\n"

    report = run(club_world, "pos", text)

    club = SportsClub.objects.get(name="VV Groen-Geel")
    assert [s.slug for s in club.sports.all()] == ["tennis"]
    assert club.other_sports == "Voetbal, Korfbal"
    assert club.sport_names() == ["Tennis", "Voetbal", "Korfbal"]
    assert [note.reason for note in report.warnings] == [
        "Voetbal staat niet in de lijst van takken van sport; opgeslagen als andere sport",
        "Korfbal staat niet in de lijst van takken van sport; opgeslagen als andere sport",
    ]


@pytest.mark.django_db
def test_checking_only_reports_without_saving(club_world):
    report = run(club_world, "pos", "naam;gemeente\nDe Kievit;Utrecht\n", save=False)

    assert report.created == 1 and report.saved is False
    assert not SportsClub.objects.filter(name="De Kievit").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg"),
        (b"\n;;\n", "Het bestand is leeg"),
        (b"omschrijving;plaats\nDe Kievit;Utrecht\n", "De kopregel heeft geen kolom 'naam'"),
        (b"\xd0\xcf\x11\xe0rest", "oud Excel-bestand (.xls)"),
        (b"PK\x03\x04kapot", "Dit Excel-bestand kan niet worden gelezen"),
        (b"\x00\x01\x02binary", "Dit is geen CSV- of Excel-bestand"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_saved(club_world, data, message):
    before = SportsClub.objects.count()

    with pytest.raises(ClubFileError) as refused:
        run(club_world, "pos", data)

    assert message in str(refused.value)
    assert SportsClub.objects.count() == before


@pytest.mark.django_db
def test_limits_on_size_and_rows_refuse_the_whole_file(club_world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    rows = "".join(f"Club {n};Utrecht\n" for n in range(4))

    with pytest.raises(ClubFileError, match="meer dan 3 verenigingen"):
        run(club_world, "pos", "naam;gemeente\n" + rows)
    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    with pytest.raises(ClubFileError, match="groter dan 2 MB"):
        run(club_world, "pos", "naam;gemeente\nClub;Utrecht\n")
    assert not SportsClub.objects.filter(name__startswith="Club ").exists()


def test_header_names_are_compared_without_case_dashes_or_underscores():
    positions = importing.column_positions(["Naam", "E-mail_Secretariaat", "KvK-nummer"])

    assert positions == {"name": 0, "email": 1, "kvk": 2}


def test_decoding_reports_which_lines_were_not_utf8():
    lines, fallback = importing.decode_lines(io.BytesIO(b"a\nb\xe9\nc").getvalue())

    assert lines == ["a", "bé", "c"]
    assert fallback == [2]


@pytest.mark.django_db
def test_reimporting_a_file_takes_the_same_number_of_queries_however_long(
    club_world, django_assert_max_num_queries
):
    def file_of(count):
        return "naam;sport;gemeente\n" + "".join(f"Club {n};Tennis;Utrecht\n" for n in range(count))

    run(club_world, "pos", file_of(40))

    with django_assert_max_num_queries(8):
        report = run(club_world, "pos", file_of(40))
    assert (report.unchanged, report.created) == (40, 0)


@pytest.mark.django_db
def test_tabs_quotes_and_blank_lines_before_the_header_are_understood(club_world):
    text = '\n\nnaam\tsport\tgemeente\n"Club ""De Uil""; sinds 1920"\tTennis | Padel\tUtrecht\n'

    report = run(club_world, "pos", text)

    club = SportsClub.objects.get(name='Club "De Uil"; sinds 1920')
    assert report.created == 1
    assert sorted(s.slug for s in club.sports.all()) == ["padel", "tennis"]


@pytest.mark.django_db
def test_row_numbers_are_the_lines_of_the_file_as_a_spreadsheet_shows_them(club_world):
    text = "naam;gemeente\nDe Eend;Utrecht\n\n;Utrecht\n"

    report = run(club_world, "pos", text)

    assert reasons(report) == {4: "naam ontbreekt"}  # the empty line 3 is not a row to report


@pytest.mark.django_db
def test_a_file_in_the_wrong_encoding_never_stores_mojibake(club_world):
    names = ["Vereniging Zeeën", "Sportclub Ürk", "Club Françoise"]
    text = "naam;gemeente\n" + "".join(f"{name};Utrecht\n" for name in names)

    for encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        SportsClub.objects.filter(name__in=names).delete()
        run(club_world, "pos", text.encode(encoding))
        stored = set(SportsClub.objects.filter(name__in=names).values_list("name", flat=True))
        assert stored == set(names), encoding
    assert not SportsClub.objects.filter(name__contains="Ã").exists()


@pytest.mark.django_db
def test_a_club_stored_by_someone_else_meanwhile_refuses_the_file_and_saves_nothing(
    club_world, monkeypatch
):
    monkeypatch.setattr(importing, "known_clubs", lambda rows: {})  # as if read before it existed
    text = "naam;gemeente\nNieuwe Club;Utrecht\nHockeyclub De Wielewaal;Utrecht\n"

    with pytest.raises(ClubFileError, match="Tegelijk met dit bestand"):
        run(club_world, "pos", text)

    assert not SportsClub.objects.filter(name="Nieuwe Club").exists()
