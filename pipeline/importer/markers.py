"""What a paragraph starts with: a dash, a Q/A label, or a speaker's name.

This module only reads the start of one paragraph. Whether a marker is
believed (a one-off `Note:` is not a speaker) and which side it stands for is
decided over the whole text in `pipeline.importer.turns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from pipeline.importer.mediadesk import described_speaker
from pipeline.importer.outletlabel import outlet_asking

MarkerKind = Literal["dash", "question", "answer", "label", "number"]

QUESTION_LABELS = frozenset(
    {"q", "question", "вопрос", "в", "суроо", "질문", "문", "기자", "interviewer", "journalist"}
    | {"reporter", "anchor", "host", "앵커", "진행자", "사회자", "ведущий", "ведущая"}
    | {"корреспондент", "журналист", "интервьюер"}
)
INTERVIEWEE_LABELS = frozenset({"interview", "interviewee", "guest", "인터뷰", "гость"})
ANSWER_LABELS = frozenset({"a", "answer", "ответ", "о", "жооп", "답", "답변"})
# Short labels that end in "." or ")" (`Q.`, `A)`, `문)`) also start sentences
# ("A. Smith said"), so they count only when the text uses them more than once.
_SHORT_LABELS = frozenset({"q", "a", "문", "답"})
MAX_LABEL_WORDS = 4
MAX_LOOSE_WORDS = 3
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "el", "la", "le", "van", "von"}
)

# Dashes (also the box-drawing `─` and the bullet `◦` some papers type for one), and the triangles
# Korean papers put where others put dashes.
_DASH = re.compile(r"(?:[–—―─◦▲△▶►▷◉]|--?(?=[^\W\d_])|--?(?=\s))\s*(?P<rest>\S.*)", re.S)
# A dash right after a label (`Name, reporter: - Hello`) belongs to the label, not the words.
_DASH_AFTER_LABEL = re.compile(r"[-–—]\s+(?P<rest>\S.*)", re.S)
# `1. What ...?`, `2) ...`: numbered questions; the number is the marker, not the question.
_NUMBER = re.compile(r"(?P<num>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)", re.S)
# What an agency writes before its first `Q.`: `AKIpress= Q.`, `Kabar - Q:`, `(Seoul=Yonhap) Q.`.
_QA_PREFIX = re.compile(
    r"(?:\([^()]{2,30}\)|[\w.]{2,20}(?:\s[\w.]{2,20})?)\s*[=:–—-]?\s*"
    # not the last letter of a word: `Сергей ЛАВРОВ:` is a name, not `Сергей ЛАВРО` and `В:`
    r"(?<![A-Za-zА-Яа-яЁё])(?=(?:Q|В|질문|문)\s*[.:)])"
)
# `Lee Wonjae (hereafter L.):` names a speaker and the short label used from then on.
_ALIAS = re.compile(
    r"(?P<label>[^\W\d_][\w.'’ -]{0,38}?)\s*\(\s*(?:hereafter|hereinafter|further|далее|дальше|"
    r"이하)\s*[-–—:]?\s*(?P<alias>[^()]{1,20}?)\s*\)\s*:\s*(?P<rest>\S.*)",
    re.S | re.I,
)
# `질문 1 :`, `Question 3:`: a numbered label is still the label.
_QA = re.compile(
    r"(?P<label>[^\W\d_]{1,13})(?P<num>\s?\d{1,2})?\s*(?P<sep>\.:|[:.)>])\s*(?P<rest>\S.*)", re.S
)
LABEL_OPENERS = "[【〔<◀"  # MBC sets its labels between two triangles: `◀ 앵커 ▶ ...`
LABEL_CLOSERS = "]】〕>▶"
_OPEN, _CLOSE = re.escape(LABEL_OPENERS), re.escape(LABEL_CLOSERS)
_BRACKETED = re.compile(
    rf"[{_OPEN}]\s*(?P<label>[^{_CLOSE}]{{1,80}}?)\s*[{_CLOSE}]\s*(?P<rest>\S.*)", re.S
)
# `[송미령/농림축산식품부 장관 : 안녕하세요.]`: a broadcaster's transcript sets each speech, label
# and words, inside one pair of brackets; the words end a sentence (`[Reporter : Anna Lee]` names).
_BRACKETED_SPEECH = re.compile(
    r"[\[【]\s*(?P<label>[^\[\]【】:\n]{1,80}?)\s*:\s*"
    r"(?P<rest>[^\[\]【】]*?[.?!…\"”’'~]\)?)\s*[\]】]",
    re.S,
)
# `Name:`, and `Navbahor Imamova, VOA Uzbek:` (a name, then whom the speaker is with).
_SPEAKER = re.compile(
    r"(?P<label>[^\W\d_][\w.'’ -]{0,38}?(?:, [\w.'’ -]{1,24}?)?)\s*:\s*(?P<rest>\S.*)", re.S
)
# A broadcaster's transcript: `◇앵커> ...?`, `◆김정관> ...`, `■ 출연 : ...`, a radio's `☎ 진행자 >`.
_BULLETED = re.compile(r"[◇◆□■●○◎☎]\s*(?P<label>[^>:\n]{1,30}?)\s*[>:]\s*(?P<rest>\S.*)", re.S)
# `주영진/앵커: ...`, `나경원/전 원내대표: ...`: a Korean broadcaster's label, the name then
# the office after a slash.
_SLASHED_SPEAKER = re.compile(
    r"(?P<label>[가-힣]{2,4}\s?/\s?[^\W\d_][^:/\n]{0,30}?)\s*:\s*(?P<rest>\S.*)", re.S
)
_INITIAL = re.compile(r"[^\W\d_]\.")
_UNCASED = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")


@dataclass(frozen=True)
class Marker:
    kind: MarkerKind
    rest: str
    label: str | None = None
    short: bool = False  # a `Q.`-style label that needs a second one to be believed
    written: str = ""  # the marker as it stands in the text: `Q:`, `【기자】`, `–`
    alias: str | None = None  # `L.` in `Lee Wonjae (hereafter L.):`
    dashed: bool = False  # `— Anna: ...`: a speaker's label after a dash
    loose: bool = False  # `Российская газета: ...?`: not a name, so believed only where it asks
    number: int | None = None  # `3` in `3. What next?`
    asker: bool = False  # `Name, Azerbaijan Television:`: a journalist, by their newsroom


def parse_marker(text: str) -> Marker | None:
    """The marker `text` starts with, and the text after it; None for a plain paragraph."""
    marker = _parse(text)
    if marker and marker.kind != "dash" and (dashed := _DASH_AFTER_LABEL.fullmatch(marker.rest)):
        marker = replace(marker, rest=dashed["rest"], written="")  # `Sh.N.: - Thanks`: the label's
    if marker and marker.written:
        return marker
    return replace(marker, written=text[: len(text) - len(marker.rest)].strip()) if marker else None


def dash_marker(text: str) -> Marker | None:
    """The dash `text` starts with, whatever follows it."""
    match = _DASH.fullmatch(text)
    if not match:
        return None
    return Marker("dash", match["rest"], written=text[: match.start("rest")].strip())


def _parse(text: str) -> Marker | None:
    if match := _BULLETED.fullmatch(text):
        return _labelled(match["label"], match["rest"])
    if match := _DASH.fullmatch(text):
        after = _parse(match["rest"])
        if after and after.kind == "label":
            return replace(after, dashed=True)
        return Marker("dash", match["rest"])
    if marker := _qa_marker(text):
        return marker
    if match := _BRACKETED_SPEECH.fullmatch(text):
        written = text[: match.start("rest")].strip()
        return replace(_labelled(match["label"], match["rest"]), written=written)
    if (prefix := _QA_PREFIX.match(text)) and (marker := _qa_marker(text[prefix.end() :])):
        return marker
    if match := _NUMBER.fullmatch(text):
        after = _parse(match["rest"])
        if after and after.kind in ("label", "question", "answer"):
            return after  # `1. Xinhua: ...?`: the label says more than the number
        return Marker("number", match["rest"], number=int(match["num"]))
    if (match := _ALIAS.fullmatch(text)) and looks_like_name(match["label"]):
        return replace(_labelled(match["label"], match["rest"]), alias=match["alias"])
    # `[서울=뉴시스]Name 기자 = ...` is an agency's dateline, never a speaker's label.
    if (match := _BRACKETED.fullmatch(text)) and "=" not in match["label"]:
        return _labelled(match["label"], match["rest"])
    if asking := outlet_asking(text):  # `24.kg: ...?`, `«Вечерний Бишкек»: ...?`
        return _labelled(*asking)
    if described := described_speaker(text, looks_like_name):
        return Marker("label", described[1], described[0], asker=described[2])
    if (match := _SPEAKER.fullmatch(text)) and looks_like_name(match["label"]):
        return _labelled(match["label"], match["rest"])
    if match := _SLASHED_SPEAKER.fullmatch(text):
        return _labelled(match["label"], match["rest"])
    if (match := _SPEAKER.fullmatch(text)) and _asker_like(match["label"], match["rest"]):
        return replace(_labelled(match["label"], match["rest"]), loose=True)
    return None


def _asker_like(label: str, rest: str) -> bool:
    """`Российская газета: ...?`, `CCTV reporter: ...?`: a masthead or a desk asking, named in
    words that are not all capitalised; only a paragraph that asks is read so."""
    words = label.split()
    return (
        "?" in rest
        and 2 <= len(words) <= MAX_LOOSE_WORDS
        and label[0].isupper()
        and not any(char.isdigit() for char in label)
    )


def _qa_marker(text: str) -> Marker | None:
    match = _QA.fullmatch(text)
    if not match:
        return None
    word, separator = match["label"].casefold(), match["sep"]
    # `Q.:`, `A.:` as some magazines write; `질문1>`, `질문2)`: a numbered label is one whatever
    # stands after it.
    separator = (
        ":" if separator == ".:" or (match["num"] and word in QUESTION_LABELS) else separator
    )
    if separator == ">":
        return None
    if separator != ":" and word not in _SHORT_LABELS:
        return None
    if separator == "." and _INITIAL.match(match["rest"]):
        return None  # `A.S.:` is someone's initials, not an answer label
    short = separator != ":"
    if word in QUESTION_LABELS:
        return Marker("question", match["rest"], match["label"], short)
    if word in ANSWER_LABELS:
        return Marker("answer", match["rest"], match["label"], short)
    return None


def _labelled(label: str, rest: str) -> Marker:
    word = label.strip().casefold()
    if word in QUESTION_LABELS:
        return Marker("question", rest, label)
    if word in ANSWER_LABELS:
        return Marker("answer", rest, label)
    # `[Reporter : Kang Che-ry]` asks; `[Interview : Lee Youn-ho, Ambassador]` answers.
    side, colon, who = label.partition(":")
    if colon and side.strip().casefold() in QUESTION_LABELS:
        return Marker("question", rest, label)
    if colon and side.strip().casefold() in INTERVIEWEE_LABELS and who.strip():
        return Marker("label", rest, who.strip())
    if colon and side.strip():
        return Marker(
            "label", rest, side.strip()
        )  # `[총영사: 경제 외교]`: the speaker, then a note
    return Marker("label", rest, label.strip())


def looks_like_name(label: str) -> bool:
    """A speaker label: one to four capitalised words (any words in scripts without capitals)."""
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or label != label.strip():
        return False
    return all(
        word[0].isupper() or word.casefold() in _NAME_PARTICLES or _UNCASED.match(word)
        for word in words
    )
