"""The command line's argument types: each refuses a bad value with one line saying what it
expected, before anything is built, bound or downloaded (argparse prints it, exit 2)."""

from __future__ import annotations

import argparse
from datetime import date


def release_id(text: str) -> str:
    from .releases import check_id

    try:
        return check_id(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, found {text!r}")
    return value


def site_url_arg(text: str) -> str:
    from urllib.parse import urlparse

    u = urlparse(text)
    if u.scheme not in ("http", "https") or not u.netloc or u.query or u.fragment:
        raise argparse.ArgumentTypeError(
            f"expected the site's root URL, e.g. https://example.org/trade/, found {text!r}"
        )
    return text if text.endswith("/") else text + "/"


def port_number(text: str) -> int:
    """A TCP port, 0 (any free one) to 65535: refused here, before anything is built or bound."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 (any free port) to 65535, found {text!r}")
    return value


def delay_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more, found {text!r}")
    return value
