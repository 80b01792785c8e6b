"""Instructor accounts: the setup link, invitations and the CLI."""

import re
from datetime import timedelta

import time_machine

from app.models import utcnow
from tests.helpers import PASSWORD, hidden_fields, make_instructor


def accept(client, path: str, username: str = "teacher"):
    page = client.get(path)
    if page.status_code != 200:
        return page
    data = hidden_fields(page.get_data(as_text=True), None) | {
        "username": username,
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    return client.post(path, data=data)


def test_the_first_start_prints_a_one_time_setup_link(app, runner, client):
    result = runner.invoke(args=["setup-link", "--base", "http://127.0.0.1:5000"])
    link = re.search(r"http://127\.0\.0\.1:5000(/invite/\S+)", result.output)
    assert link, result.output
    response = accept(client, link.group(1))
    assert response.status_code == 303 and response.location == "/classes/"
    assert "My classes" in client.get("/classes/").get_data(as_text=True)
    again = accept(app.test_client(), link.group(1), "intruder")
    assert again.status_code == 404
    assert "used already or has expired" in again.get_data(as_text=True)
    assert runner.invoke(args=["setup-link"]).output == ""  # an instructor exists now


def test_an_invitation_expires_after_a_week(app, runner):
    with time_machine.travel(utcnow() - timedelta(days=8)):
        result = runner.invoke(args=["setup-link"])
    path = re.search(r"(/invite/\S+)", result.output).group(1)
    assert accept(app.test_client(), path).status_code == 404


def test_an_instructor_invites_another(app):
    teacher = make_instructor(app)
    html = teacher.get("/classes/").get_data(as_text=True)
    response = teacher.post("/classes/invite", data=hidden_fields(html, "/classes/invite"))
    link = re.search(r"http://localhost(/invite/[^<\s]+)", response.get_data(as_text=True))
    assert link
    assert accept(app.test_client(), link.group(1), "colleague").status_code == 303


def test_a_bad_invitation_token_is_not_found(client):
    assert client.get("/invite/not-a-token").status_code == 404


def test_create_instructor_from_the_command_line(runner, app, client):
    result = runner.invoke(args=["create-instructor", "mr-li", "--password", PASSWORD])
    assert result.exit_code == 0 and "Instructor mr-li created." in result.output
    again = runner.invoke(args=["create-instructor", "mr-li", "--password", PASSWORD])
    assert again.exit_code != 0 and "is taken" in again.output
    bad = runner.invoke(args=["create-instructor", "x", "--password", "short"])
    assert bad.exit_code != 0 and "3–24" in bad.output


def test_players_never_reach_instructor_pages(app, player):
    assert player.client.get("/classes/").status_code == 403
    assert player.client.post("/classes/invite").status_code in (400, 403)


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get("/classes/")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_instructors_land_on_their_classes(app):
    teacher = make_instructor(app)
    response = teacher.get("/")
    assert response.status_code == 302 and response.location == "/classes/"
