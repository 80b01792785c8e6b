"""Confusable skeletons (Unicode TR39) and the characters a name cannot keep."""

import string
import unicodedata
from collections import defaultdict

import pytest

from app.game.rules import names
from app.game.rules.confusables import PROTOTYPE, skeleton

FULLWIDTH = {chr(ord(c) + 0xFEE0): c for c in string.ascii_letters + string.digits}


def test_known_look_alikes_share_a_skeleton():
    assert skeleton("m") == skeleton("rn") == "rn"
    assert skeleton("I") == skeleton("l") == skeleton("1") == "l"
    assert skeleton("0") == skeleton("O") == "O"
    assert skeleton("\u0456") == skeleton("i")  # Cyrillic і
    assert skeleton("\u0421rane") == skeleton("Crane")  # Cyrillic С
    assert skeleton("\u0661") == "l"  # Arabic-Indic one, listed between left-to-right marks


def test_fullwidth_letters_and_digits_read_as_ascii():
    """Some fullwidth letters are in the confusables data; NFKC takes care of the rest."""
    assert skeleton("\uff41") == skeleton("a")
    for wide, narrow in FULLWIDTH.items():
        assert names.looks(wide) == names.looks(narrow), (wide, narrow)


def test_a_skeleton_is_decomposed():
    assert skeleton("é") == skeleton("e\u0301") == "e\u0301"


def test_the_data_keeps_no_direction_marks():
    assert not any("\u200e" in key + value for key, value in PROTOTYPE.items())


def test_prototypes_map_to_themselves():
    """Prototypes are fixed points, as in TR39 (those the data gives decomposed), so no
    prototype was taken for a source."""
    decomposed = {v for v in PROTOTYPE.values() if unicodedata.normalize("NFD", v) == v}
    assert len(decomposed) > 1000
    assert all(skeleton(value) == value for value in decomposed)


def groups(chars: str, shape) -> list[list[str]]:
    """The characters that share a shape, in groups of two or more."""
    found = defaultdict(list)
    for char in chars:
        key = shape(char)
        found[frozenset(key) if isinstance(key, set) else key].append(char)
    return sorted(sorted(group) for group in found.values() if len(group) > 1)


def test_only_the_known_ascii_look_alikes_share_a_skeleton():
    """AdaI and Ada1 look like Adal, BOBO like bob0; every other letter and digit stays apart,
    or quiet and quite, Adal and Adel, bob and hob would be one name."""
    assert groups(string.ascii_letters + string.digits, skeleton) == [["0", "O"], ["1", "I", "l"]]
    for a, b in [("a", "o"), ("e", "c"), ("n", "h"), ("i", "l"), ("S", "5"), ("cl", "d")]:
        assert skeleton(a) != skeleton(b), (a, b)


def test_only_the_known_ascii_look_alikes_read_alike_in_either_case():
    lower = string.ascii_lowercase + string.digits
    assert groups(lower, names.looks) == [["0", "o"], ["1", "l"]]
    assert names.looks("emma") == names.looks("ernma")
    assert names.looks("quiet") != names.looks("quite")


@pytest.mark.parametrize(
    "char",
    ["\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b5", "\u180f", "\u200b", "\u200f"]
    + ["\u202e", "\u2066", "\u3164", "\ufe0f", "\ufeff", "\uffa0", "\ufff8", "\U0001bca3"]
    + ["\U0001d17a", "\U000e0001", "\U000e0fff", "\x00", "\x7f", "\u2028", "\u2029"],
)
def test_invisible_characters(char):
    assert names.invisible(char)


@pytest.mark.parametrize("char", ["a", " ", "\u00a0", "\u0301", "\u093f", "\u2800", "\u3000"])
def test_visible_characters_and_spaces_are_not_invisible(char):
    assert not names.invisible(char)
