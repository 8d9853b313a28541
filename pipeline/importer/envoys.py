"""What a Korean standfirst says that the general reading misses: a foreign envoy in Korea
(`라파엘 하르파즈 주한 이스라엘 대사는 ...`), and the outlet the interview was given to
(`뉴스1과 진행한 인터뷰에서`, `KBS와 가진 인터뷰`).

The name is written in Hangul words like any other (one to four of them), and the office runs over
`주한` and the country (`주한 슬로베니아 대사`): the office-before-particle reading alone would take
the country for the name (`슬로베니아`, `대사`). The name is the run of words right before `주한`
that do not end as Korean words before a name do (`이에 대해`, `지난달 부임한`).
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import known
from pipeline.importer.postplace import with_place_in_post
from pipeline.importer.standfirst import Standfirst

MAX_ENVOY_NAME_WORDS = 4
_ENVOY = re.compile(
    rf"(?P<before>(?:[가-힣]+\s){{1,{MAX_ENVOY_NAME_WORDS}}})"
    r"(?P<role>주한\s?[가-힣]+(?:\s[가-힣]+)?\s?(?:대사대리|대사|총영사|공사|영사|대표))"
    r"(?:는|은|이|가|을|를)\s"
)
# How a Korean word that is no name ends: a particle, a verb's ending (`대해`, `부임한`, `있는`).
_NOT_NAME_ENDINGS = tuple("는은를을에의서고며다해도한던된인")
_GIVEN_TO = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣A-Za-z0-9.]{1,16}?)(?:와|과)(?:의|\s(?:진행한|가진|한|진행된))?"
    r"\s(?:단독\s|서면\s|화상\s|특별\s|신년\s)?인터뷰"
)
# An outlet's name, unlike a person's (`임시완과의 인터뷰`): a known one, capitals, a digit, a word
# of the trade.
_OUTLET_LIKE = re.compile(r"[A-Z]{2,}|\d$|뉴스|일보|신문|방송|통신|TV|티비")


# What stands after an office as part of it, where a name would (`윤석열 대통령 당선인은`).
_AFTER_OFFICE = frozenset(
    ("당선인", "당선자", "후보", "후보자", "내정자", "지명자", "권한대행", "대행")
)
_KOREAN_NAME = re.compile(r"[가-힣]{2,4}")
# Words that open an office as part of it, where a name would stand (`이기철 초대 재외동포청장`).
_OFFICE_OPENERS = frozenset(("초대", "신임", "전임", "차기", "현직", "초임", "신임주한"))
# A broadcast's credits line: `■ 방송 : ... ■ 진행 : Host ■ 대담 : 김준형 조국혁신당 의원(비례대표)`,
# `■ 대담 : 윤호중 / 행정안전부 장관`; the guest's name, then the office up to the next bullet.
_GUEST_CREDIT = re.compile(
    r"[■□◆◇●○]\s*(?:대담|출연|출연자)\s*:\s*(?P<name>[가-힣]{2,4})\s*(?:/\s*)?"
    r"(?P<role>[^■□◆◇●○◎()/\n]{0,30}?)\s*(?:\((?P<note>[^()]*)\))?\s*(?=[■□◆◇●○◎\n]|$)"
)
_BROADCAST_CREDIT = re.compile(r"[■□◆◇●○]\s*방송\s*:\s*(?P<outlet>[가-힣A-Za-z0-9.]{2,16})")
# A paper's first mention of a person: the name, its Hanja in brackets, the office, the subject
# particle (`박지원(朴智元) 청와대 비서실장은`); or the name in Hanja alone (`柳宗夏신임외무장관은`).
# Either one opens the paragraph (after a `「Name 기자」` credit); the office is at most four words.
_HANJA_SUBJECT = re.compile(
    r"(?:[「\[][^」\]]{1,20}[」\]]\s*)?"
    r"(?:(?P<name>[가-힣]{2,4})\s?\([\u4e00-\u9fff]{2,4}\)|(?P<hanja>[\u4e00-\u9fff]{2,4}))"
    r"\s?(?P<role>[가-힣]+(?:\s[가-힣]+){0,3}?)(?:은|는)\s"
)


def with_korean_clues(found: Standfirst | None, text: str, line: int) -> Standfirst | None:
    """`found` with the envoy's name and office, and the outlet, when `text` gives them."""
    found = _with_hanja_name(_with_envoy(_title_after_office(found), text, line), text, line)
    found = _before_office_word(found, text)
    found = with_place_in_post(found, text)
    found = _with_guest_credit(found, text, line)
    if found and found.outlet:
        return found
    match = _GIVEN_TO.search(text)
    if not match or not (known(match["name"]) or _OUTLET_LIKE.search(match["name"])):
        return found
    outlet = known(match["name"]) or match["name"]
    if found is None:
        return Standfirst(None, None, outlet, line)
    return Standfirst(found.name, found.role, outlet, found.line)


def _with_envoy(found: Standfirst | None, text: str, line: int) -> Standfirst | None:
    """`found` with the envoy's name and office when `text` names one; its outlet kept."""
    match = _ENVOY.search(text)
    if not match:
        return found
    words = match["before"].split()
    while words and any(word.endswith(_NOT_NAME_ENDINGS) for word in words):
        words.pop(0)
    if not words:
        return found
    name, role = " ".join(words), " ".join(match["role"].split())
    return Standfirst(name, role, found.outlet if found else None, found.line if found else line)


def _title_after_office(found: Standfirst | None) -> Standfirst | None:
    """`윤석열 대통령 당선인은` read as `당선인`, `윤석열 대통령`: the name opens the office."""
    if found is None or found.name not in _AFTER_OFFICE or not found.role:
        return found
    name, _, office = found.role.partition(" ")
    if not _KOREAN_NAME.fullmatch(name) or not office:
        return Standfirst(None, None, found.outlet, found.line)
    return Standfirst(name, f"{office} {found.name}", found.outlet, found.line)


def _with_hanja_name(found: Standfirst | None, text: str, line: int) -> Standfirst | None:
    """`박지원(朴智元) 청와대 비서실장은`: the name the Hanja belongs to, not the office's first word
    (`청와대`) the office-before-particle reading takes; its outlet kept."""
    match = _HANJA_SUBJECT.match(text)
    if not match:
        return found
    name = match["name"] or match["hanja"]
    return Standfirst(name, match["role"], found.outlet if found else None, line)


def _with_guest_credit(found: Standfirst | None, text: str, line: int) -> Standfirst | None:
    """The guest a broadcast's credits line names, over any name the same paragraph gives (the
    host's words may name others: `이재명 대통령이 ... 김준형 의원과 함께`), and its channel."""
    name, role = (found.name, found.role) if found else (None, None)
    if guest := _GUEST_CREDIT.search(text):
        # `■ 대담 : 김동연 (새로운 물결 대선후보)`: the office may stand in the brackets alone.
        name, role = guest["name"], guest["role"].strip() or (guest["note"] or "").strip() or None
    elif found:
        line = found.line or line
    outlet = (found.outlet if found else None) or _channel(text)
    return Standfirst(name, role, outlet, line) if name or outlet else None


def _channel(text: str) -> str | None:
    """`■ 방송 : MBC 뉴스외전`: the channel, when it is known or written as outlets are."""
    if not (credit := _BROADCAST_CREDIT.search(text)):
        return None
    return known(credit["outlet"]) or (
        credit["outlet"] if _OUTLET_LIKE.search(credit["outlet"]) else None
    )


def _before_office_word(found: Standfirst | None, text: str) -> Standfirst | None:
    """`이기철 초대 재외동포청장` read as `초대`, `재외동포청장`: the name stands before the word
    that opens the office (`초대`, first; `신임`, new), which is part of the office."""
    if found is None or found.name not in _OFFICE_OPENERS or not found.role:
        return found
    written = re.search(
        rf"(?P<name>[가-힣]{{2,4}})\s+{found.name}\s+[가-힣\s]*?{re.escape(found.role)}", text
    )
    if not written or written["name"].endswith(_NOT_NAME_ENDINGS):  # `그러고 나서 초대 청장이`
        return Standfirst(None, None, found.outlet, found.line)
    return Standfirst(written["name"], f"{found.name} {found.role}", found.outlet, found.line)
