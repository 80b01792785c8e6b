"""Names people choose: cleaned of what cannot be seen, checked for letters, compared by look.

Two names that look alike are the same name: both are reduced to the confusable skeleton of
Unicode TR39 after NFKC and case folding, so fullwidth letters, Cyrillic look-alikes
and case cannot slip past the word filter or pass one player off as another.
"""

import re
import string
import unicodedata

from app.game.rules.confusables import skeleton

# Default-ignorable code points (zero-width characters, Hangul fillers, variation selectors),
# controls, format characters (bidirectional overrides and isolates) and line or paragraph
# separators render as nothing or reorder what follows: a name keeps none of them.
HIDDEN_KINDS = {"Cc", "Cf", "Zl", "Zp"}
IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
SEPARATORS = " .'-"
SPLIT = re.compile(r"[ .'\-]+")
SHORTEST, LONGEST = 2, 24  # two characters: many Chinese and Korean names
RULE = (
    f"Use {SHORTEST}–{LONGEST} letters, digits, spaces, dots, apostrophes or dashes, "
    "starting and ending with a letter or digit."
)


def invisible(char: str) -> bool:
    """Say whether a character shows nothing or reorders what follows it."""
    point = ord(char)
    return unicodedata.category(char) in HIDDEN_KINDS or any(
        low <= point <= high for low, high in IGNORABLE
    )


def clean(raw: str) -> str:
    """Return a name in NFKC without invisible characters, its spaces collapsed and trimmed."""
    spaced = "".join(" " if char.isspace() else char for char in raw or "")
    visible = "".join(char for char in spaced if not invisible(char))
    return " ".join(unicodedata.normalize("NFKC", visible).split())


def problem(name: str) -> str | None:
    """Say why a cleaned name is not a usable name, or None.

    Letters of every script count, with the vowel signs and other combining marks that
    follow a letter (Hindi, Thai, Tamil); a name needs at least one letter.
    """
    if not any(unicodedata.category(char)[0] == "L" for char in name):
        return "A name needs letters you can see. " + RULE
    if not SHORTEST <= len(name) <= LONGEST:
        return RULE
    previous = ""
    for position, char in enumerate(name):
        kind = unicodedata.category(char)
        if kind[0] == "M":
            allowed = previous in ("L", "M")
        elif char in SEPARATORS:
            allowed = 0 < position < len(name) - 1
        else:
            allowed = kind[0] == "L" or kind == "Nd"
        if not allowed:
            return RULE
        previous = kind[0] if char not in SEPARATORS else "S"
    return None


def _folded_skeleton(text: str) -> str:
    return skeleton(text.casefold()).casefold()


def looks(name: str) -> set[str]:
    """Return how a name reads to the eye, separators left out: its skeleton with case folded
    first (QUIET is quiet) and with the skeleton taken first (I looks like l, not like i)."""
    cleaned = clean(name)
    shapes = {_folded_skeleton(cleaned), _folded_skeleton(skeleton(cleaned))}
    return {SPLIT.sub("", shape) for shape in shapes}


def holds_word(name: str, words: set[str]) -> bool:
    """Say whether a name holds one of the words, compared by look: whole words, and words
    of five letters or more anywhere."""
    keys = {key for word in words for key in looks(word) if key}
    parts = {key for part in SPLIT.split(clean(name)) for key in looks(part)}
    whole = looks(name)
    return bool(parts & keys) or any(len(k) >= 5 and k in shape for k in keys for shape in whole)


def _ascii_shapes(chars: str, shape) -> list[tuple[str, str]]:
    return [(char, shape(char)) for char in chars if shape(char) != char]


FOLDED_SHAPES = _ascii_shapes(string.ascii_lowercase + string.digits, _folded_skeleton)
RAW_SHAPES = _ascii_shapes(string.ascii_letters + string.digits, skeleton)


# Pseudonyms the game suggests, and gives its simulated citizens.
ADJECTIVES = [
    "Quiet",
    "Brave",
    "Lucky",
    "Swift",
    "Gentle",
    "Bright",
    "Calm",
    "Clever",
    "Honest",
    "Patient",
    "Bold",
    "Careful",
    "Cheerful",
    "Modest",
    "Steady",
]
ANIMALS = [
    "Crane",
    "Panda",
    "Tiger",
    "Heron",
    "Otter",
    "Falcon",
    "Lynx",
    "Badger",
    "Carp",
    "Sparrow",
    "Yak",
    "Gecko",
    "Ibis",
    "Marten",
    "Magpie",
]
