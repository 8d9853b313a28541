"""Network facts the settings and commands need without importing a network library."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """`host` is this machine itself: `localhost` or a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
