"""A page's skip links above the text: `Ссылки для упрощенного доступа`, `Вернуться к основному
содержанию`, `Skip to main content`, pasted with the page as its first lines.

Sites for screen readers open on these links; pasted whole, the first one reads like a short
headline (no sentence mark) and took the real headline's place without a word of doubt. They
are dropped only above the first line of prose, where no interview has begun yet. A channel's
calls to subscribe or give (`Подписаться на «...»`, `Поддержать канал «...»`), short lines of
their own, go wherever they stand: one above a labelled welcome was read as its question.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.importer.chrome import Kept
from pipeline.importer.lines import is_prose
from pipeline.importer.report import Report

_SKIP_LINK = re.compile(
    r"(?:ссылки для упрощенного доступа|"
    r"(?:перейти|вернуться) к (?:основному |главному )?(?:содержанию|тексту|меню|навигации|поиску)|"
    r"вернуться к основной навигации|"
    r"accessibility links|skip (?:to )?(?:main )?(?:content|navigation|search)|skip navigation)",
    re.I,
)


MAX_CALL_CHARS = 60
_CALL_TO_ACTION = re.compile(
    r"(?:подписаться|подпишитесь|поддержать|поддержите)(?: на)? (?:канал|проект|нас|«[^»]+»)"
    r"(?: «[^»]+»)?|купить мерч «[^»]+»:?",
    re.I,
)


def drop_skip_links(kept: Kept, report: Report) -> Kept:
    lines = list(kept.lines)
    skips = []
    above = True  # no line of prose yet
    for index, (_number, text) in enumerate(lines):
        above = above and not is_prose(text)
        if (above and _SKIP_LINK.fullmatch(text.strip())) or _call_to_action(text):
            skips.append(index)
    for index in reversed(skips):
        number, text = lines.pop(index)
        report.drop(number, f"'{text}' (site chrome: a skip link or a call to subscribe)")
    return replace(kept, lines=lines) if skips else kept


def _call_to_action(text: str) -> bool:
    return len(text) <= MAX_CALL_CHARS and bool(_CALL_TO_ACTION.fullmatch(text.strip()))
