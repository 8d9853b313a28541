"""`조기중 워싱턴 총영사`: the place of a post abroad between the name and the office.

Korean writes a consul's or an envoy's post with its city or country (`워싱턴 총영사`, `오클랜드
분관장`), so the word right before the office may be a place, and the name stands before it. A
foreign place in Hangul reads like a name (`워싱턴`), and was taken for one. When that word
cannot open a Korean name (its first syllable is no surname) and the word before it can, the
earlier word is the name and the place joins the office.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.importer.standfirst import Standfirst

# Posts held abroad, which are always named with their place.
_POSTS_ABROAD = ("총영사", "대사", "영사", "공사", "분관장")
# The most common Korean surnames (together well over nine names in ten).
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄채"
    "원천방공현함변염여추도소석선설마길연위표명"
)
# A particle or a verb's ending (`부임한`, `방한한`, `한국에`): no name.
_NOT_NAME_ENDINGS = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "로",
    "한",
    "된",
)


def with_place_in_post(found: Standfirst | None, text: str) -> Standfirst | None:
    """`found` with the name before a place read as the name (see the module's doc)."""
    if found is None or not found.name or not found.role:
        return found
    if not found.role.endswith(_POSTS_ABROAD) or found.name[0] in _SURNAMES:
        return found
    if found.role.startswith("주"):
        return found  # `주한 중국대사`: the post names its country already
    written = re.search(
        rf"(?<![가-힣])(?P<name>[가-힣]{{3}})\s+{re.escape(found.name)}\s+{re.escape(found.role)}",
        text,
    )
    if not written or written["name"][0] not in _SURNAMES:
        return found
    if written["name"].endswith(_NOT_NAME_ENDINGS):
        return found
    return replace(found, name=written["name"], role=f"{found.name} {found.role}")
