"""Names: look-alikes, invisible characters and real names in every script."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extensions import db
from app.game.ledger import Refused
from app.game.reads import lookups
from app.game.rules import names
from app.game.services import joining
from app.models import Citizen, Classroom, User
from tests.helpers import (
    PASSWORD,
    hidden_fields,
    instructor_post,
    join,
    make_classroom,
)
from tests.integration.test_concurrency import run_together


@pytest.fixture
def classroom(app, teacher):
    return make_classroom(app)


def try_join(app, code: str, name: str):
    client = app.test_client()
    page = client.get(f"/join/{code}").get_data(as_text=True)
    return client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": name})


def shown_names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Citizen.display_name).order_by(Citizen.id)))


@pytest.mark.parametrize(
    "name",
    [
        "Ｓｔｕｐｉｄ Ｙａｋ",  # fullwidth letters
        "іdіot Yak",  # Cyrillic і
        "STUPID Yak",
        "Ѕtupіd Yak",  # Cyrillic Ѕ and і
        "Yak Ｈｉｔｌｅｒfan",
        "Quiet Id\u200biot",  # a zero-width space inside the word
    ],
)
def test_look_alikes_do_not_pass_the_word_filter(app, classroom, name):
    _, code = classroom
    response = try_join(app, code, name)
    assert response.status_code == 400
    assert "not allowed" in response.get_data(as_text=True)
    assert shown_names(app) == []


def test_the_instructors_own_words_are_compared_by_look(app, teacher, classroom):
    classroom_id, code = classroom
    page = f"/classes/{classroom_id}"
    saved = instructor_post(teacher, page, f"{page}/words", words="banana")
    assert saved.status_code == 303
    response = try_join(app, code, "Bаnаnа Boy")  # Cyrillic а
    assert response.status_code == 400 and "not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "copy",
    [
        "Quiet Crane",
        "QUIET CRANE",
        "Quiet  Crane",  # two spaces: a page shows one
        "Quiet\u00a0Crane",  # no-break space
        "Quiet Сrane",  # Cyrillic С
        "Quіet Crane",  # Cyrillic і
        "Ｑｕｉｅｔ Ｃｒａｎｅ",
        "Quiet\u200d Crane",
        "Quiet-Crane",
        "\u202eQuiet Crane",
    ],
)
def test_a_name_that_looks_like_a_taken_one_is_taken(app, classroom, copy):
    _, code = classroom
    join(app, code, "Quiet Crane", check=False)
    response = try_join(app, code, copy)
    assert response.status_code == 400
    assert "taken" in response.get_data(as_text=True)
    assert shown_names(app) == ["Quiet Crane"]


def test_a_rename_to_a_look_alike_is_refused_but_a_player_may_keep_their_own_name(
    app, teacher, classroom
):
    classroom_id, code = classroom
    join(app, code, "Quiet Crane", check=False)
    join(app, code, "Calm Ibis", check=False)
    with app.app_context():
        ibis = db.session.scalar(select(Citizen.id).where(Citizen.display_name == "Calm Ibis"))
    monitor = f"/classes/{classroom_id}/monitor"
    action = f"/classes/{classroom_id}/citizens/{ibis}/rename"
    refused = instructor_post(teacher, monitor, action, name="Quiet Сrane")
    assert refused.status_code == 400
    kept = instructor_post(teacher, monitor, action, name="CALM IBIS")
    assert kept.status_code == 303
    assert shown_names(app) == ["Quiet Crane", "CALM IBIS"]


@pytest.mark.parametrize(
    "blank",
    [
        "ㅤㅤㅤ",  # Hangul filler, a letter that shows nothing
        "\u200b\u200b\u200b",
        "\u3164\u115f\u1160\uffa0",
        "\u202e\u202e\u202e",
        "   ",
        "...",
        "\u2800\u2800\u2800",  # braille blank
    ],
)
def test_a_name_needs_letters_you_can_see(app, classroom, blank):
    _, code = classroom
    response = try_join(app, code, blank)
    assert response.status_code == 400
    assert shown_names(app) == []


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("\u202eQuiet Crane", "Quiet Crane"),  # a right-to-left override
        ("Calm\u2066 Ibis\u2069", "Calm Ibis"),  # isolates
        ("Brave\u200b Otter", "Brave Otter"),
        ("ㅤLucky Lynx", "Lucky Lynx"),
        ("Ｓｗｉｆｔ Ｈｅｒｏｎ", "Swift Heron"),
        ("Bold \t Carp", "Bold Carp"),
    ],
)
def test_invisible_and_control_characters_are_stripped_from_names(app, classroom, raw, stored):
    _, code = classroom
    response = try_join(app, code, raw)
    assert response.status_code == 303
    assert shown_names(app) == [stored]


@pytest.mark.parametrize(
    "real",
    [
        "प्रिया शर्मा",  # Hindi: vowel signs and a virama
        "अंकित",  # a nasal sign (anusvara)
        "ประเสริฐ",  # Thai: a vowel above a consonant
        "สมชาย ใจดี",
        "தமிழ்செல்வி",  # Tamil: a pulli at the end of a syllable
        "கார்த்திக்",  # ends with a pulli
        "José Ñúñez",
        "Zoë O'Neil",
        "Анна Петрова",
        "李明华",
        "李明",  # two characters are a whole name in Chinese
        "محمد علي",
    ],
)
def test_real_names_in_every_script_are_accepted(app, classroom, real):
    _, code = classroom
    response = try_join(app, code, real)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert shown_names(app) == [real]


@pytest.mark.parametrize("mark_first", ["\u0301abc", "ab \u0301c", "ab-\u093fc"])
def test_a_combining_mark_must_follow_a_letter(mark_first):
    assert names.problem(names.clean(mark_first)) is not None


def register(app, username: str):
    client = app.test_client()
    page = client.get("/register").get_data(as_text=True)
    data = {"username": username, "password": PASSWORD, "confirm": PASSWORD}
    return client.post("/register", data=hidden_fields(page, None) | data)


@pytest.mark.parametrize(
    "first, copy",
    [("Adal", "AdaI"), ("Adal", "Ada1"), ("bob0", "BOBO"), ("emma", "ernma"), ("ada-k", "adak")],
)
def test_a_username_that_looks_like_a_taken_one_is_taken(app, first, copy):
    assert register(app, first).status_code == 302
    response = register(app, copy)
    assert response.status_code == 400
    assert "That username is taken." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_usernames_that_only_share_letters_are_both_free(app):
    assert register(app, "quiet").status_code == 302
    assert register(app, "quite").status_code == 302


USERNAMES = st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=24)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=USERNAMES)
def test_the_database_computes_the_same_looks_as_python(app, username):
    with app.app_context():
        row = db.session.execute(
            select(*lookups.sql_looks(func.cast(username, User.username.type)))
        ).one()
    assert set(row) == names.looks(username)


QUIET_CRANES = [
    "Quiet Crane",
    "QUIET CRANE",
    "Quiet  Crane",
    "Quiet Сrane",
    "Ｑｕｉｅｔ Ｃｒａｎｅ",
]


def test_look_alikes_joining_at_the_same_moment_get_one_name(app, classroom):
    """The check runs again inside the write, holding the round: one of them gets the name."""
    with app.app_context():
        classroom_row = db.session.get(Classroom, classroom[0])
        db.session.expunge(classroom_row)

    def attempt(i: int):
        return joining.join_class(db.session.merge(classroom_row), QUIET_CRANES[i % 5])

    results = run_together(app, attempt, 10)
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(refused) == 9 and all("taken" in r.message for r in refused)
    assert len(shown_names(app)) == 1
