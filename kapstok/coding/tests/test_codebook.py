"""The codebook as a tree: order, paths, roll-up, and the rules of adding and moving codes."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.coding import selectors, services
from kapstok.coding.forms import CodeEditForm, CodeForm
from kapstok.coding.models import ResearchProject
from kapstok.coding.pseudonyms import standing_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return services.project_create(name="  Monitor  ", description="  Twee rondes  ")


def labels(nodes):
    return [(node.depth, node.path) for node in nodes]


def test_a_new_project_has_trimmed_texts_a_salt_and_no_waves(project):
    assert (project.name, project.description) == ("Monitor", "Twee rondes")
    assert len(project.pseudonym_salt) == 32
    assert not project.waves.exists()


def test_two_projects_never_share_a_salt(project):
    assert services.project_create(name="Ander").pseudonym_salt != project.pseudonym_salt


def test_the_codebook_lists_parents_before_their_children_with_paths(project):
    leden = services.code_add(project=project, label="Leden")
    services.code_add(project=project, label="Gemeente")
    werving = services.code_add(project=project, label="Werving", parent=leden)
    services.code_add(project=project, label="Zzp'ers", parent=werving)
    services.code_add(project=project, label="Behoud", parent=leden)
    assert labels(selectors.codebook(project)) == [
        (0, "Leden"),
        (1, "Leden › Werving"),
        (2, "Leden › Werving › Zzp'ers"),
        (1, "Leden › Behoud"),
        (0, "Gemeente"),
    ]


def test_new_codes_go_last_among_their_siblings(project):
    first = services.code_add(project=project, label="B")
    second = services.code_add(project=project, label="A")
    child = services.code_add(project=project, label="Kind", parent=first)
    assert (first.order, second.order, child.order) == (1, 2, 1)


def test_an_explicit_order_puts_a_code_first(project):
    services.code_add(project=project, label="Later")
    services.code_add(project=project, label="Eerst", order=0)
    assert [node.code.label for node in selectors.codebook(project)] == ["Eerst", "Later"]


def test_codes_with_the_same_order_go_alphabetically(project):
    for label in ["Zorg", "Akkoord", "Media"]:
        services.code_add(project=project, label=label, order=1)
    assert [node.code.label for node in selectors.codebook(project)] == ["Akkoord", "Media", "Zorg"]


def test_descendants_hold_a_code_and_everything_below_it(project):
    leden = services.code_add(project=project, label="Leden")
    werving = services.code_add(project=project, label="Werving", parent=leden)
    zzp = services.code_add(project=project, label="Zzp", parent=werving)
    gemeente = services.code_add(project=project, label="Gemeente")
    below = selectors.descendants(selectors.codebook(project))
    assert below[leden.pk] == {leden.pk, werving.pk, zzp.pk}
    assert below[werving.pk] == {werving.pk, zzp.pk}
    assert below[zzp.pk] == {zzp.pk}
    assert below[gemeente.pk] == {gemeente.pk}


def test_an_empty_codebook_is_empty(project):
    assert selectors.codebook(project) == []
    assert selectors.descendants([]) == {}


@pytest.mark.parametrize("label", ["", "   "])
def test_a_code_needs_a_name(project, label):
    with pytest.raises(ValidationError) as refused:
        services.code_add(project=project, label=label)
    assert refused.value.message_dict == {"label": ["Geef de code een naam."]}
    assert not project.codes.exists()


def test_labels_are_trimmed_and_compared_without_case(project):
    code = services.code_add(project=project, label="  Leden  ", description="  Wie  ")
    assert (code.label, code.description) == ("Leden", "Wie")
    with pytest.raises(ValidationError, match="al een code met deze naam"):
        services.code_add(project=project, label="LEDEN")


def test_the_same_label_may_be_used_in_another_project(project):
    services.code_add(project=project, label="Leden")
    other = services.project_create(name="Ander")
    assert services.code_add(project=other, label="Leden").project == other


def test_a_parent_from_another_project_is_refused(project):
    foreign = services.code_add(project=services.project_create(name="Ander"), label="Vreemd")
    with pytest.raises(ValidationError) as refused:
        services.code_add(project=project, label="Kind", parent=foreign)
    assert refused.value.message_dict == {"parent": ["Deze hoofdcode hoort bij een ander project."]}


def test_a_code_may_keep_its_own_name_in_another_case(project):
    code = services.code_add(project=project, label="Leden")
    services.code_update(code=code, label="leden", parent=None, order=3)
    code.refresh_from_db()
    assert (code.label, code.order) == ("leden", 3)


def test_a_code_cannot_be_its_own_parent(project):
    code = services.code_add(project=project, label="Leden")
    with pytest.raises(ValidationError, match="niet onder zichzelf"):
        services.code_update(code=code, label="Leden", parent=code, order=1)


def test_a_code_on_the_third_level_can_be_renamed(project):
    top = services.code_add(project=project, label="Top")
    middle = services.code_add(project=project, label="Midden", parent=top)
    leaf = services.code_add(project=project, label="Blad", parent=middle)
    services.code_update(code=leaf, label="Blad hernoemd", parent=middle, order=1)
    leaf.refresh_from_db()
    assert leaf.label == "Blad hernoemd"


def test_a_leaf_may_move_to_the_third_level(project):
    top = services.code_add(project=project, label="Top")
    middle = services.code_add(project=project, label="Midden", parent=top)
    leaf = services.code_add(project=project, label="Blad")
    services.code_update(code=leaf, label="Blad", parent=middle, order=1)
    assert [node.depth for node in selectors.codebook(project)] == [0, 1, 2]


def test_a_leaf_may_move_to_the_second_level(project):
    top = services.code_add(project=project, label="Top")
    leaf = services.code_add(project=project, label="Blad")
    services.code_update(code=leaf, label="Blad", parent=top, order=1)
    assert [node.depth for node in selectors.codebook(project)] == [0, 1]


def test_the_add_form_offers_the_projects_codes_as_parents(project):
    leden = services.code_add(project=project, label="Leden")
    services.code_add(project=services.project_create(name="Ander"), label="Vreemd")
    form = CodeForm(project=project)
    assert list(form.fields["parent"].queryset) == [leden]


def test_the_edit_form_does_not_offer_the_code_as_its_own_parent(project):
    leden = services.code_add(project=project, label="Leden")
    gemeente = services.code_add(project=project, label="Gemeente")
    form = CodeEditForm(code=leden)
    assert list(form.fields["parent"].queryset) == [gemeente]


def test_a_negative_order_is_refused_on_the_edit_form(project):
    leden = services.code_add(project=project, label="Leden")
    form = CodeEditForm({"label": "Leden", "order": "-1"}, code=leden)
    assert form.errors["order"] == ["Zorg ervoor dat deze waarde minstens 0 is."]


def test_the_standing_project_comes_first_and_projects_count_codes(project):
    services.code_add(project=project, label="Leden")
    standing = standing_project()
    listed = list(selectors.projects())
    assert listed[0] == standing
    counted = {p.pk: (p.wave_count, p.code_count) for p in listed}
    assert counted[project.pk] == (0, 1)


def test_there_is_only_one_standing_project(db):
    assert standing_project() == standing_project()
    assert ResearchProject.objects.filter(is_standing=True).count() == 1
