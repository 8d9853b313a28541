"""Who is speaking, and for whom: outlet, interviewer and interviewee.

The text rarely says this in one place. In order: a speaker label, the intro's
"X, in an interview with Y" (and its Russian and Korean forms), the dateline's
agency. What none of them gives is written as a visible placeholder and listed
in the report, never made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.importer.header import Header
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.report import Report
from pipeline.importer.speakers import Speakers
from pipeline.importer.wordlist import words

UNKNOWN_OUTLET = "Outlet (to confirm)"
UNKNOWN_NAME = "Interviewee (to confirm)"
UNKNOWN_ROLE = "Role (to confirm)"
NAME_WORDS = 2  # "Lee Wonjae", "Ли Вонджэ": given name and family name

ROLE_WORDS = words(
    "ambassador minister president chairman chairwoman chair director governor mayor "
    "ceo spokesperson spokesman deputy secretary professor expert envoy consul head "
    "посол министр президент председатель директор глава губернатор мэр заместитель "
    "эксперт профессор спикер"
)
_KOREAN_ROLE = r"(?:대사|장관|대통령|총리|회장|사장|대표|위원장|시장|지사|교수|총장|이사장|원장)"
_CAP = r"[A-ZА-ЯЁ][\w'’.-]*"
_INTRO_PATTERNS = [
    # "Ambassador ... Lee Wonjae, in an interview with Kabar Agency, spoke about ..."
    re.compile(
        rf"(?P<who>[A-Z][^.,;:!?]{{2,150}}?),?\s+(?:said |spoke |told [^.,]{{2,40}} )?"
        rf"in an? (?:exclusive )?interview (?:with|to) (?:the )?(?P<outlet>{_CAP}(?:\s+{_CAP}){{0,4}})"
    ),
    # "In an interview with Kabar Agency, Ambassador ... Lee Wonjae said ..."
    re.compile(
        rf"[Ii]n an? (?:exclusive )?interview (?:with|to) (?:the )?(?P<outlet>{_CAP}(?:\s+{_CAP}){{0,4}}),\s+"
        rf"(?P<who>[^.,;:!?]{{3,150}}?)\s+(?:said|spoke|told|shared|talked|explained|noted)\b"
    ),
    # "Посол ... Ли Вонджэ в интервью агентству «Кабар» рассказал ..."
    re.compile(
        r"(?P<who>[А-ЯЁ][^.,;:!?«»]{2,150}?)\s+в (?:эксклюзивном )?интервью\s+"
        r"(?:(?:агентству|изданию|газете|порталу|телеканалу|корреспонденту)\s+)?"
        r"(?P<outlet>«[^»]{2,40}»|[А-ЯЁA-Z][\w-]+(?:\s[А-ЯЁA-Z][\w-]+){0,3})"
    ),
]
_KOREAN_WHO = re.compile(
    rf"(?P<name>[가-힣]{{2,4}})\s+(?P<role>[가-힣A-Za-z ]{{0,30}}?{_KOREAN_ROLE})(?:는|은|이|가)\s"
)
_KOREAN_OUTLET = re.compile(r"(?P<outlet>[가-힣A-Za-z]{2,20})(?:와|과)의 (?:단독 |서면 )?인터뷰")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|кызы|уулу)$")


@dataclass(frozen=True)
class People:
    outlet: str
    interviewer: str
    name: str
    role: str


def find_people(
    header: Header, intro: list[Paragraph], speakers: Speakers, report: Report
) -> People:
    found, line = _from_intro(intro, report)
    outlet = header.agency or found.get("outlet")
    if outlet and not header.agency:
        report.guess(line, f"outlet '{outlet}' from the intro")
    name, role = found.get("name"), found.get("role")
    if speakers.interviewee:
        label_name, label_role = _split_label(speakers.interviewee)
        name, role = label_name or name, label_role or role
    # The label without role words, capitals softened: "ELLEN VOSS" -> "Ellen Voss".
    interviewer = _split_label(speakers.interviewer)[0] if speakers.interviewer else None
    return People(
        outlet=outlet or _placeholder(report, "outlet", UNKNOWN_OUTLET),
        interviewer=interviewer or outlet or _placeholder(report, "interviewer", UNKNOWN_OUTLET),
        name=name or _placeholder(report, "interviewee.name", UNKNOWN_NAME),
        role=role or _placeholder(report, "interviewee.role", UNKNOWN_ROLE),
    )


def _placeholder(report: Report, field: str, text: str) -> str:
    report.placeholders.append(f"{field}: '{text}'")
    return text


def _from_intro(intro: list[Paragraph], report: Report) -> tuple[dict[str, str], int | None]:
    """Interviewee and outlet from the first intro paragraph that names them, and its line."""
    for paragraph in intro:
        for pattern in _INTRO_PATTERNS:
            if match := pattern.search(paragraph.text):
                return _who(
                    match["who"], match["outlet"].strip("«»"), paragraph.line, report
                ), paragraph.line
        if match := _KOREAN_WHO.search(paragraph.text):
            found = {"name": match["name"], "role": match["role"].strip()}
            if outlet := _KOREAN_OUTLET.search(paragraph.text):
                found["outlet"] = outlet["outlet"]
            report.guess(
                paragraph.line, f"interviewee '{found['name']}', {found['role']}, from the intro"
            )
            return found, paragraph.line
    return {}, None


def _who(who: str, outlet: str, line: int, report: Report) -> dict[str, str]:
    """Split "Ambassador of ... Republic Lee Wonjae" into role and the last two capitalised words."""
    words = who.split()
    count = NAME_WORDS + (len(words) > NAME_WORDS and bool(_PATRONYMIC.search(words[-2])))
    name_words = words[-count:]
    found = {"outlet": outlet}
    if len(words) > count and all(word[0].isupper() for word in name_words) and _is_role(words[0]):
        found |= {"name": " ".join(name_words), "role": " ".join(words[:-count])}
        report.guess(
            line,
            f"interviewee '{found['name']}', {found['role']}, from the intro (last {count} capitalised words as the name)",
        )
    elif len(words) <= NAME_WORDS + 1 and all(w[0].isupper() and not _is_role(w) for w in words):
        found["name"] = who
        report.guess(line, f"interviewee '{who}' from the intro")
    return found


def _split_label(label: str) -> tuple[str | None, str | None]:
    """`Ambassador Lee` -> (`Lee`, `Ambassador`); `JOHN SMITH` -> (`John Smith`, None)."""
    words = label.title().split() if label.isupper() else label.split()
    roles = [word for word in words if _is_role(word)]
    names = [word for word in words if not _is_role(word)]
    return (" ".join(names) or None, " ".join(roles) or None)


def _is_role(word: str) -> bool:
    return word.casefold() in ROLE_WORDS or bool(re.fullmatch(rf"[가-힣]*{_KOREAN_ROLE}", word))
