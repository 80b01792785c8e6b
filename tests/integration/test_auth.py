"""Register, log in, log out."""

import pytest
from sqlalchemy import func, select

from app.auth.views import safe_next
from app.extensions import db
from app.models import Citizen, User
from tests.helpers import PASSWORD, Player, hidden_fields


def register(client, username, password=PASSWORD, confirm=None):
    page = client.get("/register").get_data(as_text=True)
    data = hidden_fields(page, None) | {
        "username": username,
        "password": password,
        "confirm": password if confirm is None else confirm,
    }
    return client.post("/register", data=data)


def login(client, username, password=PASSWORD, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    page = client.get(url).get_data(as_text=True)
    data = hidden_fields(page, None) | {"username": username, "password": password}
    return client.post(url, data=data)


def users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_welcome_page_invites_to_register(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/register"' in html and 'href="/login"' in html


def test_passwords_are_hashed_with_argon2s_defaults_unless_the_config_says_otherwise(app):
    from app import create_app
    from app.auth.passwords import check_password, hash_password

    strong = create_app(
        {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "x"}
    )
    with strong.app_context():
        stored = hash_password("secret words")
        assert "$m=65536,t=3,p=4$" in stored
    with app.app_context():
        assert "$m=8,t=1,p=1$" in hash_password("secret words")
        assert check_password(stored, "secret words") and not check_password(stored, "other")


def test_register_creates_a_citizen_at_the_baseline(app, client):
    response = register(client, "alice")
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "alice"))
        assert user.password_hash.startswith("$argon2id$")
        citizen = db.session.scalar(select(Citizen).where(Citizen.user_id == user.id))
        assert citizen.display_name == "alice"
    html = client.get("/").get_data(as_text=True)
    assert 'id="status-score">600<' in html
    assert 'id="status-wellbeing">50<' in html


@pytest.mark.parametrize(
    "username, password, confirm, message",
    [
        ("ab", PASSWORD, None, "Use 3–24 letters"),
        ("a" * 25, PASSWORD, None, "Use 3–24 letters"),
        ("bad name!", PASSWORD, None, "Use 3–24 letters"),
        ("<script>", PASSWORD, None, "Use 3–24 letters"),
        ("bob", "short", None, "between 8 and 200"),
        ("bob", "x" * 201, None, "between 8 and 200"),
        ("bob", PASSWORD, "different", "The passwords differ"),
        ("", PASSWORD, None, "This field is required"),
    ],
)
def test_bad_registrations_are_refused_next_to_the_field(
    app, client, username, password, confirm, message
):
    response = register(client, username, password, confirm)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert users() == 0


def test_a_taken_username_is_refused_whatever_its_case(app, client):
    register(client, "alice")
    other = app.test_client()
    response = register(other, "ALICE")
    assert response.status_code == 400
    assert "That username is taken." in response.get_data(as_text=True)
    with app.app_context():
        assert users() == 1


def test_login_and_logout(app, client):
    register(client, "alice")
    fresh = app.test_client()
    assert login(fresh, "alice").status_code == 302
    assert 'id="status-score"' in fresh.get("/").get_data(as_text=True)
    page = fresh.get("/").get_data(as_text=True)
    response = fresh.post("/logout", data=hidden_fields(page, "/logout"))
    assert response.status_code == 302
    assert 'id="status-score"' not in fresh.get("/").get_data(as_text=True)


def test_a_wrong_password_is_refused(app, client):
    register(client, "alice")
    fresh = app.test_client()
    response = login(fresh, "alice", "wrong password")
    assert response.status_code == 400
    assert "Wrong username or password." in response.get_data(as_text=True)
    assert login(fresh, "nobody").status_code == 400


def test_login_follows_a_local_next(app, client):
    register(client, "alice")
    fresh = app.test_client()
    assert login(fresh, "alice", next_url="/history").location == "/history"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        " //evil.example",
        "evil.example",
        "https:evil.example",
    ],
)
def test_next_never_leaves_the_site(target):
    assert safe_next(target) is None


def test_pages_need_a_login(client):
    response = client.get("/feed")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_a_post_without_csrf_token_is_refused(app, player):
    html = player.client.get("/feed").get_data(as_text=True)
    fields = hidden_fields(html, "/feed/grain-quota/share")
    del fields["csrf_token"]
    response = player.client.post("/feed/grain-quota/share", data=fields)
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_a_second_player_gets_a_separate_life(app, player):
    bob = Player.register(app.test_client(), "bob")
    player.share()
    assert 'id="status-score">600<' in bob.client.get("/").get_data(as_text=True)


def test_the_account_is_read_with_its_citizen_in_the_current_round(app, player):
    from app.auth.account import CitizenRow, load_account
    from app.game.ledger import write_transaction
    from app.game.services import players

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "alice"))
        user_id, classroom_id = user.id, user.classroom_id
        citizen = db.session.scalar(select(Citizen).where(Citizen.user_id == user.id))
        account = load_account(str(user_id))
        assert CitizenRow._fields == tuple(Citizen.__table__.c.keys())
        assert account.citizen == tuple(getattr(citizen, name) for name in CitizenRow._fields)
        first = citizen.id
        assert load_account("x1") is None and load_account("999999") is None

        with write_transaction() as session:  # a new round in which alice has no citizen yet
            players.add_round(session, classroom_id, 2, "record", "running")
        db.session.remove()
        assert load_account(str(user_id)).citizen is None
    response = player.client.get("/")  # she joins the new round as she comes back
    assert response.status_code == 200
    with app.app_context():
        newest = load_account(str(user_id)).citizen
        assert newest is not None and newest.id != first
