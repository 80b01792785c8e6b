"""Test helpers: submit the real forms of real pages, and check the ledger invariant."""

from html.parser import HTMLParser

from sqlalchemy import func, select

from app.extensions import db
from app.game.reads.audit import ledger_mismatches  # noqa: F401  (used by the tests)
from app.models import Event, Standing

PASSWORD = "correct horse battery"
# argon2 at its cheapest: tests hash hundreds of passwords; production keeps the defaults.
CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


class FormParser(HTMLParser):
    """Collect each form's action and its hidden inputs."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str | None, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("action"), {}))
        elif tag == "input" and self.forms and attrs.get("type") == "hidden":
            self.forms[-1][1][attrs["name"]] = attrs.get("value", "")


def hidden_fields(html: str, action: str | None) -> dict[str, str]:
    """Return the hidden fields of the form posting to action (None: the page's own URL)."""
    parser = FormParser()
    parser.feed(html)
    for form_action, fields in parser.forms:
        if form_action == action:
            return dict(fields)
    raise AssertionError(f"no form posting to {action!r} on the page")


class Player:
    """A test client that acts like a person: it loads a page, then submits its form."""

    def __init__(self, client, username: str):
        self.client = client
        self.username = username

    @classmethod
    def register(cls, client, username: str) -> "Player":
        page = client.get("/register").get_data(as_text=True)
        data = hidden_fields(page, None) | {
            "username": username,
            "password": PASSWORD,
            "confirm": PASSWORD,
        }
        response = client.post("/register", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)
        player = cls(client, username)
        player.take_check("before")
        return player

    def take_check(self, phase: str, answer: str = "true", confidence: str = "2"):
        """Answer every statement of the true-or-myth check the same way, equally sure
        (the fields of both forms: the page's form takes its own)."""
        from app.game.content.catalogue import catalogue
        from app.play.forms import confidence_name, field_name

        fields = {field_name(key): answer for key in catalogue().statements}
        fields |= {confidence_name(key): confidence for key in catalogue().statements}
        response = self.submit(f"/check/{phase}", None, **fields)
        assert response.status_code == 303, response.get_data(as_text=True)
        return response

    def submit(self, page: str, action: str | None = None, **data):
        """Load page, take the form posting to action, fill in data and post it."""
        html = self.client.get(page).get_data(as_text=True)
        fields = hidden_fields(html, action) | data
        return self.client.post(action or page, data=fields)

    def share(self, article: str = "grain-quota"):
        return self.submit("/feed", f"/feed/{article}/share")

    def buy(self, media: str = "starlight-academy"):
        return self.submit("/shop", f"/shop/{media}/buy")

    def complain(self, topic: str = "pollution", channel: str = "online", text: str = ""):
        return self.submit("/complain", None, topic=topic, channel=channel, text=text)

    def visit(self):
        return self.do("visit")

    def do(self, action: str):
        """Do one of the acts of daily life."""
        return self.submit("/life", f"/life/{action}")

    def social(self, action: str, target_id: int):
        return self.post_via("/citizens", f"/citizens/{target_id}/{action}")

    def post_via(self, page: str, action: str, **data):
        """Post to action with the tokens of the first action form on page (a crafted post)."""
        html = self.client.get(page).get_data(as_text=True)
        parser = FormParser()
        parser.feed(html)
        fields = next(f for a, f in parser.forms if f.get("key"))
        return self.client.post(action, data=fields | data)


def count_events() -> int:
    return db.session.scalar(select(func.count()).select_from(Event))


def standing(username: str, track: str = "score") -> int:
    """Return a player's current value on a track in their current round."""
    from app.game.services.players import current_citizen
    from app.models import User

    user = db.session.scalar(select(User).where(User.username == username))
    citizen = current_citizen(user)
    return db.session.scalar(
        select(Standing.value).where(Standing.citizen_id == citizen.id, Standing.track == track)
    )


def login(client, username: str, password: str = PASSWORD):
    page = client.get("/login").get_data(as_text=True)
    data = hidden_fields(page, None) | {"username": username, "password": password}
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def make_instructor(app, username: str = "teacher"):
    """Create an instructor account and return a client logged in as them."""
    from app.auth.invites import create_instructor

    with app.app_context():
        create_instructor(username, PASSWORD)
    return login(app.test_client(), username)


def make_classroom(app, owner: str = "teacher", name: str = "Civics 9B"):
    """Open a classroom for an existing instructor; return (id, join code)."""
    from app.game.services.rounds import create_classroom
    from app.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == owner))
        classroom = create_classroom(user, name)
        return classroom.id, classroom.join_code


def join(app, code: str, name: str, check: bool = True) -> Player:
    """Join a class from a fresh client, as a student does; return the player."""
    client = app.test_client()
    page = client.get(f"/join/{code}").get_data(as_text=True)
    response = client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": name})
    assert response.status_code == 303, response.get_data(as_text=True)
    player = Player(client, name)
    if check:
        player.take_check("before")
    return player


def instructor_post(client, page: str, action: str, **data):
    """Submit one of the forms of an instructor page."""
    html = client.get(page).get_data(as_text=True)
    return client.post(action, data=hidden_fields(html, action) | data)


class HttpClient:
    """A student's device over real HTTP (a live server), with the test client's interface."""

    class Response:
        def __init__(self, response):
            self.status_code = response.status_code
            self.location = response.headers.get("Location")
            self.headers = response.headers
            self.text = response.text

        def get_data(self, as_text: bool = False):
            return self.text if as_text else self.text.encode()

    def __init__(self, base_url: str):
        import requests

        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str):
        return self.Response(self.session.get(self.base_url + path, allow_redirects=False))

    def post(self, path: str, data=None):
        response = self.session.post(self.base_url + path, data=data, allow_redirects=False)
        return self.Response(response)


def join_over_http(base_url: str, code: str, name: str) -> Player:
    """Join a class over HTTP as a student's device does, and take the check."""
    client = HttpClient(base_url)
    page = client.get(f"/join/{code}").get_data(as_text=True)
    response = client.post(f"/join/{code}", data=hidden_fields(page, None) | {"name": name})
    assert response.status_code == 303, response.get_data(as_text=True)
    player = Player(client, name)
    player.take_check("before")
    return player
