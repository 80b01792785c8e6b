"""Pages the player acts on: each is declared once, serves its GET, and takes its acts back.

An act sent from a page returns to it: redirected there with what it did, or, refused (by the
game, or for a form that did not validate), the page itself again with the refusal as its alert.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlencode

from flask import g, redirect, url_for
from flask_wtf import FlaskForm

from app.game import rules
from app.game.services import acts
from app.play import bp
from app.play.common import checked_player, page
from app.web.forms import ActionForm, errors_of
from app.web.refusals import Refused, answer_with


@dataclass(frozen=True)
class PlayerPage:
    """A page's endpoint, template and form, and what it shows besides the player's life."""

    endpoint: str
    template: str
    shows: Callable[[], dict]
    form: type[FlaskForm] = ActionForm

    def render(self, status: int = 200, alert: str | None = None):
        return page(self.template, status, alert, form=self.request_form(), **self.shows())

    def refused(self, error: Refused):
        return self.render(error.status, error.message)

    def request_form(self) -> FlaskForm:
        """Return the page's form for this request: built once, so its errors stay with it."""
        if "form" not in g:
            g.form = self.form()
        return g.form


def player_page(rule: str, template: str, form: type[FlaskForm] = ActionForm):
    """Declare a player page served at rule, from the function of what else it shows."""

    def declare(shows: Callable[[], dict]) -> PlayerPage:
        declared = PlayerPage(f"{bp.name}.{shows.__name__}", template, shows, form)

        def view():
            return declared.render()

        view.__name__, view.__doc__ = shows.__name__, shows.__doc__
        bp.add_url_rule(rule, view_func=checked_player(view), methods=["GET"])
        return declared

    return declare


def acts_on(declared: PlayerPage):
    """Make a view an act sent from a player page: refused, it shows that page again."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            g.page = declared
            answer_with(declared.refused)
            return view(*args, **kwargs)

        return checked_player(wrapped)

    return decorate


class Act(NamedTuple):
    """What a view names from its URL: the attempt, its item, and the citizen it is aimed at."""

    attempt: rules.Attempt
    item: str | None = None
    target_id: int | None = None


@dataclass(frozen=True)
class Express:
    names: Callable[..., Act]
    page: str  # the endpoint of the page the act returns to


def names_act(declared: PlayerPage):
    """Make a view that names an act (an Act, from its URL's values) an act sent from a player
    page: done by `act`, or, when nothing about the request is unusual, by the express lane
    (app/web/express.py), which calls the same function and writes through the same service."""

    def decorate(names: Callable[..., Act]):
        @wraps(names)
        def view(*args, **kwargs):
            sent = names(*args, **kwargs)
            return act(sent.attempt, sent.item, target_id=sent.target_id)

        view = acts_on(declared)(view)
        view.express = Express(names, declared.endpoint)
        return view

    return decorate


def sent_form() -> FlaskForm:
    """Return the act's form, validated; refuse it with its errors (400) when it is not valid."""
    form = g.page.request_form()
    if not g.get("form_valid"):
        if not form.validate_on_submit():
            raise Refused(errors_of(form), 400)
        g.form_valid = True
    return form


def act(attempt: rules.Attempt, item: str | None = None, *, note=None, target_id=None):
    """Do the act, once per form key; back to its page, which says what the act did."""
    key = sent_form().key.data
    applied = acts.perform_action(g.citizen.id, attempt, item, key, note, target_id)
    done = {"done": key} | ({"again": 1} if applied.replayed else {})
    # the page's link is built once per worker; the one-time key is its own query
    return redirect(f"{url_for(g.page.endpoint)}?{urlencode(done)}", 303)
