"""Links for people to open elsewhere (join links, QR codes, invitations): never built from a
Host header that anyone can forge.

A link starts with FLASK_PUBLIC_URL when it is set. Without it, the request's own address is
used only when it is one this server trusts: a host in FLASK_TRUSTED_HOSTS (Flask refuses
every other host then), or an address of this machine itself, as `make run HOST=0.0.0.0`
is reached on a classroom network. Otherwise there is no link.
"""

import ipaddress
import socket
from functools import lru_cache

from flask import current_app, request, url_for


def public_url(endpoint: str, **values) -> str | None:
    """Return the absolute URL of a page for others to open, or None without a trusted address."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + path
    if current_app.config.get("TRUSTED_HOSTS") or is_this_machine(request.host):
        return request.host_url.rstrip("/") + path
    return None


def is_this_machine(host: str) -> bool:
    """Say whether a Host header names this machine: localhost, or one of its own addresses."""
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    name = name.partition("]")[0].lstrip("[") if name.startswith("[") else name
    return name == "localhost" or _own_address(name)


@lru_cache(maxsize=64)
def _own_address(name: str) -> bool:
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if address.is_loopback:
        return True
    if address.is_unspecified or address.is_multicast:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:  # only an address of one of this machine's interfaces can be bound
            probe.bind((str(address), 0))
        except OSError:
            return False
    return True
