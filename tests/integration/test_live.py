"""Monitor and projector: live fragments with ETags, constant query counts, exports."""

import json
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.game import rules
from app.game.services import acts, awards, joining, players
from app.models import Classroom
from tests.helpers import hidden_fields, instructor_post, join, make_classroom


@contextmanager
def counted(app):
    """Count the SQL statements run inside the block."""
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def seed_players(app, classroom_id: int, how_many: int, start: int = 0) -> None:
    """Join players through the service and let each act once."""
    with app.app_context():
        classroom = db.session.get(Classroom, classroom_id)
        for i in range(start, start + how_many):
            user, _ = joining.join_class(classroom, f"Player {i:03d}")
            citizen = players.current_citizen(user)
            attempt = rules.Attempt("complain", "pollution", channel="protest")
            acts.perform_action(citizen.id, attempt, "pollution", f"seed-key-{i:08d}")


def test_the_projector_fragment_answers_304_until_something_changes(app, teacher, running):
    classroom_id, code = running
    url = f"/classes/{classroom_id}/projector?fragment=1"
    first = teacher.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    assert "<html" not in first.get_data(as_text=True)
    same = teacher.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304
    join(app, code, "Ada").share()
    changed = teacher.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert "grain quota" in changed.get_data(as_text=True)  # Ada's share; names are hidden


def test_the_page_and_its_fragment_render_the_same_partial(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Ada").share()
    fragment = teacher.get(f"/classes/{classroom_id}/projector?fragment=1").get_data(as_text=True)
    page = teacher.get(f"/classes/{classroom_id}/projector").get_data(as_text=True)
    assert fragment.strip() in page
    assert 'src="/static/js/live.js"' in page and "Refresh" in page


def test_the_lobby_shows_the_code_the_qr_and_arrivals(app, teacher):
    classroom_id, code = make_classroom(app)
    join(app, code, "Early Bird")
    html = teacher.get(f"/classes/{classroom_id}/projector").get_data(as_text=True)
    assert code in html and "<svg" in html and "Early Bird" in html and "1 joined" in html


def test_display_toggles_hide_names_and_show_the_blacklist(app, teacher, running):
    classroom_id, code = running
    troll = join(app, code, "Loud Magpie")
    with app.app_context():
        awards.adjust(1, "score", -100, "Fine: shouting", "fine-key-0000001")
    troll.share()
    page = f"/classes/{classroom_id}"
    projector = f"{page}/projector?fragment=1"
    assert "Public blacklist" not in teacher.get(projector).get_data(as_text=True)
    instructor_post(teacher, page, f"{page}/display", show_blacklist="y")
    html = teacher.get(projector).get_data(as_text=True)
    assert "Public blacklist" in html and "Loud Magpie" in html
    assert "A citizen" in html  # show_names was left unticked


def test_user_text_renders_as_text_on_every_live_page(app, teacher, running):
    classroom_id, code = running
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/rename", name="<script>alert(1)</script>")
    join(app, code, "Ada")
    with app.app_context():
        awards.adjust(1, "score", 5, "Award: <img src=x onerror=alert(2)>", "award-key-000001")
    for url in ["/projector?fragment=1", "/monitor?fragment=1", "/monitor", "/projector", ""]:
        html = teacher.get(f"{page}{url}").get_data(as_text=True)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url
        if "fragment" not in url or "projector" in url:
            assert "&lt;script&gt;alert(1)" in html, url
    monitor = teacher.get(f"{page}/monitor?fragment=1").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(2)&gt;" in monitor


@pytest.mark.parametrize("page", ["projector", "monitor"])
def test_live_pages_run_the_same_queries_for_2_or_200_players(app, teacher, running, page):
    classroom_id, _ = running
    url = f"/classes/{classroom_id}/{page}?fragment=1"
    seed_players(app, classroom_id, 2)
    with counted(app) as few:
        assert teacher.get(url).status_code == 200
    seed_players(app, classroom_id, 198, start=2)
    with counted(app) as many:
        html = teacher.get(url).get_data(as_text=True)
    assert "Player 199" in html or "200" in html
    assert len(many) == len(few)


def test_an_unchanged_poll_costs_few_queries(app, teacher, running):
    classroom_id, _ = running
    seed_players(app, classroom_id, 20)
    url = f"/classes/{classroom_id}/projector?fragment=1"
    tag = teacher.get(url).headers["ETag"]
    with counted(app) as statements:
        assert teacher.get(url, headers={"If-None-Match": tag}).status_code == 304
    assert len(statements) <= 5


def test_the_json_backup_holds_every_round(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Ada").share()
    page = f"/classes/{classroom_id}"
    html = teacher.get(page).get_data(as_text=True)
    teacher.post(
        f"{page}/reset",
        data=hidden_fields(html, f"{page}/reset") | {"confirm": "y", "world": "video"},
    )
    data = json.loads(teacher.get(f"{page}/backup.json").get_data(as_text=True))
    assert [r["number"] for r in data["rounds"]] == [1, 2]
    assert len(data["events"]) == 3 and len(data["citizens"]) == 2
    assert data["classroom"]["join_code"] == code


def test_the_monitor_lists_every_player_with_their_last_act(app, teacher, running):
    classroom_id, code = running
    join(app, code, "Ada").share("solar-farm")
    join(app, code, "Bo Yak")
    html = teacher.get(f"/classes/{classroom_id}/monitor").get_data(as_text=True)
    assert "Ada" in html and "Bo Yak" in html and "Solar farm" in html
    assert "nothing yet" in html and "active" in html and "idle" in html
    with app.app_context():
        shown = select(Classroom.show_names).where(Classroom.id == classroom_id)
        assert db.session.scalar(shown) is False  # pseudonyms stay off the projector by default


def test_public_url_names_the_address_students_reach(app, teacher):
    classroom_id, code = make_classroom(app)
    app.config["PUBLIC_URL"] = "http://192.168.1.20:5000/"
    html = teacher.get(f"/classes/{classroom_id}/projector").get_data(as_text=True)
    assert f"http://192.168.1.20:5000/join/{code}" in html


@pytest.mark.parametrize("world", ["video", "record"])
def test_the_projector_s_tallies_count_what_the_monitor_s_rows_count(app, teacher, world):
    """The projector counts from scores the database tallies; the monitor from every row."""
    from app.game.ledger import write_events, write_transaction
    from app.game.reads import roster
    from app.game.services import rounds
    from app.models import User, utcnow

    with app.app_context():
        owner = db.session.scalar(select(User).where(User.username == "teacher"))
        classroom = rounds.create_classroom(owner, f"Tallies {world}", world)
        people = [joining.join_class(classroom, f"Player {i:02d}")[0] for i in range(12)]
        round_ = rounds.change_status(rounds.current_round(classroom.id).id, "start")
        ids = [players.current_citizen(user).id for user in people]
        track = rules.world_for(world).primary
        for i, citizen_id in enumerate(ids):  # scores spread over several bands and tiers
            awards.adjust(citizen_id, track, 37 * (i - 6), "Spread", f"spread-{i:04d}")
        if world == "record":  # two on the court's blacklist
            with write_transaction() as session:
                for citizen_id in ids[:2]:
                    effect = rules.Effect(rules.BLACKLIST.key, 1, "Listed by a court")
                    write_events(session, citizen_id, round_.id, [(effect, None)],
                                 action="court", now=utcnow())  # fmt: skip
        rounds.kick(ids[0])  # removed: counted in neither
        rows = roster.snapshot(round_, rows=True)
        tallied = roster.snapshot(round_, rows=False)
        statements = []
        listen = (db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        event.listen(*listen)
        try:  # one statement: the names are always of the moment the counts are
            assert roster.tally(round_, rules.world_for(world))[1] == rows.blacklist
        finally:
            event.remove(*listen)
        assert len(statements) == 1
    assert tallied.rows == [] and len(rows.rows) == 11
    assert tallied.citizens == rows.citizens == 11
    assert tallied.bars == rows.bars and sum(1 for bar in rows.bars if bar.count) >= 3
    assert tallied.tiers == rows.tiers
    assert tallied.blacklist == rows.blacklist and rows.blacklist  # someone is on it
    assert "Player 00" not in tallied.blacklist
