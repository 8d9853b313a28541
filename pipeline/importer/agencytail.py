"""What a Korean agency prints around its text: photo captions and the lines under the article.

A wire photo's caption is set between the paragraphs: a title line, then `(서울=연합뉴스) Name
기자 = ... 인터뷰하고 있다. 2024.5.2` (it ends with the photo's date, which no paragraph of the
text does). Under the article come the reporter's address alone on its line, the send time
(`2024/05/02 06:00 송고`), the tip-off line (`제보는 카카오톡 okjebo`) and a `관련 뉴스` heading
over the related links. Left in, the caption joined an answer and the tail the last answer.
"""

from __future__ import annotations

import re

from pipeline.importer.lines import SENTENCE_ENDS
from pipeline.importer.report import Report

MAX_CAPTION_CHARS = 300
MAX_CAPTION_TITLE_CHARS = 60
MAX_LINK_CHARS = 60

# `(서울=연합뉴스) 이사진 기자 = ... 인터뷰하고 있다. 2024.5.2`, perhaps `[외교부 제공]` or an address.
# Newsis sets the place in brackets and adds `*재판매 및 DB 금지` after the address.
_CAPTION = re.compile(
    r"[(\[][^()\[\]=]{1,20}=[^()\[\]]{1,20}[)\]]\s*(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*)?"
    r".{10,280}?\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?(?:\s*\[[^\]]{1,30}\])?(?:\s*\S+@\S+)?"
    r"(?:\s*\*?재판매 및 DB 금지)?"
)
_TAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"  # the reporter's address alone
    r"\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}\s*송고|"  # `2024/05/02 06:00 송고`
    r"(?:▶\s*)?제보는\s*(?:카카오톡|카톡)\s*\S+.{0,40}"  # the agency's tip-off line
)
_RELATED = re.compile(r"(?:관련\s?(?:뉴스|기사)|함께 볼만한 뉴스|많이 본 뉴스)\s*")


def drop_captions_and_tail(lines: list[tuple[int, str]], report: Report) -> list[tuple[int, str]]:
    """`lines` (numbered) without wire-photo captions and the lines under the article."""
    gone: set[int] = set()
    for index, (number, line) in enumerate(lines):
        stripped = line.strip()
        if len(stripped) <= MAX_CAPTION_CHARS and _CAPTION.fullmatch(stripped):
            gone.add(number)
            report.drop(number, f"'{stripped[:60]}' (a wire photo's caption)")
            title = _line_above(lines, index)
            if title is not None:
                gone.add(title[0])
                report.drop(title[0], f"'{title[1][:60]}' (a wire photo's caption title)")
        elif _TAIL.fullmatch(stripped):
            gone.add(number)
            report.drop(number, f"'{stripped[:60]}' (under the article: address, send time)")
        elif _RELATED.fullmatch(stripped):
            for after, link in _links_after(lines, index):
                gone.add(after)
                report.drop(after, f"'{link[:60]}' (related news link)")
    return [(number, line) for number, line in lines if number not in gone]


def _line_above(lines: list[tuple[int, str]], index: int) -> tuple[int, str] | None:
    """The caption's title: the short line right above it, no sentence, no blank line between."""
    if index == 0:
        return None
    number, line = lines[index - 1]
    stripped = line.strip()
    if number != lines[index][0] - 1 or not stripped:
        return None
    if len(stripped) > MAX_CAPTION_TITLE_CHARS or stripped.endswith(SENTENCE_ENDS):
        return None
    return number, stripped


def _links_after(lines: list[tuple[int, str]], index: int) -> list[tuple[int, str]]:
    """The heading and the short lines under it (the links), up to the first sentence."""
    found = [(lines[index][0], lines[index][1].strip())]
    for number, line in lines[index + 1 :]:
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) > MAX_LINK_CHARS or stripped.endswith(SENTENCE_ENDS):
            break
        found.append((number, stripped))
    return found
