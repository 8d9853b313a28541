"""A ministry or embassy board's credit line under the post's title, naming who spoke, when and
to whom: `최연충 주우루과이대사 / 2011.9.22 / Monte Carlo TV`, `신각수 주일대사 / 아사히 신문 / 2012. 3. 7`."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.importer.headerlines import find_date

_PIECES = re.compile(r"\s*/\s*")
_KOREAN_NAME = re.compile(r"[가-힣]{2,4}")
CREDIT_PIECES = 3
MAX_CREDIT_CHARS = 120


def board_credit(text: str, is_role: Callable[[str], bool]) -> tuple[str, str, str] | None:
    """(name, office, outlet) when `text` is a credit line: the person with their office, a date,
    and the outlet, split by slashes."""
    if len(text) > MAX_CREDIT_CHARS:
        return None
    pieces = _PIECES.split(text.strip())
    if len(pieces) != CREDIT_PIECES:
        return None
    who, *rest = pieces
    dated = [piece for piece in rest if find_date(piece)]
    words = who.split()
    if len(dated) != 1 or len(words) < 2 or not _KOREAN_NAME.fullmatch(words[0]):
        return None
    if not is_role(words[-1]):
        return None
    outlet = next(piece for piece in rest if piece not in dated)
    return words[0], " ".join(words[1:]), outlet
