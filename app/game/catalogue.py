"""Load the game content from the TOML files in content/, checked once, as frozen records."""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.game import rules

CONTENT = Path(__file__).parent / "content"
TAGS = {
    "documented": "documented",
    "video": "claimed in the 2015 video",
    "invented": "invented for the game",
}


class ContentError(ValueError):
    """The content files break a rule the game relies on."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str


@dataclass(frozen=True)
class Tagged:
    """Something the game shows with its reality tag and sources."""

    id: str
    title: str
    tag: str
    sources: tuple[Source, ...] = ()
    note: str = ""
    note_sources: tuple[Source, ...] = ()
    effect: str = ""

    @property
    def tag_label(self) -> str:
        return TAGS[self.tag]


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


@dataclass(frozen=True)
class Fact:
    claim: str
    tag: str
    sources: tuple[Source, ...]

    @property
    def tag_label(self) -> str:
        return TAGS[self.tag]


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


def _tagged(row: dict, sources: dict[str, Source]) -> Tagged:
    def cite(ids: list[str]) -> tuple[Source, ...]:
        return _cite(row["id"], ids, sources)

    if row["tag"] not in TAGS:
        raise ContentError(f"{row['id']}: unknown tag {row['tag']!r}")
    if row["tag"] != "invented" and not row.get("sources"):
        raise ContentError(f"{row['id']}: a {row['tag']} item needs a source")
    return Tagged(
        id=row["id"],
        title=row["title"],
        tag=row["tag"],
        sources=cite(row.get("sources", [])),
        note=row.get("note", ""),
        note_sources=cite(row.get("note_sources", [])),
        effect=row.get("effect", ""),
    )


@cache
def catalogue() -> Catalogue:
    """Return the whole content, loaded and checked once per process."""
    sources = _by_id(_read("sources")["source"], lambda r: Source(r["id"], r["title"]))
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
                r["id"], r["text"], r["true"], _cite(r["id"], r["sources"], sources)
            ),
        ),
        facts=tuple(
            Fact(r["claim"], r["tag"], _cite(r["claim"][:30], r.get("sources", []), sources))
            for r in _read("facts")["fact"]
        ),
    )
    check(loaded)
    return loaded


def check(loaded: Catalogue) -> None:
    """Fail loudly when the content and the rules disagree."""
    unknown = set(loaded.channels) - set(rules.CHANNEL_PENALTY)
    if unknown:
        raise ContentError(f"channels without a rule: {sorted(unknown)}")
    for tier in rules.TIERS:
        missing = [c for c in tier.consequences if c not in loaded.consequences]
        if missing:
            raise ContentError(f"tier {tier.key}: unknown consequences {missing}")
    missing = [a.key for a in rules.ACTIONS.values() if a.card not in loaded.mechanics]
    if missing:
        raise ContentError(f"actions without a mechanic card: {missing}")
    for world in rules.WORLDS.values():
        for standings in _corners(world):
            for key in rules.consequences_for(world, standings):
                if key not in loaded.consequences:
                    raise ContentError(f"{world.key}: unknown consequence {key!r}")
    for fact in loaded.facts:
        if fact.tag not in TAGS or (fact.tag != "invented" and not fact.sources):
            raise ContentError(f"fact without a proper tag or source: {fact.claim[:40]}")


def _corners(world: rules.World) -> list[dict[str, int]]:
    """Return standings at every end of every track, to reach every consequence."""
    found = []
    for track in world.tracks:
        for value in (track.low, track.high):
            standings = {t.key: t.baseline for t in world.tracks} | {track.key: value}
            found.append(standings)
    found.append({t.key: t.high for t in world.tracks})
    return found
