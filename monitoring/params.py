"""Reading numbers that the browser sends back (ids, versions, round numbers)."""

from __future__ import annotations


def whole_number(raw: str | None) -> int | None:
    """A non-negative whole number, or None for anything else. Only ASCII digits count
    ("²".isdigit() is true, and int("²") fails), and few enough to fit a database column."""
    raw = (raw or "").strip()
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) <= 18 else None
