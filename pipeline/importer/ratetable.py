"""Chrome a site sets over its pages in forms the ticker patterns did not read.

`Currency rates from 20/09/2024`, `$1 – 12724.84`, `UZS – -0.12%`: a rate table's heading and
rows (a unit's price, then a currency's change); `de-DE1 en-GB1 es-ES1 ru-RU1`: a language
switcher written as locale codes. Each was taken for the headline or the dateline; a blog's
`No comments:` for a part of the last answer.
"""

from __future__ import annotations

import re

RATE_ROW = (
    r"[$€₽₸£¥₩]\d{1,4}\s*[–=-]\s*\d{1,8}(?:[.,]\d{1,4})?|"
    r"[A-Z]{3}\s*[–-]\s*[+-−]?\d{1,4}(?:[.,]\d{1,4})?%"
)

RATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"(?:currency|exchange) rates?(?: (?:from|on|for))?\s*[\d./-]*", re.I),
        "clock or currency ticker",
    ),
    (re.compile(r"(?:[a-z]{2}-[A-Z]{2}\d{0,2}[\s|,]*){2,}"), "language menu"),
    # A blog's tools under the post: `No comments:`, `Post a Comment`.
    # The colon: a bare `No comment` is an answer.
    (re.compile(r"no comments:|\d+ comments?:?|post a comment", re.I), "page tools"),
]
