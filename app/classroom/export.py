"""Exports: CSV of a round's standings and ledger, JSON backup of a whole classroom."""

import csv
import io
import json

from flask import Response

from app.classroom import bp
from app.classroom.access import own_classroom, own_round
from app.game.content.catalogue import catalogue
from app.game.reads import checks, class_checks, lookups, roster, society
from app.game.rules import detection
from app.web.access import instructor_required
from app.web.words import local

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """Keep numbers as numbers; neutralise a text cell a spreadsheet would run as a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value  # a spreadsheet reads "-30" as the number -30, and can sum it
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(rows: list[list], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<int:classroom_id>/rounds/<int:number>/standings.csv")
@instructor_required
def standings_csv(classroom_id: int, number: int):
    classroom = own_classroom(classroom_id)
    round_ = own_round(classroom, number)
    pairs = {p.citizen_id: p for p in class_checks.pairs_of(classroom.id, [round_], True)}
    temperaments = society.temperaments_of(round_.id)  # a simulated citizen's; blank: a player
    rows = [
        ["pseudonym", "score", "tier", "blacklisted", "wellbeing", "removed"]
        + [f"{phase}_{name}" for phase in checks.PHASES for name in FIGURES]
        + ["temperament"]
    ]
    for r in roster.roster(round_):
        pair = pairs.get(r.citizen_id)
        rows.append(
            [
                r.name,
                r.score,
                r.tier.name if r.tier else "",
                "yes" if r.blacklisted else "",
                r.wellbeing,
                "yes" if r.kicked else "",
                *figures(pair.before if pair else []),
                *figures(pair.after if pair else []),
                temperaments.get(r.citizen_id, ""),
            ]
        )
    return csv_response(rows, f"{classroom.join_code}-round-{number}-standings.csv")


FIGURES = ("hits", "false_alarms", "hit_rate", "false_alarm_rate", "d_prime", "c")


def figures(answers: list[detection.Answer]) -> list:
    """Return one check's figures for the standings: counts, rates, d′ and c (blank: not taken)."""
    if not answers:
        return [""] * len(FIGURES)
    counts = detection.sheet(answers)
    values = [
        counts.hit_rate,
        counts.false_alarm_rate,
        detection.d_prime(counts),
        detection.criterion(counts),
    ]
    return [counts.hits, counts.false_alarms] + ["" if v is None else round(v, 3) for v in values]


@bp.get("/<int:classroom_id>/rounds/<int:number>/checks.csv")
@instructor_required
def checks_csv(classroom_id: int, number: int):
    """Every true-or-myth answer of a round's players: their check before play in the class
    (taken in whichever round they first joined) and their check after this round."""
    classroom = own_classroom(classroom_id)
    round_ = own_round(classroom, number)
    answers = lookups.check_answers_of(classroom.id, round_.id)
    statements = catalogue().statements
    rows = [
        ["pseudonym", "removed", "round", "phase", "form", "statement", "transfer", "is_true"]
        + ["answer", "confidence", "correct", "time_utc"]
    ]
    for a, name, answered_in, kicked in answers:
        statement = statements.get(a.statement)
        rows.append(
            [
                name,
                "yes" if kicked else "",
                answered_in,
                a.phase,
                statement.form if statement else "",
                a.statement,
                ("yes" if statement.transfer else "") if statement else "",
                ("true" if statement.true else "myth") if statement else "",
                "true" if a.answer else "myth",
                a.confidence or "",
                "yes" if a.correct else "no",
                a.created_at.isoformat(timespec="seconds"),
            ]
        )
    return csv_response(rows, f"{classroom.join_code}-round-{number}-checks.csv")


@bp.get("/<int:classroom_id>/rounds/<int:number>/ledger.csv")
@instructor_required
def ledger_csv(classroom_id: int, number: int):
    classroom = own_classroom(classroom_id)
    round_ = own_round(classroom, number)
    events = lookups.ledger_of(round_.id)
    rows = [
        [
            "event",
            "time_utc",
            f"time_{classroom.time_zone}",
            "pseudonym",
            "track",
            "action",
            "item",
            "delta",
            "actor",
            "reason",
            "note",
        ]
    ]
    rows += [
        [
            e.id,
            e.created_at.isoformat(timespec="seconds"),
            local(e.created_at, classroom.time_zone, "%Y-%m-%d %H:%M:%S"),
            name,
            e.track,
            e.action,
            e.item,
            e.delta,
            e.actor,
            e.reason,
            e.note,
        ]
        for e, name in events
    ]
    return csv_response(rows, f"{classroom.join_code}-round-{number}-ledger.csv")


# the columns of each table in a backup
BACKUP = {
    "rounds": "id number world status created_at ended_at purged_at",
    "citizens": "id round_id display_name created_at kicked_at temperament",
    "standings": "citizen_id track baseline value",
    "events": "id citizen_id round_id track action item delta actor reason note created_at",
    "check_answers": "id citizen_id phase statement answer confidence correct created_at",
}


@bp.get("/<int:classroom_id>/backup.json")
@instructor_required
def backup(classroom_id: int):
    classroom = own_classroom(classroom_id)
    rows = lookups.everything_of(classroom.id)
    data = {
        "classroom": {
            "name": classroom.name,
            "join_code": classroom.join_code,
            "created_at": classroom.created_at.isoformat(),
        },
    } | {name: [_row(row, BACKUP[name]) for row in found] for name, found in rows.items()}
    return Response(
        json.dumps(data, indent=1, ensure_ascii=False),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{classroom.join_code}-backup.json"'
        },
    )


def _row(obj, fields: str) -> dict:
    out = {}
    for name in fields.split():
        value = getattr(obj, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out
