"""Confusable skeletons of Unicode TR39, from the data the confusable-homoglyphs wheel ships.

Its confusables.json lists, for each character or string, the ones that look like it, in both
directions of each source → prototype line of Unicode's confusables.txt. Joined up, the pairs
form classes; a class's prototype is the member with the most look-alikes (every source names
only its prototype), so a skeleton is the string TR39 gives.
"""

import json
import unicodedata
from importlib.resources import files

# the data wraps right-to-left strings in left-to-right marks so they print in order
_MARK = "\u200e"


def _look_alikes() -> dict[str, set[str]]:
    text = files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    alike: dict[str, set[str]] = {}
    for key, entries in json.loads(text).items():
        mine = alike.setdefault(key.strip(_MARK), set())
        mine.update(entry["c"].strip(_MARK) for entry in entries)
    return alike


def _root(parent: dict[str, str], member: str) -> str:
    while parent[member] != member:
        parent[member] = parent[parent[member]]
        member = parent[member]
    return member


def _prototypes() -> dict[str, str]:
    alike = _look_alikes()
    parent = {member: member for member in alike}
    for member, others in alike.items():
        for other in others:
            parent.setdefault(other, other)
            parent[_root(parent, other)] = _root(parent, member)
    classes: dict[str, list[str]] = {}
    for member in parent:
        classes.setdefault(_root(parent, member), []).append(member)
    # each line of the data is written source first, so of a source and a prototype that
    # only name each other, the prototype is the one listed later
    listed = {member: place for place, member in enumerate(alike)}
    prototype = {}
    for members in classes.values():
        hub = max(members, key=lambda m: (len(alike.get(m, ())), listed.get(m, -1)))
        prototype.update((m, hub) for m in members if len(m) == 1 and m != hub)
    return prototype


PROTOTYPE = _prototypes()


def skeleton(text: str) -> str:
    """Return the TR39 skeleton: NFD, each character replaced by its prototype, NFD again."""
    mapped = "".join(PROTOTYPE.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)
