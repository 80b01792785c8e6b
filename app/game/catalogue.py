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
class Catalogue:
    sources: dict[str, Source]
    articles: dict[str, Article]
    media: dict[str, Media]
    topics: dict[str, Option]
    channels: dict[str, Option]
    consequences: dict[str, Tagged]
    mechanics: dict[str, Tagged] = field(default_factory=dict)


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


def _tagged(row: dict, sources: dict[str, Source]) -> Tagged:
    def cite(ids: list[str]) -> tuple[Source, ...]:
        missing = [i for i in ids if i not in sources]
        if missing:
            raise ContentError(f"{row['id']}: unknown sources {missing}")
        return tuple(sources[i] for i in ids)

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
    missing = [a for a in rules.ACTIONS if a not in loaded.mechanics]
    if missing:
        raise ContentError(f"actions without a mechanic card: {missing}")
