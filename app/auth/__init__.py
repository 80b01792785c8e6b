"""Accounts: register, log in, log out; students join by code; instructors by invitation."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import invites, join, views  # noqa: E402, F401  (routes register on bp)
