"""The tools a news viewer or a government site prints above every article, whatever the outlet.

Korean news is mostly read through a portal's viewer, which pastes its own controls above the
article (`음성재생 설정`, `이동통신망에서 음성 재생시 ... 데이터 요금이 부과될 수 있습니다.`,
`글자크기 설정 ...`, `번역beta`, `(예시) 가장 빠른 뉴스가 ...`, `Copied!`, `N/A`); every
government site (ministries, embassies, KTV, korea.kr) opens with the same official-site banner
(`이 누리집은 대한민국 공식 전자정부 누리집입니다.`, `공식 누리집 주소 확인하기`, ...). Left in,
they stood between the menu and the headline, which was then not found, and filled the intro.
Only lines above the article's first paragraph of prose go.
"""

from __future__ import annotations

import re

from pipeline.importer.lines import is_prose
from pipeline.importer.report import Report

MAX_TOOL_CHARS = 200  # the viewer's longest line, its sample sentence for the font size

_VIEWER_TOOLS = re.compile(
    r"음성\s?재생\s?설정|.{0,20}음성\s?재생\s?시|별도의 데이터 요금이 부과될 수 있습니다\.?|"
    r"번역\s?beta.{0,40}|글자\s?크기\s?(?:설정|조절|변경).{0,60}|이 글자\s?크기로 변경됩니다\.?|"
    r"\(예시\).{0,180}|읽어주기|요약봇|(?:기사\s?)?공유하기|copied!?|n/a(?:\s+n/a)*",
    re.I,
)
# `2024 정부 업무보고 ... 바로가기` (a link: "go to ..."), `SBS 뉴스 상단 메뉴` (the menu's name).
_LINK_OR_MENU = re.compile(r"[^.?!\n]{0,60}(?:바로\s?가기|\s메뉴|전체\s?메뉴|주\s?메뉴)")
# The banner's lines name the site (`누리집`) or tell how to check its address (`도메인 주소`).
_GOVERNMENT_BANNER = re.compile(r".{0,80}(?:누리집|다른 도메인 주소).{0,80}")


def drop_viewer_chrome(lines: list[tuple[int, str]], report: Report) -> list[tuple[int, str]]:
    """`lines` (numbered) without the viewer's tools and the government banner above the text."""
    kept: list[tuple[int, str]] = []
    in_top = True
    for number, line in lines:
        stripped = line.strip()
        reason = _reason(stripped) if in_top else None
        if reason:
            report.drop(number, f"'{stripped[:60]}' (site chrome: {reason})")
            continue
        if is_prose(stripped):
            in_top = False
        kept.append((number, line))
    return kept


def _reason(line: str) -> str | None:
    if not line or len(line) > MAX_TOOL_CHARS:
        return None
    if _VIEWER_TOOLS.fullmatch(line):
        return "a news viewer's tools"
    if _GOVERNMENT_BANNER.fullmatch(line):
        return "the official government-site banner"
    if _LINK_OR_MENU.fullmatch(line):
        return "a link or a menu's name"
    return None
