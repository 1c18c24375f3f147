"""Name matching over the names that appear in the sample minutes."""

import pytest

from board.names import NamedPerson, NameIndex, is_role, split_title, tokens

BOARD = [
    "Jade Hodgson", "Jade Cavalli", "Daniel James", "Daniel Thompson", "Chris Lyons",
    "James Rush", "Councillor Carpenter", "Councillor Mullane", "Angela D'Urso", "Andy Opie",
    "Katie Jones", "Gary Jones", "Stuart Bell", "Angie Fuller", "Sharon White", "Mark Long",
]


@pytest.fixture
def index() -> NameIndex:
    return NameIndex([NamedPerson(i, name) for i, name in enumerate(BOARD, 1)])


def names(match) -> list[str]:
    return [p.name for p in match.people]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jade Hodgson", "Jade Hodgson"),
        ("jade hodgson", "Jade Hodgson"),
        ("Dan James", "Daniel James"),
        ("Daniel James", "Daniel James"),
        ("DS James Rush", "James Rush"),
        ("Councillor carpenter", "Councillor Carpenter"),
        ("Cllr Carpenter", "Councillor Carpenter"),
        ("Angela D\u2019Urso", "Angela D'Urso"),
        ("Angela D'urso", "Angela D'Urso"),
        ("Chris", "Chris Lyons"),
        ("Andrew Opie", "Andy Opie"),
        ("Jade Hodgon", "Jade Hodgson"),
        ("Dr Stuart Bell", "Stuart Bell"),
    ],
)
def test_one_person(index, typed, expected):
    assert names(index.match(typed)) == [expected]


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("Jade", ["Jade Cavalli", "Jade Hodgson"]),
        ("Daniel", ["Daniel James", "Daniel Thompson"]),
        ("Councillor Jones", ["Gary Jones", "Katie Jones"]),
    ],
)
def test_ambiguous_names_return_candidates(index, typed, candidates):
    assert names(index.match(typed)) == candidates


@pytest.mark.parametrize("typed", ["Nobody Here", "Zebedee", "", "   ", "Board"])
def test_unknown_names_match_nobody(index, typed):
    assert names(index.match(typed)) == []


def test_first_name_alone_is_ambiguous_once_a_second_one_joins():
    people = [NamedPerson(1, "Chris Lyons")]
    assert names(NameIndex(people).match("Chris")) == ["Chris Lyons"]
    people.append(NamedPerson(2, "Chris Smith"))
    assert names(NameIndex(people).match("Chris")) == ["Chris Lyons", "Chris Smith"]


def test_aliases_are_matched():
    index = NameIndex([NamedPerson(1, "Daniel James", ("DJ Jim",))])
    assert names(index.match("dj jim")) == ["Daniel James"]


@pytest.mark.parametrize(
    ("owner", "role"),
    [("CSP Board Chairs", True), ("Board members", True), ("Clerk", True),
     ("Jade Hodgson", False), ("Chris", False), ("Councillor Carpenter", False)],
)
def test_roles_are_told_from_people(owner, role):
    assert is_role(owner) is role


def test_titles_are_split_off():
    assert split_title("DS James Rush") == ("DS", "James Rush")
    assert split_title("Councillor Carpenter") == ("Councillor", "Carpenter")
    assert tokens("DCI  Bob  Jones") == ("bob", "jones")
