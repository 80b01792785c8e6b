"""The content files: enough items, every one tagged, every tag sourced, agreeing with the rules."""

from dataclasses import replace

import pytest

from app.game import catalogue as catalogue_module
from app.game import rules
from app.game.catalogue import TAGS, ContentError, catalogue


def test_the_shelves_are_stocked():
    content = catalogue()
    assert len(content.articles) >= 12
    assert len(content.media) >= 8
    assert {"Japan", "USA", "Korea"} <= {m.origin for m in content.media.values()}
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
    ]
    assert all(item.tag in TAGS for item in items)


def test_documented_and_claimed_items_cite_a_source():
    content = catalogue()
    for item in [*content.consequences.values(), *content.mechanics.values()]:
        if item.tag != "invented":
            assert item.sources, item.id
            assert all(source.id in content.sources for source in item.sources)


def test_every_tier_consequence_is_described():
    content = catalogue()
    for tier in rules.TIERS:
        for key in tier.consequences:
            assert content.consequences[key].effect


def test_content_that_disagrees_with_the_rules_is_refused():
    content = catalogue()
    broken = replace(content, consequences={})
    with pytest.raises(ContentError, match="unknown consequences"):
        catalogue_module.check(broken)


def test_an_unsourced_documented_claim_is_refused():
    row = {"id": "x", "title": "A claim", "tag": "documented"}
    with pytest.raises(ContentError, match="needs a source"):
        catalogue_module._tagged(row, catalogue().sources)


def test_an_unknown_tag_is_refused():
    row = {"id": "x", "title": "A claim", "tag": "rumour"}
    with pytest.raises(ContentError, match="unknown tag"):
        catalogue_module._tagged(row, catalogue().sources)
