"""Hostile text for property tests and fuzzing: what editors, importers and attackers may send.

Two Hypothesis profiles, used only by these tests (the global default is left alone):
`ci` (the default) is bounded and derandomized, so every run of `make test` tries the
same examples and is never flaky; `fuzz` is the longer run, random, with an example
database in `.hypothesis/` so that a failure found once is tried first next time:

    make fuzz                      # HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=30, about 10 minutes
    HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=1000 .venv/bin/pytest tests/hostile -k fuzz

FUZZ_SCALE multiplies every test's example count (see `hostile_settings`).
"""

from __future__ import annotations

import copy
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from pipeline.text import MAX_WORD_CHARS

_COMMON = {
    "deadline": None,  # a PDF render takes a varying fraction of a second
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("fuzz", print_blob=True, **_COMMON)


def hostile_settings(examples: int) -> settings:
    """The profile named by HYPOTHESIS_PROFILE (default `ci`), with `examples` x FUZZ_SCALE."""
    profile = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
    scaled = max(1, round(examples * float(os.environ.get("FUZZ_SCALE", "1"))))
    return settings(profile, max_examples=scaled)


LONG_WORD = "x" * MAX_WORD_CHARS
PIECES = [
    # Control characters, including those XML 1.0 forbids and an ANSI escape.
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1f",
    "\x7f",
    "\x85",
    "\r\n",
    "\t",
    # Lone surrogates and non-characters.
    "\ud800",
    "\udfff",
    "\ud83d",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ufffd",
    # Joiners, direction marks and overrides, separators, odd spaces.
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2069",
    "\u061c",
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u3000",
    "\u00ad",
    # Emoji: a ZWJ family, a flag, a skin tone, a variation selector.
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1f0\U0001f1ec",
    "\U0001f44d\U0001f3fd",
    "\u2764\ufe0f",
    # Combining marks piled up, scripts in other directions and other fonts.
    "e\u0301",
    "Z" + "\u0336\u0338\u0334" * 30,
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u04e8\u043a\u043c\u04e9\u0442 \u04ae\u0439 \u04a2",
    "\ud55c\uad6d\uc5b4 \ub300\uc0ac",
    "\u4e2d\u6587",
    "\u0e44\u0e17\u0e22",
    # Markup and template syntax of every layer the text passes through.
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "%(name)s",
    "{0}",
    "]]>",
    "<!--",
    "&amp;",
    "&#0;",
    "\\",
    '"',
    "'",
    "</style>",
    "url(file:///etc/passwd)",
    "@import url(http://169.254.169.254/);",
    "file:///etc/passwd",
    "../../../etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    # YAML's own syntax, which the dumper must quote and the loader must keep as text.
    ": ",
    "- ",
    " #",
    "&anchor ",
    "*alias",
    "!!python/object:os.system",
    "---",
    "...",
    "? ",
    "|",
    # Sizes: a word at the length limit (no line can hold it), and a long run of short words.
    LONG_WORD,
    "\u0628" * MAX_WORD_CHARS,
    "word " * 400,
]

_hostile_run = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(st.characters(exclude_categories=()), max_size=12),
    ),
    max_size=4,
).map("".join)
_visible = st.sampled_from(["a", "Word", "\u0421\u043b\u043e\u0432\u043e", "\ub9d0", "7"])


@st.composite
def _hostile_text(draw) -> str:
    run = draw(_hostile_run)
    if draw(st.integers(0, 9)) == 0:
        return run  # may be empty or blank: must be refused, never crash
    return run + draw(_visible) + draw(_hostile_run)


hostile_text = _hostile_text()
"""Any Unicode string (surrogates included), biased towards the pieces above; nine in ten
hold a visible word, so that most notes get past the "must not be empty" checks."""

BASE = {
    "slug": "hostile",
    "title": "A headline",
    "short_title": "Short",
    "language": "en",
    "outlet": "Agency",
    "byline": "A. Writer",
    "dateline": "BISHKEK",
    "published": "2024-05-06",
    "interviewer": "Agency",
    "interviewee": {"name": "A. Person", "role": "Minister"},
    "source": {"name": "Agency wire"},
    "handling": "For information",
    "keywords": ["one"],
    "brief": {
        "status": "draft",
        "purpose": "Why this matters.",
        "key_points": ["One point."],
        "key_figures": [
            {
                "status": "suggested",
                "label": "Trade",
                "value": 63.5,
                "unit": "million USD",
                "period": "2022",
                "stated_by": "A. Person",
                "source_sentence": "Trade reached 63.5 million.",
                "note": "Goods only.",
            }
        ],
        "organisations": [{"name": "KOICA", "description": "An agency."}],
        "follow_ups": ["Watch this."],
    },
    "intro": ["An intro paragraph."],
    "turns": [
        {"topic": "Trade", "question": "What happened?", "answer": ["Trade reached 63.5 million."]},
        {"question": "And then?", "answer": ["More happened.", "Still more."]},
    ],
}

TEXT_FIELDS = [
    ("title",),
    ("short_title",),
    ("outlet",),
    ("byline",),
    ("dateline",),
    ("interviewer",),
    ("interviewee", "name"),
    ("interviewee", "role"),
    ("source", "name"),
    ("handling",),
    ("keywords", 0),
    ("brief", "purpose"),
    ("brief", "key_points", 0),
    ("brief", "key_figures", 0, "label"),
    ("brief", "key_figures", 0, "unit"),
    ("brief", "key_figures", 0, "period"),
    ("brief", "key_figures", 0, "stated_by"),
    ("brief", "key_figures", 0, "note"),
    ("brief", "organisations", 0, "name"),
    ("brief", "organisations", 0, "description"),
    ("brief", "follow_ups", 0),
    ("intro", 0),
    ("turns", 0, "topic"),
    ("turns", 0, "question"),
    ("turns", 1, "question"),
    ("turns", 1, "answer", 0),
    ("turns", 1, "answer", 1),
]
"""Every free-text field of the model (the figure's sentence is drawn with its paragraph)."""


def set_at(data: dict, path: tuple, value: object) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@st.composite
def hostile_interviews(draw) -> dict:
    """Content data with any of its text fields replaced by hostile text."""
    data = copy.deepcopy(BASE)
    for path in draw(st.lists(st.sampled_from(TEXT_FIELDS), min_size=1, max_size=8, unique=True)):
        set_at(data, path, draw(hostile_text))
    if draw(st.booleans()):
        # The figure must quote the interview: draw its sentence and the paragraph holding it.
        sentence = draw(hostile_text)
        set_at(data, ("brief", "key_figures", 0, "source_sentence"), sentence)
        set_at(
            data,
            ("turns", 0, "answer"),
            [draw(hostile_text) + " " + sentence + " " + draw(hostile_text)],
        )
    return data
