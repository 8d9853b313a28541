"""Who is speaking, and for whom: outlet, interviewer and interviewee.

The text rarely says this in one place. The outlet comes from the dateline's
agency, then the page's own metadata or masthead, then a byline that names an
agency, then the standfirst ("in an interview with Kabar Agency"). The
interviewee comes from a speaker label, then the standfirst. What none of them
gives is written as a visible placeholder and listed in the report, never made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.importer.agencies import known
from pipeline.importer.capsnames import label_acronyms, soften_capitals
from pipeline.importer.envoys import with_korean_clues
from pipeline.importer.header import Header
from pipeline.importer.headlinename import role_before, speaker_in_headline
from pipeline.importer.markers import ANSWER_LABELS, INTERVIEWEE_LABELS, QUESTION_LABELS
from pipeline.importer.nominative import guest_in_oblique
from pipeline.importer.officename import office_then_name, talked_with
from pipeline.importer.openingoffice import office_opening
from pipeline.importer.outletclues import outlet_in_intro, outlet_label
from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.placerole import without_the_place
from pipeline.importer.report import Report
from pipeline.importer.speakers import Speakers
from pipeline.importer.standfirst import (
    Standfirst,
    is_role,
    name_word,
    read_standfirst,
    role_phrase,
)
from pipeline.importer.surname import whole_name

UNKNOWN_OUTLET = "Outlet (to confirm)"
UNKNOWN_NAME = "Interviewee (to confirm)"
UNKNOWN_ROLE = "Role (to confirm)"
MAX_STANDFIRST_PARAGRAPHS = 6  # a deck, a byline and a date may stand before it
MAX_ABBREVIATION_CHARS = 4
MAX_INTRO_FOR_NAME = 8
_HANGUL_SYLLABLE = re.compile("[가-힣]")
_CAPITALISED_RUN = re.compile(r"\b[A-ZА-ЯЁ][a-zа-яё'’-]+(?:\s[A-ZА-ЯЁ][a-zа-яё'’-]+){1,2}\b")
_LABEL_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+")
_SIDE_WORDS = ANSWER_LABELS | QUESTION_LABELS | INTERVIEWEE_LABELS


@dataclass(frozen=True)
class People:
    outlet: str
    interviewer: str
    name: str
    role: str


def find_people(
    header: Header,
    intro: list[Paragraph],
    speakers: Speakers,
    report: Report,
    site: str | None = None,
) -> People:
    found = _from_intro(intro, header.title, report)
    asking_agency = known(speakers.interviewer) if speakers.interviewer else None
    asking_agency = asking_agency or outlet_label(speakers.interviewer, intro)
    outlet = site or header.agency or asking_agency  # the page's own name first
    if not outlet and (clue := _outlet_clue(found, intro, header.title)):
        outlet = clue[0]
        report.guess(clue[1], f"outlet '{outlet}' from the {clue[2]}")
    name, role = found.name, found.role
    if speakers.interviewee:
        label_name, label_role = _split_label(speakers.interviewee)
        if label_name is None and not name:  # `AV:` for Alexei Volkov, named in the headline
            label_name = _named_by_initials(speakers.interviewee, [header.title or "", *intro])
        if label_name and name and _same_person(label_name, name):
            # `Water Resources Aida Bekova` for `Aida Bekova:`: the office's end; but for a
            # surname alone (`Idrissov:`), `Erlan Idrissov` is the whole name.
            if name.endswith(f" {label_name}") and len(label_name.split()) >= 2:
                role = f"{role} {name[: -len(label_name)].strip()}" if role else role
            else:
                label_name = max(label_name, name, key=len)  # the fuller of the two
        if not (
            role and label_role and role.endswith(label_role)
        ):  # `Minister`, `Foreign Minister`
            role = label_role or role
        name = label_name or name
        role = role or _role_in(intro, report, name)
        name = _full_name(name, intro, role) if name else name
    written = office_then_name(intro) or talked_with(intro) or office_opening(intro)
    if not name and written:
        name, role = written[0], role or written[1]
        office = f", {written[1]}," if written[1] else ""
        report.guess(written[2], f"interviewee '{name}'{office} from the intro")
    if not name and (oblique := guest_in_oblique(header.title, intro)):
        name, role = oblique[0], role or oblique[1]
        source = "the intro's" if oblique[2] is not None else "the headline's"
        report.guess(oblique[2], f"interviewee '{name}' read back from {source} oblique case")
    if not name and (name := speaker_in_headline(header.title, intro)):
        report.guess(None, f"interviewee '{name}' from the headline")
        role = role or _role_in(intro, report, name)
    role = without_the_place(role, intro, report)
    # The label without role words, capitals softened: "ELLEN VOSS" -> "Ellen Voss".
    label = speakers.interviewer or ""
    interviewer = label_acronyms(_split_label(label)[0] or "", label) if label else None
    name, interviewer = soften_capitals(name or ""), soften_capitals(interviewer or "")
    return People(
        outlet=outlet or _placeholder(report, "outlet", UNKNOWN_OUTLET),
        interviewer=interviewer or outlet or _placeholder(report, "interviewer", UNKNOWN_OUTLET),
        name=name or _placeholder(report, "interviewee.name", UNKNOWN_NAME),
        role=role or _placeholder(report, "interviewee.role", UNKNOWN_ROLE),
    )


def _outlet_clue(
    found: Standfirst, intro: list[Paragraph], title: str | None
) -> tuple[str, int | None, str] | None:
    """The outlet the standfirst, then the headline names, with the line and where it stood
    (none for the headline: the header does not keep the headline's line)."""
    if found.outlet:
        return found.outlet, found.line, "intro"
    if title and (titled := read_standfirst(title, 0)) and titled.outlet:
        return titled.outlet, None, "headline"
    if clue := outlet_in_intro(intro):
        return clue[0], clue[1], "intro"
    if title and (clue := outlet_in_intro([Paragraph(title, 0)])):
        return clue[0], None, "headline"
    return None


def _placeholder(report: Report, field: str, text: str) -> str:
    report.placeholders.append(f"{field}: '{text}'")
    return text


def _from_intro(intro: list[Paragraph], title: str | None, report: Report) -> Standfirst:
    """Interviewee and outlet from the first intro paragraphs that name them."""
    name = role = outlet = None
    line = None
    for paragraph in intro[:MAX_STANDFIRST_PARAGRAPHS]:
        found = read_standfirst(paragraph.text, paragraph.line)
        found = with_korean_clues(found, paragraph.text, paragraph.line)  # `주한 ... 대사는`
        if found is None:
            continue
        if found.name and not name:
            name, role, line = found.name, found.role, paragraph.line
            report.guess(
                paragraph.line,
                f"interviewee '{name}'" + (f", {role}," if role else "") + " from the intro",
            )
        outlet = outlet or found.outlet
        line = line or paragraph.line
        if name and outlet:
            break
    return Standfirst(name, role, outlet, line)


def _full_name(name: str, intro: list[Paragraph], role: str | None = None) -> str:
    """`А.Сарыбаева` in the labels, `Айгуль Сарыбаева` in the intro: the whole name."""
    if _HANGUL_SYLLABLE.fullmatch(name):
        return _korean_full_name(name, role, intro)
    match = re.fullmatch(r"(?P<initial>[A-ZА-ЯЁ])\.\s?(?P<surname>[A-ZА-ЯЁ][\w'’-]+)", name)
    if not match:
        texts = (paragraph.text for paragraph in intro)  # a chrome-heavy page: any intro line
        whole = whole_name(name, texts, is_role) if " " not in name else None
        return whole or name
    written = re.compile(rf"\b{match['initial']}[a-zа-яё]+\s+{re.escape(match['surname'])}\b")
    for paragraph in intro[:MAX_STANDFIRST_PARAGRAPHS]:
        if found := written.search(paragraph.text):
            return found.group()
    return name


def _named_by_initials(label: str, texts: list[str | Paragraph]) -> str | None:
    initials = label.replace(".", "")
    for text in texts:
        written = text if isinstance(text, str) else text.text
        for match in _CAPITALISED_RUN.finditer(written):
            words = match.group().split()
            for start in range(len(words) - 1):  # `в Австрии Айбек Токтогулов` for `А.Т.`
                named = words[start:]
                if "".join(word[0] for word in named) == initials and not _office_words(named):
                    return " ".join(named)
    return None


def _office_words(words: list[str]) -> bool:
    """`Foreign Minister's interview` for `FM:`: an office or an owner's name is nobody's name."""
    return any(is_role(word) or word.endswith(("'s", "’s")) for word in words)


def _korean_full_name(surname: str, role: str | None, intro: list[Paragraph]) -> str:
    """`구 회장` labels the answers; the intro names `구일회 ... 한인회장`: a Korean label gives
    the surname and the office, and the whole name stands in the intro before that office."""
    if not role:
        return surname
    written = re.compile(rf"(?<![가-힣]){surname}[가-힣]{{1,2}}(?=\s[^.]{{0,12}}{role})")
    for paragraph in intro[:MAX_INTRO_FOR_NAME]:
        if found := written.search(paragraph.text):
            return found.group()
    return surname


def _role_in(intro: list[Paragraph], report: Report, name: str | None = None) -> str | None:
    if name and (before := role_before(name, intro)):
        report.guess(before[1], f"interviewee's role '{before[0]}' from the intro, before the name")
        return before[0]
    for paragraph in intro[:MAX_STANDFIRST_PARAGRAPHS]:
        role = role_phrase(paragraph.text)
        if role and name and name in role:  # `Foreign Minister Wang Yi had an interview ...`
            role = role[: role.index(name)].strip(" ,") or None
        if role:
            role = _before_a_name(role)
        if role:
            report.guess(paragraph.line, f"interviewee's role '{role}' from the intro")
            return role
    return None


def _before_a_name(role: str) -> str | None:
    """`Посол ... в Австрии Айбек Токтогулов - о туризме`: the office ends where a name (two
    name words, then the end or a lower-case word) or a dash clause begins."""
    words = re.split(r"\s[-–—]\s", role)[0].split()
    for at in range(1, len(words) - 1):
        pair, after = words[at : at + 2], words[at + 2 : at + 3]
        named = all(name_word(word) for word in pair) and words[at - 1][:1].islower()
        if named and (not after or after[0][:1].islower()):
            return " ".join(words[:at]) or None
    return " ".join(words) or None


def _last_role(words: list[str]) -> int | None:
    """Where the office ends in a label that opens on a country's initials (`U.S. Ambassador`)."""
    at = [index for index, word in enumerate(words[:-1]) if index and is_role(word)]
    return at[-1] if at else None


def _office_first(words: list[str]) -> tuple[str | None, str] | None:
    """`Foreign Minister Kang`, `Deputy Foreign Minister Lee`: the office runs to its last role
    word and takes the words before it (`Foreign` is nobody's name), the name follows."""
    at = [index for index, word in enumerate(words) if is_role(word)]
    if not at or at[-1] == len(words) - 1 or all(map(is_role, words[: at[-1]])):
        return None  # `이수혁 주미대사`: a name before the office is read below
    return " ".join(words[at[-1] + 1 :]), " ".join(words[: at[-1] + 1])


def _same_person(label: str, name: str) -> bool:
    """`З.Кабулов` and `Замир Кабулов`, `Lee` and `Lee Wonjae` share a name."""
    words = [set(re.split(r"[\s.]+", text.casefold())) - {""} for text in (label, name)]
    return bool({w for w in words[0] if len(w) > 1} & words[1])


def _split_label(label: str) -> tuple[str | None, str | None]:
    """`Ambassador Lee` -> (`Lee`, `Ambassador`); `JOHN SMITH` -> (`John Smith`, None)."""
    # `[이낙연 / 민주당 대표]`, `[송미령/농림축산식품부 장관 : ...]`, `[Yun-suk LIM, Chief of Bureau]`
    for separator in (" / ", "/", ", "):
        if separator in label:
            name, _, role = label.partition(separator)
            return _split_label(name.strip())[0], role.strip() or None
    label = _LABEL_HONORIFIC.sub("", label)  # `Mr. Ibnu Hadi:`
    if label.isupper() and len(label) <= MAX_ABBREVIATION_CHARS:
        return None, None  # `AMB:`, `TVO:`: who it is, the text says elsewhere
    words = label.title().split() if label.isupper() else label.split()
    if len(words) > 2 and words[0].isupper() and (last := _last_role(words)):
        return " ".join(words[last + 1 :]), " ".join(words[: last + 1])  # `U.S. Ambassador X`
    if len(words) > 2 and words[0].isupper() and 2 <= len(words[0]) <= MAX_ABBREVIATION_CHARS:
        return " ".join(words[1:]), words[0]  # `DAS Daniel Rosenblum`: an office's initials
    roles = [word for word in words if is_role(word)]
    # `[총영사 답변]`: the office, and the word "answer", which names nobody.
    names = [word for word in words if not is_role(word) and word.casefold() not in _SIDE_WORDS]
    if roles and names and names[0].islower():  # `Minister of Foreign Affairs`: all office
        return None, label
    if (office := _office_first(words)) is not None:
        return office
    return (" ".join(names) or None, " ".join(roles) or None)
