"""How the start page composes its to-do list, for any roles and sources (Hypothesis).

`test_todo.py` checks what each persona sees in the real network. These properties hold for
any set of roles a person has and any sources those roles list (`kapstok.home.todo`):

- one section per role the person has, in the order of `ROLES`, and none for other roles;
- a source listed by several of the person's roles is asked once, and its items land in the
  first of those sections only;
- within a section, urgent items come first and items for information last, and otherwise the
  items keep the order of their sources (items of one urgency are never reshuffled).
"""

from collections import Counter
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.accounts.access import Viewer
from kapstok.core.todo import ToDo, Urgency
from kapstok.home import todo

SETTINGS = settings(max_examples=100, deadline=None)
SOURCE_COUNT = 5


def make_source(number, urgencies, calls):
    def source(viewer):
        calls[number] += 1
        return [
            ToDo(f"bron {number} punt {i}", f"/bron/{number}/{i}", urgency=urgency)
            for i, urgency in enumerate(urgencies)
        ]

    return source


@st.composite
def setups(draw):
    calls = Counter()
    sources = [
        make_source(n, draw(st.lists(st.sampled_from(list(Urgency)), max_size=4)), calls)
        for n in range(SOURCE_COUNT)
    ]
    roles = []
    for key in ("pos", "lead", "member", "partner"):
        listed = draw(st.lists(st.integers(0, SOURCE_COUNT - 1), unique=True, max_size=4))
        held = draw(st.booleans())
        roles.append(
            todo.Role(
                key,
                f"Voor {key}",
                lambda viewer, held=held: held,
                tuple(sources[n] for n in listed),
                "Niets te doen",
            )
        )
    return tuple(roles), sources, calls


RANK = {Urgency.URGENT: 0, Urgency.INFO: 2}


@SETTINGS
@given(setups())
def test_sections_follow_the_roles_and_each_source_is_asked_once_for_its_first_role(setup):
    roles, sources, calls = setup
    with mock.patch.object(todo, "ROLES", roles):
        sections = todo.sections_for(viewer=Viewer())
    held = [role for role in roles if role.applies(None)]
    assert [section.key for section in sections] == [role.key for role in held]
    assert all(count == 1 for count in calls.values())
    first_role = {}
    for role in held:
        for source in role.sources:
            first_role.setdefault(source, role.key)
    assert set(calls) == {sources.index(source) for source in first_role}
    for section in sections:
        wanted = [
            item.title
            for source, key in first_role.items()
            if key == section.key
            for item in source(None)
        ]
        assert sorted(item.title for item in section.items) == sorted(wanted)


@SETTINGS
@given(setups())
def test_urgent_first_information_last_and_otherwise_the_order_of_the_sources(setup):
    roles, _sources, _calls = setup
    with mock.patch.object(todo, "ROLES", roles):
        sections = todo.sections_for(viewer=Viewer())
    for section, role in zip(sections, [r for r in roles if r.applies(None)], strict=True):
        ranks = [RANK.get(item.urgency, 1) for item in section.items]
        assert ranks == sorted(ranks)
        given_order = [item.title for source in role.sources for item in source(None)]
        for rank in (0, 1, 2):
            titles = [item.title for item in section.items if RANK.get(item.urgency, 1) == rank]
            assert titles == [title for title in given_order if title in titles]
