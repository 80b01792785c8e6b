"""Load the game content from the TOML files beside this module, checked once, as frozen
records (the checks are in validate.py)."""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from app.game.content.validate import ContentError, check
from app.game.rules import society

CONTENT = Path(__file__).parent
TAGS = {
    "documented": "documented",
    "video": "claimed in the 2015 video",
    "story": "claimed in the 2015 viral story",
    "invented": "invented for the game",
}
SOURCE_FIELDS = ("title", "publisher", "date", "url", "supports")
UNDATED = "undated"  # the page shows no date: say so rather than guess one


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source says
    url: str = ""
    supports: str = ""  # one sentence: what the game takes from it

    @property
    def when(self) -> str:
        return readable_date(self.date)

    @property
    def short(self) -> str:
        """Return "Publisher, 10 Jul 2015": how a claim cites the source inline."""
        return f"{self.publisher}, {self.when}"


def readable_date(value: str) -> str:
    """Return 2015-07-10 as "10 Jul 2015", 2015-07 as "Jul 2015", 2015 as "2015"."""
    if value == UNDATED:
        return "undated"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    return day.strftime("%-d %b %Y" if len(parts) > 2 else "%b %Y")


@dataclass(frozen=True)
class Part:
    """One part of a two-part tag: what it is about, its tag and its sources."""

    label: str
    tag: str
    sources: tuple[Source, ...] = ()

    @property
    def tag_label(self) -> str:
        return TAGS[self.tag]


@dataclass(frozen=True)
class Tagged:
    """Something the game shows with its reality tag and sources.

    Where a trigger and its consequence differ (a documented perk, granted in the game by a
    score nobody documented), the item carries a second part for the trigger.
    """

    id: str
    title: str
    tag: str
    sources: tuple[Source, ...] = ()
    note: str = ""
    note_sources: tuple[Source, ...] = ()
    effect: str = ""
    what: str = ""  # what the first tag is about, when there is a second
    trigger: Part | None = None

    @property
    def tag_label(self) -> str:
        return TAGS[self.tag]

    @property
    def parts(self) -> tuple[Part, ...]:
        first = Part(self.what, self.tag, self.sources)
        return (first, self.trigger) if self.trigger else (first,)

    @property
    def cited(self) -> tuple[Source, ...]:
        """Every source the item names, in its tags and its note, once each."""
        found = [s for part in self.parts for s in part.sources] + list(self.note_sources)
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Article:
    id: str
    headline: str
    points: int
    tag: str = "invented"


@dataclass(frozen=True)
class Media:
    id: str
    title: str
    kind: str
    origin: str
    price: int
    tag: str = "invented"


@dataclass(frozen=True)
class Option:
    id: str
    title: str
    tag: str = "invented"


@dataclass(frozen=True)
class Statement:
    """A statement of the true-or-myth check."""

    id: str
    text: str
    true: bool
    sources: tuple[Source, ...]
    form: str = "A"  # the parallel form it belongs to, "A" or "B"
    transfer: bool = False  # no myth-or-record card explains it
    explanation: str = ""  # the answer key's sentence


@dataclass(frozen=True)
class Fact:
    claim: str
    tag: str
    sources: tuple[Source, ...]

    @property
    def tag_label(self) -> str:
        return TAGS[self.tag]

    @property
    def parts(self) -> tuple[Part, ...]:
        return (Part("", self.tag, self.sources),)


@dataclass(frozen=True)
class Catalogue:
    sources: dict[str, Source]
    articles: dict[str, Article]
    media: dict[str, Media]
    topics: dict[str, Option]
    channels: dict[str, Option]
    consequences: dict[str, Tagged]
    mechanics: dict[str, Tagged] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    temperaments: dict[str, society.Temperament] = field(default_factory=dict)


def _read(name: str) -> dict:
    with (CONTENT / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _by_id(rows: list[dict], make) -> dict:
    items = {}
    for row in rows:
        if row["id"] in items:
            raise ContentError(f"duplicate id {row['id']!r}")
        items[row["id"]] = make(row)
    return items


def _cite(name: str, ids: list[str], sources: dict[str, Source]) -> tuple[Source, ...]:
    missing = [i for i in ids if i not in sources]
    if missing:
        raise ContentError(f"{name}: unknown sources {missing}")
    return tuple(sources[i] for i in ids)


def _tag(name: str, tag: str, ids: list[str], sources: dict[str, Source]) -> tuple:
    """Check one tag and return its sources: documented and claimed items need a source."""
    if tag not in TAGS:
        raise ContentError(f"{name}: unknown tag {tag!r}")
    if tag != "invented" and not ids:
        raise ContentError(f"{name}: a {tag} item needs a source")
    return _cite(name, ids, sources)


def _tagged(row: dict, sources: dict[str, Source]) -> Tagged:
    name = row["id"]
    trigger = None
    if "trigger" in row and not row.get("what"):
        raise ContentError(f"{name}: a two-part tag needs `what` for its first part")
    if "trigger" in row:
        part = row["trigger"]
        trigger = Part(
            part["label"], part["tag"], _tag(name, part["tag"], part.get("sources", []), sources)
        )
    return Tagged(
        id=name,
        title=row["title"],
        tag=row["tag"],
        sources=_tag(name, row["tag"], row.get("sources", []), sources),
        note=row.get("note", ""),
        note_sources=_cite(name, row.get("note_sources", []), sources),
        effect=row.get("effect", ""),
        what=row.get("what", ""),
        trigger=trigger,
    )


def _source(row: dict) -> Source:
    missing = [key for key in SOURCE_FIELDS if not row.get(key)]
    if missing:
        raise ContentError(f"source {row['id']}: no {', '.join(missing)}")
    if not row["url"].startswith(("https://", "http://")):
        raise ContentError(f"source {row['id']}: the URL must be a web address")
    try:
        readable_date(row["date"])
    except ValueError:
        raise ContentError(f"source {row['id']}: date {row['date']!r} is not a date") from None
    return Source(**{key: row[key] for key in ("id", *SOURCE_FIELDS)})


@cache
def catalogue() -> Catalogue:
    """Return the whole content, loaded and checked once per process."""
    sources = _by_id(_read("sources")["source"], _source)
    complaints = _read("complaints")
    loaded = Catalogue(
        sources=sources,
        articles=_by_id(_read("articles")["article"], lambda r: Article(**r)),
        media=_by_id(_read("media")["media"], lambda r: Media(**r)),
        topics=_by_id(complaints["topic"], lambda r: Option(r["id"], r["title"])),
        channels=_by_id(complaints["channel"], lambda r: Option(r["id"], r["label"])),
        consequences=_by_id(_read("consequences")["consequence"], lambda r: _tagged(r, sources)),
        mechanics=_by_id(_read("mechanics")["mechanic"], lambda r: _tagged(r, sources)),
        statements=_by_id(
            _read("checks")["statement"],
            lambda r: Statement(
                r["id"],
                r["text"],
                r["true"],
                _cite(r["id"], r["sources"], sources),
                r["form"],
                r.get("transfer", False),
                r["explanation"],
            ),
        ),
        facts=tuple(
            Fact(
                r["claim"], r["tag"], _tag(r["claim"][:40], r["tag"], r.get("sources", []), sources)
            )
            for r in _read("facts")["fact"]
        ),
        temperaments=_by_id(_read("society")["temperament"], society.temperament_from),
    )
    check(loaded)
    return loaded
