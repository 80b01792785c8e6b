"""Page parts that depend only on the content and the rules: rendered once per worker.

A consequence's card (its tags and sources) never changes while the game runs, and in a world
with tiers the parts of the dashboard about tiers change only with the tier. Rendering them
once per worker, not once per page, takes a third off the dashboard's templating.
"""

from collections.abc import Hashable

from flask import Flask, current_app, request
from markupsafe import Markup

from app.game.content.catalogue import Tagged, catalogue

_consequences: dict[tuple[str, ...], Markup] = {}
_parts: dict[Hashable, Markup] = {}


def consequence_list(items: list[Tagged]) -> Markup:
    """Return the list items of these consequences, each with its tags and sources."""
    keys = tuple(item.id for item in items)
    html = _consequences.get(keys)
    if html is None:
        macro = current_app.jinja_env.get_template("macros/ui.html").module.consequence
        html = _consequences[keys] = Markup("").join(macro(item) for item in items)
    return html


def world_part(life, name: str) -> Markup:
    """Return a world's part of a page; a part the world says depends only on a key (the tier)
    is rendered once per key."""
    key = life.world.part_key(name, life.standings)
    if key is None:
        return _rendered(life, name)
    key = (life.world.key, name, key)
    html = _parts.get(key)
    if html is None:
        html = _parts[key] = _rendered(life, name)
    return html


def _rendered(life, name: str) -> Markup:
    """Render a world's part from the life and the content alone: a part reads nothing of the
    request, so Flask's context for a page (request, session, user, token) is not built."""
    template = current_app.jinja_env.get_or_select_template(life.world.part(name))
    return _rendered_safe(template.render(life=life, content=catalogue()))


def _rendered_safe(html: str) -> Markup:
    # A template's output, escaped by Jinja's autoescape as it rendered: safe to insert as is.
    return Markup(html)  # nosec B704


_links: dict[str, Markup] = {}


def player_links() -> Markup:
    """Return the links of a player's menu: the same on every page, built once per worker
    (and script root) instead of seven times per page."""
    root = request.script_root
    html = _links.get(root)
    if html is None:
        template = current_app.jinja_env.get_template("play/_links.html")
        html = _links[root] = _rendered_safe(template.render())
    return html


def register(app: Flask) -> None:
    app.add_template_global(player_links)
    app.add_template_global(consequence_list)
    app.add_template_global(world_part)
