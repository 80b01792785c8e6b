"""Whether students' phones can reach the join link, and this machine's address on the LAN."""

import ipaddress
import socket
from urllib.parse import urlsplit


def is_loopback(url: str) -> bool:
    """Say whether a link points at this computer itself, which no other device can open."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """Return this machine's address on the local network, or None when it has none.

    Connecting a UDP socket sends nothing: it only asks the system which of its addresses
    would carry traffic out of the machine.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never answered, never reached
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def lan_url(port: int | str) -> str | None:
    """Return the address students on the local network open, or None."""
    address = lan_address()
    return f"http://{address}:{port}" if address else None


def port_of(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)
