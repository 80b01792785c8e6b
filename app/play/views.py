"""The player's main pages: dashboard, article feed, media shop, complaint desk, history."""

from flask import abort, current_app, g, render_template, request, session
from flask_login import current_user

from app.game import rules
from app.game.content.catalogue import catalogue
from app.game.reads import checks, queries
from app.play import bp
from app.play.common import citizen_required, current_life, page, removed_device
from app.play.forms import ComplaintForm
from app.play.pages import Act, act, acts_on, names_act, player_page, sent_form
from app.web.charts import line_chart


@bp.get("/")
def dashboard():
    if not current_user.is_authenticated:
        return removed_device() or render_template("play/welcome.html", content=catalogue())
    return dashboard_page()


@citizen_required
def dashboard_page():
    life = current_life()
    primary = life.primary
    chart = line_chart(queries.series(g.citizen.id, primary), primary, life.world.tiers)
    return page(
        "play/dashboard.html",
        chart=chart,
        recent=queries.recent_entries(g.citizen.id, 8),
        checked=session.get("checked") == g.citizen.id
        or checks.has_answered(g.citizen.id, "before"),
    )


@player_page("/feed", "play/feed.html")
def feed() -> dict:
    return {"shares": queries.share_counts(g.citizen.id)}


@bp.post("/feed/<article_id>/share")
@names_act(feed)
def share(article_id: str) -> Act:
    article = catalogue().articles.get(article_id) or abort(404, "There is no such article.")
    return Act(rules.Attempt("share", title=article.headline, points=article.points), article.id)


@player_page("/shop", "play/shop.html")
def shop() -> dict:
    return {"luxury": rules.LUXURY_PRICE}


@bp.post("/shop/<media_id>/buy")
@names_act(shop)
def buy(media_id: str) -> Act:
    media = catalogue().media.get(media_id) or abort(404, "The shop has no such item.")
    attempt = rules.Attempt("buy", title=media.title, origin=media.origin, price=media.price)
    return Act(attempt, media.id)


@player_page("/complain", "play/complain.html", form=ComplaintForm)
def complain() -> dict:
    return {}


@bp.post("/complain")
@acts_on(complain)
def send_complaint():
    form = sent_form()
    topic = catalogue().topics[form.topic.data]
    attempt = rules.Attempt("complain", title=topic.title, channel=form.channel.data)
    return act(attempt, form.topic.data, note=(form.text.data or "").strip() or None)


@bp.get("/history")
@citizen_required
def history():
    number = request.args.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= 100_000:
        abort(400, "The page number must be a whole number from 1.")
    size = current_app.config["HISTORY_PAGE_SIZE"]
    events, pages = queries.history_page(g.citizen.id, int(number), size)
    if int(number) > pages:
        abort(404, "There is no such page in your history.")
    return page(
        "play/history.html",
        entries=queries.entries(events),
        number=int(number),
        pages=pages,
        past=queries.past_rounds(g.citizen) if number == "1" else [],
    )


@bp.get("/sources")
def sources():
    return render_template("play/sources.html", content=catalogue())
