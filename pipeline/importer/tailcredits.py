"""What a page prints under the last answer: the interviewer's credit (`Interviewed by Aida
Bekova`) and the calls to follow the outlet (`Follow Kazinform on Telegram`). Left there, they
read as the last answer's closing paragraphs; they are dropped, and the report says so."""

from __future__ import annotations

import re

from pipeline.importer.items import Item
from pipeline.importer.report import Report

_NAME = r"[A-ZА-ЯЁ][\w.'’-]+(?:\s+[A-ZА-ЯЁ][\w.'’-]+){0,3}"
_CREDIT = re.compile(
    rf"(?:interviewed|interview|conducted|prepared|talked|recorded|written)\s+by\s+{_NAME}"
    rf"(?:\s*[,/|]\s*{_NAME})?\.?",
    re.I,
)
_FOLLOW = re.compile(
    r"(?:follow|subscribe to|join|read)\s+(?:us|[\w .'’-]{1,40}?)\s+(?:on|in|at)\s+"
    r"(?:telegram|facebook|twitter|x|instagram|youtube|whatsapp|linkedin|vk|threads|"
    r"google news)\b.{0,60}",
    re.I,
)

# The page's tools printed between them: `Share this article`, `Print`.
_TOOLS = re.compile(
    r"(?:share|print|e-?mail|copy link|comments?)(?: (?:this|the) (?:article|story|page|post|news))?",
    re.I,
)


def drop_tail_credits(items: list[Item], report: Report) -> list[Item]:
    """The items without the credits and follow calls that end the text."""
    end = len(items)
    while end > 1 and items[end - 1].marker is None and _tail_line(items[end - 1].text):
        end -= 1
    if not any(_credit_or_call(item.text) for item in items[end:]):
        return items  # tools alone are left to the reading of the last answer's tags
    for item in items[end:]:
        report.drop(item.line, f"'{item.text[:60]}' (under the last answer: a credit or a call)")
    return items[:end]


def _tail_line(text: str) -> bool:
    return _credit_or_call(text) or bool(_TOOLS.fullmatch(text.strip()))


def _credit_or_call(text: str) -> bool:
    text = text.strip()
    return bool(_CREDIT.fullmatch(text) or _FOLLOW.fullmatch(text))
