"""The player's main pages: dashboard, article feed, media shop, complaint desk, history."""

from flask import abort, current_app, g, render_template, request, session
from flask_login import current_user

from app.game import debrief, queries, rules
from app.game.catalogue import catalogue
from app.play import bp
from app.play.chart import line_chart
from app.play.common import act, citizen_required, page, player_page, removed_device
from app.play.forms import ActionForm, ComplaintForm


@bp.get("/")
def dashboard():
    if not current_user.is_authenticated:
        return removed_device() or render_template("play/welcome.html", content=catalogue())
    return dashboard_page()


@citizen_required
def dashboard_page(status: int = 200, alert: str | None = None):
    life = queries.life_of(g.citizen)
    primary = life.primary
    chart = line_chart(
        queries.series(g.citizen.id, primary), primary, rules.TIERS if life.tier else ()
    )
    recent = queries.recent_entries(g.citizen.id, 8)
    return page(
        "play/dashboard.html",
        status,
        alert,
        life=life,
        chart=chart,
        recent=recent,
        checked=session.get("checked") == g.citizen.id
        or debrief.has_answered(g.citizen.id, "before"),
    )


@bp.get("/feed")
@player_page
def feed():
    return feed_page()


def feed_page(status: int = 200, alert: str | None = None):
    return page("play/feed.html", status, alert, shares=queries.share_counts(g.citizen.id))


@bp.post("/feed/<article_id>/share")
@player_page
def share(article_id: str):
    article = catalogue().articles.get(article_id) or abort(404, "There is no such article.")
    attempt = rules.Attempt("share", title=article.headline, points=article.points)
    return act(ActionForm(), lambda: attempt, article.id, feed_page, ".feed")


@bp.get("/shop")
@player_page
def shop():
    return shop_page()


def shop_page(status: int = 200, alert: str | None = None):
    return page("play/shop.html", status, alert, luxury=rules.LUXURY_PRICE)


@bp.post("/shop/<media_id>/buy")
@player_page
def buy(media_id: str):
    media = catalogue().media.get(media_id) or abort(404, "The shop has no such item.")
    attempt = rules.Attempt("buy", title=media.title, origin=media.origin, price=media.price)
    return act(ActionForm(), lambda: attempt, media.id, shop_page, ".shop")


@bp.route("/complain", methods=["GET", "POST"])
@player_page
def complain():
    form = ComplaintForm()

    def complain_page(status: int = 200, alert: str | None = None):
        return page("play/complain.html", status, alert, form=form)

    if request.method == "GET":
        return complain_page()

    def attempt() -> rules.Attempt:
        topic = catalogue().topics[form.topic.data]
        return rules.Attempt("complain", title=topic.title, channel=form.channel.data)

    note = (form.text.data or "").strip() or None
    return act(form, attempt, form.topic.data, complain_page, ".complain", note)


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
