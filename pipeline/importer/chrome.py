"""Site chrome: the lines a web page puts around an article, which are not part of it.

A line is chrome only when the whole of it matches one of the patterns below
and it is short; a sentence that merely mentions sharing or photos stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.importer.report import Report

MAX_CHROME_CHARS = 160  # longer lines are prose, whatever they start with

_SOCIAL = (
    r"share|share this|share on \w+|tweet|facebook|twitter|x|telegram|whatsapp|viber|vk|"
    r"vkontakte|ok|odnoklassniki|linkedin|e-?mail|print|copy link|copy|"
    r"поделиться|печать|вконтакте|одноклассники|телеграм|"
    r"공유|공유하기|카카오톡|카카오스토리|페이스북|트위터|인쇄|스크랩|url ?복사"
)
# What may follow a "Read more"-style link label: a separator, then the linked headline.
_LINK_TAIL = r"\s*[:»>→|.…-].*"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:(?:{_SOCIAL})[\s|·•,/]*)+", re.I), "share buttons"),
    (
        re.compile(
            r"search(?: in site| the site)?|поиск(?: по сайту)?|검색|"
            r"home|menu|главная|меню|back to top|наверх|맨 ?위로|"
            r"advertisement|реклама|광고|loading\.*|загрузка\.*|"
            r"comments?(?: \(\d+\))?|комментари\w*(?: \(\d+\))?|댓글(?: ?\d+)?|"
            r"subscribe\b.*|подпи(?:шитесь|сывайтесь)\b.*|구독\w*",
            re.I,
        ),
        "site navigation",
    ),
    (
        re.compile(
            rf"(?:(?:read|see) (?:more|also)|related(?: articles| news| stories)?|"
            rf"читайте (?:также|еще|ещё)|смотрите также|подробнее|관련 ?기사|더 ?보기)"
            rf"(?:{_LINK_TAIL})?",
            re.I,
        ),
        "link to other articles",
    ),
    (
        re.compile(
            r"[\[(]?(?:photo|photos|photo credit|picture|image|фото|фотография|снимок|사진)"
            r"(?:\s+by\s+|\s*제공\s*=?\s*|\s*[:=©/|]\s*|\s+-\s+).*",
            re.I,
        ),
        "photo credit",
    ),
    (re.compile(r"[\[(]?(?:©|\(c\)|copyright\b).*", re.I), "copyright line"),
    (re.compile(r"(?:tags|теги|метки|태그|keywords|ключевые слова)\s*:.*", re.I), "tags"),
    (re.compile(r"\d[\d\s,.]*\s*(?:views?|просмотр\w*|조회(?:수)?)", re.I), "view counter"),
]
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Kept:
    """The lines of the article, numbered as in the raw file, and a page address if one stood alone."""

    lines: list[tuple[int, str]]
    url: str | None


def drop_chrome(text: str, report: Report) -> Kept:
    kept: list[tuple[int, str]] = []
    url = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            kept.append((number, ""))
        elif _URL.fullmatch(stripped):
            url = url or stripped
            report.drop(number, f"'{stripped}' (the page address; kept as source.url)")
        elif reason := chrome_reason(stripped):
            report.drop(number, f"'{stripped}' (site chrome: {reason})")
        else:
            kept.append((number, stripped))
    return Kept(kept, url)


def chrome_reason(line: str) -> str | None:
    """Why `line` is site chrome, or None when it is (or may be) part of the article."""
    if len(line) > MAX_CHROME_CHARS:
        return None
    for pattern, reason in _PATTERNS:
        if pattern.fullmatch(line):
            return reason
    return None
