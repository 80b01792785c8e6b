"""Parts rendered once per worker stay right for each player: the tier parts follow the tier."""

from app.game.services import awards
from tests.helpers import join


def tier_parts(player) -> str:
    html = player.client.get("/").get_data(as_text=True)
    return html.split('id="now-heading"')[1].split('id="chart-heading"')[0]


def test_each_player_sees_the_parts_of_their_own_tier(app, running):
    ada, bo = join(app, running[1], "Ada"), join(app, running[1], "Bo")
    before = tier_parts(ada)
    assert "tier-ordinary" in before and "Above you: " in before
    with app.app_context():
        awards.adjust(2, "score", -100, "Fine: shouting", "fine-key-0000001")
    fined = tier_parts(bo)
    assert 'You are <span class="tier tier-untrustworthy">' in fined
    assert 'Above you: <span class="tier tier-watched">' in fined and "Below you" not in fined
    assert "Travel ban" in fined or "travel" in fined.lower()
    assert tier_parts(ada) == before  # the ordinary parts, not the last ones rendered
    with app.app_context():
        awards.adjust(2, "score", 100, "Award: helping", "award-key-000001")
    assert tier_parts(bo) == before.replace("Ada", "Bo")
