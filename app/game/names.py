"""Names people choose: cleaned of what cannot be seen, checked for letters, compared by look.

Two names that look alike are the same name: both are reduced to the confusable skeleton of
Unicode TR39 (by ICU) after NFKC and case folding, so fullwidth letters, Cyrillic look-alikes
and case cannot slip past the word filter or pass one player off as another.
"""

import re
import unicodedata

import icu

# Default-ignorable code points (zero-width characters, Hangul fillers, variation selectors),
# controls and format characters (bidirectional overrides and isolates) render as nothing or
# reorder what follows: a name keeps none of them.
INVISIBLE = icu.UnicodeSet(r"[[:Default_Ignorable_Code_Point:][:Cc:][:Cf:]]")
INVISIBLE.freeze()
SEPARATORS = " .'-"
SPLIT = re.compile(r"[ .'\-]+")
SHORTEST, LONGEST = 3, 24
RULE = (
    f"Use {SHORTEST}–{LONGEST} letters, digits, spaces, dots, apostrophes or dashes, "
    "starting and ending with a letter or digit."
)
_SPOOF = icu.SpoofChecker()


def clean(raw: str) -> str:
    """Return a name in NFKC without invisible characters, its spaces collapsed and trimmed."""
    spaced = "".join(" " if char.isspace() else char for char in raw or "")
    visible = "".join(char for char in spaced if not INVISIBLE.contains(char))
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


def skeleton(text: str) -> str:
    """Return the TR39 confusable skeleton of a name, case folded before and after."""
    return _SPOOF.getSkeleton(0, clean(text).casefold()).casefold()


def same_look(name: str) -> str:
    """Return what two names share when they look the same (separators do not count)."""
    return SPLIT.sub("", skeleton(name))


def holds_word(name: str, words: set[str]) -> bool:
    """Say whether a name holds one of the words, compared by look: whole words, and words
    of five letters or more anywhere."""
    keys = {same_look(word) for word in words if same_look(word)}
    parts = {same_look(part) for part in SPLIT.split(clean(name))}
    whole = same_look(name)
    return bool(parts & keys) or any(len(key) >= 5 and key in whole for key in keys)
