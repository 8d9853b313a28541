"""Spots where the writer probably slipped. They are listed, never fixed: the text stays as sent."""

from __future__ import annotations

import re

from pipeline.importer.report import Report

MAX_WARNINGS = 30  # a badly broken text would otherwise drown the report

_CHECKS = [
    (
        re.compile(r"(?<![\w'’-])[a-zа-яё]+[A-ZА-ЯЁ][a-zа-яё]{2,}"),
        "a lower-case letter runs into a capital (missing space?)",
    ),
    (
        re.compile(r"[a-zа-яё]{2}[.,;!?][A-ZА-ЯЁ][a-zа-яё]"),
        "no space after the punctuation",
    ),
    (
        re.compile(r"\b\w*(?:[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z])\w*\b"),
        "Latin and Cyrillic letters mixed in one word (look-alike letters?)",
    ),
    (re.compile(r"\b([^\W\d_]{2,})\s+\1\b", re.I), "the same word twice"),
]


def find_suspicious(lines: list[tuple[int, str]], report: Report) -> None:
    found = 0
    for number, line in lines:
        for pattern, why in _CHECKS:
            for match in pattern.finditer(line):
                found += 1
                if found <= MAX_WARNINGS:
                    report.warn(number, f"'{match.group()}': {why}; kept as written")
    if found > MAX_WARNINGS:
        report.warn(None, f"{found - MAX_WARNINGS} more suspicious spots not listed")
