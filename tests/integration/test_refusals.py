"""One path for refusals: a refused act shows its own page again, with the refusal, its status
and when to try again; the player's life is read once per request."""

from datetime import UTC, datetime

import pytest
import time_machine

from app.game.reads import queries
from app.web.refusals import Refused
from tests.helpers import Player, count_events, hidden_fields


@pytest.fixture
def clock():
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def test_a_refused_act_on_life_shows_the_life_page_with_429_and_retry_after(app, player, clock):
    assert player.visit().status_code == 303
    again = player.visit()
    assert again.status_code == 429
    wait = int(again.headers["Retry-After"])
    html = again.get_data(as_text=True)
    assert "<title>Daily life" in html
    assert '<p class="alert">' in html and f"Try again in {wait} s" in html
    assert 'action="/life/visit"' in html  # the page itself, its buttons there to use later


def test_a_refused_act_on_citizens_shows_the_citizens_page(app, player, clock):
    Player.register(app.test_client(), "bob")  # someone to see on the page
    refused = player.social("befriend", 999_999)
    assert refused.status_code == 404 and "Retry-After" not in refused.headers
    html = refused.get_data(as_text=True)
    assert "<title>Citizens" in html and "There is no such citizen in your round" in html


def test_a_form_that_does_not_validate_shows_its_page_with_400_and_its_errors(app, player):
    html = player.client.get("/life").get_data(as_text=True)
    fields = hidden_fields(html, "/life/visit") | {"key": "short"}
    response = player.client.post("/life/visit", data=fields)
    assert response.status_code == 400 and "Retry-After" not in response.headers
    page = response.get_data(as_text=True)
    assert "<title>Daily life" in page and "one-time key is malformed" in page
    with app.app_context():
        assert count_events() == 0


def test_a_refused_complaint_keeps_what_the_player_wrote(app, player, clock):
    assert player.complain(text="first").status_code == 303
    again = player.complain(topic="pollution", text="the river again")
    assert again.status_code == 429 and again.headers["Retry-After"]
    html = again.get_data(as_text=True)
    assert "<title>Complaint desk" in html and "the river again</textarea>" in html


def test_a_refusal_without_a_page_of_its_own_is_an_error_page(app, client):
    def refuse():
        raise Refused("Not now.", 409, 7)

    app.add_url_rule("/refused-here", "refused_here", refuse)
    response = client.get("/refused-here")
    assert response.status_code == 409 and response.headers["Retry-After"] == "7"
    html = response.get_data(as_text=True)
    assert "<title>409 · Conflict" in html and "Not now." in html


@pytest.mark.parametrize("url", ["/", "/life", "/citizens", "/feed", "/shop", "/complain"])
def test_a_page_reads_the_players_life_once(app, player, monkeypatch, url):
    calls = []
    life_of = queries.life_of

    def counted(citizen):
        calls.append(citizen.id)
        return life_of(citizen)

    monkeypatch.setattr(queries, "life_of", counted)
    assert player.client.get(url).status_code == 200
    assert len(calls) == 1


def test_a_refused_act_reads_the_players_life_once(app, player, clock, monkeypatch):
    assert player.visit().status_code == 303
    calls = []
    life_of = queries.life_of
    monkeypatch.setattr(queries, "life_of", lambda citizen: calls.append(1) or life_of(citizen))
    html = player.client.get("/life").get_data(as_text=True)
    calls.clear()
    response = player.client.post("/life/visit", data=hidden_fields(html, "/life/visit"))
    assert response.status_code == 429 and len(calls) == 1
