"""The content files: every item tagged, every tag sourced, every source complete and cited."""

import tomllib
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from app.game import rules
from app.game.content import catalogue as catalogue_module
from app.game.content import validate
from app.game.content.catalogue import CONTENT, TAGS, ContentError, catalogue


def test_the_shelves_are_stocked():
    content = catalogue()
    assert len(content.articles) >= 12
    assert len(content.media) >= 8
    assert {"Japan", "USA", "South Korea"} <= {m.origin for m in content.media.values()}
    assert {"pollution", "food-safety", "corruption", "local-official"} <= set(content.topics)
    assert set(content.channels) == {"online", "petition", "protest"}


def test_every_item_has_a_known_reality_tag():
    content = catalogue()
    items = [
        *content.articles.values(),
        *content.media.values(),
        *content.topics.values(),
        *content.consequences.values(),
        *content.mechanics.values(),
        *content.facts,
    ]
    assert all(part.tag in TAGS for item in items for part in getattr(item, "parts", [item]))


def test_documented_and_claimed_parts_cite_known_sources():
    content = catalogue()
    items = [*content.consequences.values(), *content.mechanics.values(), *content.facts]
    for item in items:
        for part in item.parts:
            if part.tag != "invented":
                assert part.sources, item
                assert all(content.sources[s.id] is s for s in part.sources)


def test_every_source_has_a_title_publisher_date_and_an_address_to_open():
    for source in catalogue().sources.values():
        assert source.title and source.publisher and source.supports, source.id
        assert source.when, source.id
        address = urlsplit(source.url)
        assert address.scheme in ("http", "https") and "." in address.netloc, source.id
        assert "..." not in source.url, source.id


def test_no_vague_source_survives():
    titles = " ".join(s.title.lower() for s in catalogue().sources.values())
    assert "press reports" not in titles and "supchina" not in titles


def test_every_source_is_cited_by_something():
    content = catalogue()
    assert validate.cited_ids(content) == set(content.sources)


def test_a_trigger_and_its_consequence_are_tagged_apart():
    rentals = catalogue().consequences["deposit-free-rentals"]
    perk, trigger = rentals.parts
    assert perk.tag == "documented" and trigger.tag == "video"
    assert "national score" in trigger.label
    assert {s.id for s in perk.sources} >= {"caixin-global-2018-02-01"}


@pytest.mark.parametrize(
    "card, tag",
    [
        ("complain", "video"),  # F6: the video did claim it
        ("gaming", "documented"),  # F9: only as an executive's remark ...
        ("report", "invented"),
        ("tencent-alibaba", "video"),  # F24: the video's error
    ],
)
def test_cards_carry_the_fact_checked_tag(card, tag):
    assert catalogue().mechanics[card].tag == tag


def test_what_the_game_writes_into_the_file_is_tagged_invented():
    file = catalogue().mechanics["file"]
    assert file.tag == "documented" and file.trigger.tag == "invented"
    assert "every employer" not in file.note and "state-sector" in file.note
    gaming = catalogue().mechanics["gaming"]
    assert gaming.trigger.tag == "invented"  # ... the score using it is not documented


def test_no_statement_overstates_the_file():
    texts = [s.text for s in catalogue().statements.values()]
    texts += [f.claim for f in catalogue().facts]
    assert not any("every employer" in text for text in texts)


def test_every_tier_consequence_is_described():
    content = catalogue()
    for tier in rules.TIERS:
        for key in tier.consequences:
            assert content.consequences[key].effect


def test_every_world_card_exists():
    content = catalogue()
    for world in rules.WORLDS.values():
        every_act = world.cards_for(rules.ACTS)
        assert set(every_act) <= set(content.mechanics), world.key


def test_content_that_disagrees_with_the_rules_is_refused():
    content = catalogue()
    broken = replace(content, consequences={})
    with pytest.raises(ContentError, match="unknown consequences"):
        validate.check(broken)


def test_an_unsourced_documented_claim_is_refused():
    row = {"id": "x", "title": "A claim", "tag": "documented"}
    with pytest.raises(ContentError, match="needs a source"):
        catalogue_module._tagged(row, catalogue().sources)


def test_an_unsourced_video_trigger_is_refused():
    row = {
        "id": "x",
        "title": "A perk",
        "what": "The perk",
        "tag": "invented",
        "trigger": {"label": "Granted by a score", "tag": "video"},
    }
    with pytest.raises(ContentError, match="needs a source"):
        catalogue_module._tagged(row, catalogue().sources)


def test_an_unknown_tag_or_source_id_is_refused():
    row = {"id": "x", "title": "A claim", "tag": "rumour"}
    with pytest.raises(ContentError, match="unknown tag"):
        catalogue_module._tagged(row, catalogue().sources)
    row = {"id": "x", "title": "A claim", "tag": "documented", "sources": ["nowhere-2099"]}
    with pytest.raises(ContentError, match="unknown sources"):
        catalogue_module._tagged(row, catalogue().sources)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"url": ""}, "no url"),
        ({"title": ""}, "no title"),
        ({"date": ""}, "no date"),
        ({"date": "last year"}, "is not a date"),
        ({"url": "press reports"}, "web address"),
    ],
)
def test_a_broken_source_is_refused(change, message):
    row = {
        "id": "x",
        "title": "A page",
        "publisher": "A paper",
        "date": "2015-07-10",
        "url": "https://example.org/page",
        "supports": "Something.",
    }
    with pytest.raises(ContentError, match=message):
        catalogue_module._source(row | change)


def _load_with(monkeypatch, name: str, edit) -> None:
    """Load the real content with one file edited in memory, as a broken commit would."""
    real = catalogue_module._read

    def read(file: str) -> dict:
        data = real(file)
        if file == name:
            edit(data)
        return data

    monkeypatch.setattr(catalogue_module, "_read", read)
    catalogue.cache_clear()
    try:
        catalogue()
    finally:
        monkeypatch.undo()
        catalogue.cache_clear()


def test_a_source_that_nothing_cites_stops_the_game(monkeypatch):
    def add_orphan(data):
        orphan = dict(data["source"][0], id="orphan-2099")
        data["source"].append(orphan)

    with pytest.raises(ContentError, match="cited by nothing.*orphan-2099"):
        _load_with(monkeypatch, "sources", add_orphan)


def test_a_documented_card_without_sources_stops_the_game(monkeypatch):
    def strip(data):
        card = next(c for c in data["mechanic"] if c["tag"] == "documented")
        card["sources"] = []

    with pytest.raises(ContentError, match="needs a source"):
        _load_with(monkeypatch, "mechanics", strip)


def test_a_statement_citing_an_unknown_source_stops_the_game(monkeypatch):
    def misspell(data):
        data["statement"][0]["sources"] = ["china-daly-2015"]

    with pytest.raises(ContentError, match="unknown sources"):
        _load_with(monkeypatch, "checks", misspell)


def test_the_files_on_disk_are_the_ones_checked():
    with (CONTENT / "sources.toml").open("rb") as handle:
        ids = {row["id"] for row in tomllib.load(handle)["source"]}
    assert ids == set(catalogue().sources)
