"""The forms of the representativeness pages: upload, column mapping, pipeline filter."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.network.factories import SportBranchFactory
from kapstok.representation import forms
from kapstok.representation.factories import ProspectFactory
from kapstok.representation.forms import MappingForm, PipelineFilterForm, UploadForm
from kapstok.representation.models import ProspectStage

HEADER = ["KvK-nummer", "", "Handelsnaam"]


def mapping_form(data=None, initial=None):
    return MappingForm(data, header=HEADER, initial_mapping=initial or {})


@pytest.mark.parametrize("name", ["export.CSV", "export.txt", "export.xlsx"])
def test_csv_text_and_excel_files_are_accepted_whatever_the_case(name):
    form = UploadForm(files={"file": SimpleUploadedFile(name, b"kvk;naam\r\n")})
    assert form.is_valid(), form.errors


def test_an_old_excel_file_is_refused_at_upload():
    form = UploadForm(files={"file": SimpleUploadedFile("export.xls", b"\xd0\xcf\x11\xe0")})
    assert form.errors["file"] == ["Kies een CSV-bestand of een Excel-bestand (.xlsx)."]


def test_a_file_larger_than_the_limit_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(forms, "MAX_BYTES", 4)
    form = UploadForm(files={"file": SimpleUploadedFile("export.csv", b"12345")})
    assert "groter dan 50 MB" in form.errors["file"][0]


def test_the_mapping_offers_every_column_and_names_unnamed_ones():
    choices = dict(mapping_form().fields["kvk_number"].choices)
    assert choices == {
        "": "— niet gebruiken —",
        "0": "KvK-nummer",
        "1": "kolom 2",
        "2": "Handelsnaam",
    }


def test_the_guessed_mapping_is_the_forms_starting_point():
    form = mapping_form(initial={"kvk_number": 0, "trade_name": 2})
    assert (form.fields["kvk_number"].initial, form.fields["trade_name"].initial) == ("0", "2")
    assert form.fields["website"].initial == ""


def test_a_valid_mapping_gives_column_numbers_for_the_chosen_fields_only():
    form = mapping_form(
        {"kvk_number": "0", "trade_name": "2", "website": "", "remove_missing": "on"}
    )
    assert form.is_valid(), form.errors
    assert form.mapping() == {"kvk_number": 0, "trade_name": 2}
    assert form.cleaned_data["remove_missing"] is True


def test_a_column_outside_the_file_is_refused():
    form = mapping_form({"kvk_number": "7", "trade_name": "2"})
    assert not form.is_valid()
    assert "kvk_number" in form.errors


@pytest.mark.django_db
def test_the_pipeline_filter_falls_back_to_open_and_all_branches_on_nonsense():
    SportBranchFactory(slug="padel", name="Padel")
    assert PipelineFilterForm({"stage": "gezellig", "branch": "padel"}).values() == ("open", "")
    assert PipelineFilterForm({"stage": "", "branch": "padel"}).values() == ("open", "padel")
    assert PipelineFilterForm({"stage": "dropped", "branch": "onbekend"}).values() == (
        "dropped",
        "onbekend",
    )


@pytest.mark.django_db
def test_the_pipeline_filter_names_the_open_stage_in_dutch():
    labels = dict(PipelineFilterForm().fields["stage"].choices)
    assert labels["open"] == "nog in beeld"
    assert labels[ProspectStage.DROPPED] == "afgehaakt"


@pytest.mark.django_db
def test_the_prospect_page_shows_the_stored_prospect(world, login):
    prospect = ProspectFactory(
        business__office=world.office,
        stage=ProspectStage.INTERESTED,
        next_step="Offerte sturen",
        notes="Belt na de zomer terug",
    )
    page = login(world.users["lead"]).get(
        f"/netwerk/kantoren/kantoor-utrecht/afspiegeling/werving/{prospect.pk}/"
    )
    form = page.context["form"]
    assert (form.initial["stage"], form.initial["next_step"]) == (
        ProspectStage.INTERESTED,
        "Offerte sturen",
    )
    assert "Belt na de zomer terug" in page.content.decode()
    owners = {user.email for user in form.fields["owner"].queryset}
    assert owners == {"kees@example.invalid", "marieke@example.invalid"}
