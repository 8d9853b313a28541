"""Word lists written as one string each, the way people read them."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def ordered(text: str) -> list[str]:
    return text.split()
