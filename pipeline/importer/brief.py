"""Key-figure and organisation candidates for the editors' brief, each marked `suggested`.

Nothing here is invented: a figure is a number the text states, with the
sentence it stands in (which the loader checks word for word); an organisation
is a name the text writes in quotes, as an acronym, or as capitalised words
around a word like "Fund" or "Центр". What it counts and why it matters is left
for an editor, and said so in the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pipeline.importer.wordlist import ordered, words

MAX_FIGURES = 10
MAX_ORGANISATIONS = 12
# What the suggestions say to the editor, in the note's language (English otherwise).
_WORDING = {
    "en": {
        "not stated": "not stated",
        "places": ("the intro", "question {}", "answer {}"),
        "figure": "Suggested by the importer from {}: say what is counted, for when, and its scope.",
        "organisation": "Mentioned in {}; say what it is and why it came up.",
    },
    "ru": {
        "not stated": "не указан",
        "places": ("вступление", "вопрос {}", "ответ {}"),
        "figure": "Предложено при импорте (источник: {}): уточните, что считается, за какой"
        " период и в каких границах.",
        "organisation": "Упоминание: {}. Опишите, что это и почему об этом говорят.",
    },
    "ko": {
        "not stated": "명시되지 않음",
        "places": ("도입부", "질문 {}", "답변 {}"),
        "figure": "가져오기 제안 (출처: {}): 무엇을 센 수치인지, 기간과 범위를 확인하세요.",
        "organisation": "언급 위치: {}. 무엇인지, 왜 언급됐는지 적으세요.",
    },
}

_NUMBER = r"(?<![\w.,-])(?P<num>\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE = (
    r"(?P<scale>million|billion|trillion|thousand|mln|bn|млн\.?|млрд\.?|трлн\.?|тыс\.?|"
    r"миллион\w*|миллиард\w*|триллион\w*|тысяч\w*|만|억|조)"
)
_CURRENCY_BEFORE = r"(?P<cur>US\$|USD|EUR|GBP|KGS|KZT|RUB|KRW|CNY|\$|€|£|₽|₸|₩)"
_CURRENCY_AFTER = (
    r"(?P<cur>USD|EUR|GBP|KGS|KZT|RUB|KRW|CNY|dollars?|euros?|soms?|tenge|rubles?|roubles?|won|"
    r"yuan|долл\.|доллар\w*|евро|сом\w*|рубл\w*|тенге|юан\w*|달러|유로|원|위안|솜|텡게|루블)"
)
# Words that measure the unit after them: "40 square metres", "40 квадратных метров".
_MEASURE = r"(?:(?:square|cubic|квадратн\w+|кубическ\w+)\s+)?"
_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "долл": "USD", "доллар": "USD", "달러": "USD",
    "€": "EUR", "euro": "EUR", "евро": "EUR", "유로": "EUR", "£": "GBP", "₽": "RUB", "рубл": "RUB",
    "ruble": "RUB", "rouble": "RUB", "루블": "RUB", "сом": "KGS", "som": "KGS", "솜": "KGS",
    "тенге": "KZT", "tenge": "KZT", "₸": "KZT", "텡게": "KZT", "₩": "KRW", "won": "KRW",
    "원": "KRW", "yuan": "CNY", "юан": "CNY", "위안": "CNY",
}  # fmt: skip
_SCALE_WORDS = {"mln": "million", "bn": "billion"}
_FIGURE_PATTERNS = [
    ("money", re.compile(rf"{_CURRENCY_BEFORE}\s?{_NUMBER}(?:\s?{_SCALE})?(?![^\W가-힣])", re.I)),
    ("money", re.compile(rf"{_NUMBER}\s?(?:{_SCALE}\s?)?{_CURRENCY_AFTER}(?![^\W가-힣])", re.I)),
    (
        "percent",
        re.compile(rf"{_NUMBER}\s?(?P<unit>%|％|percent|per cent|процент\w*|퍼센트)", re.I),
    ),
    (
        "anniversary",
        re.compile(
            r"(?<![\w.,-])(?P<num>\d{1,3})(?:(?:st|nd|rd|th|-?(?:я|й|ю|е|го))?\s?"
            r"(?P<unit>anniversary|годовщин\w*|юбиле\w*|주년)|-?(?P<unit2>лети[еяюем]\w*))",
            re.I,
        ),
    ),
    (
        "count",
        re.compile(
            rf"{_NUMBER}\s?(?P<unit>명|개국|개|곳|건|년|회|차례|척|톤|가지)(?=[이가을를의에과와은는도]?(?![가-힣]))"
        ),
    ),
    (
        "count",
        re.compile(
            rf"{_NUMBER}\s+(?:{_SCALE}\s+)?(?P<unit>{_MEASURE}[^\W\d_]{{3,}}(?:-[^\W\d_]+)?)",
            re.I,
        ),
    ),
]
_YEAR = re.compile(r"(?<![\w.,-])(?:19|20)\d{2}(?![\w,-]|\.\d)")
_RELATIVE_PERIOD = re.compile(
    r"(?:(?:the )?(?:first|second) half of |(?:the )?(?:first|second|third|fourth) quarter of )?"
    r"(?:19|20)\d{2}|last year|this year|next year|в прошлом году|в этом году|в следующем году|"
    r"за прошлый год|지난해|작년|올해|내년",
    re.I,
)
_APPROXIMATE = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|около|примерно|почти|порядка|"
    r"приблизительно)\s+\S*$|(?:약|대략)\s*$",
    re.I,
)
_NOT_UNITS = (
    words(
        "and or to of the in on at for with by from per than was were are is has have had "
        "а и в на по с к о от до за из не как что это"
    )
    | words("january february march april may june july august september october november december")
    | words("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
)
_ANNIVERSARY_UNIT = {"ru": "лет", "ky": "жыл", "kk": "жыл", "ko": "주년"}
# A sentence ends at . ! ? and the like followed by white space: "USD 63.5 million" is one.
_SENTENCE = re.compile(r".+?(?:[.!?…？！。]+[\"'”’»)]*(?=\s|$)|$)", re.S)

_QUOTED = re.compile(r"[“«„\"]([^”»“\"]{2,60})[”»“\"]")
_KOREAN_QUOTED = re.compile(r"[‘「『]([^’」』]{2,40})[’」』]")
_ACRONYM = re.compile(r"(?<![\w-])[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,7}(?![\w-])")
# Capitals that are not organisations: countries, currencies, common abbreviations.
_NOT_ORGANISATIONS = words(
    "ID IT OK TV PM AM UK US USA COVID CEO PR USD EUR GBP KGS KZT RUB KRW CNY Q A РФ США КР"
)
_ORG_WORDS = words(
    "fund center centre agency bank ministry corporation company council committee "
    "organization organisation association union institute university hospital forum "
    "programme program commission service office group airlines air authority "
    "administration parliament foundation federation chamber society academy ensemble "
    "party court assembly"
)
_CONNECTORS = words("of for and the on de du la")
_POSSESSIVE = re.compile(r"['’]s$")
_TOKEN = re.compile(r"[\w'’.&-]+")
_RUSSIAN_ORG_WORDS = ordered(
    "министерств фонд банк агентств центр комитет совет союз ассоциаци университет институт "
    "корпораци компани организаци парламент палат служб посольств"
)
# "Министерство ...", or an adjective before the word: "Евразийский банк развития".
_RUSSIAN_ORG = re.compile(
    rf"(?:[А-ЯЁ][а-яё-]+(?:ий|ый|ой|ая|ое|ые)\s+(?:{'|'.join(_RUSSIAN_ORG_WORDS)})"
    rf"|(?:{'|'.join(word.capitalize() for word in _RUSSIAN_ORG_WORDS)}))[а-яё]*"
    r"(?:\s+(?!(?:и|а|но|в|на|с|что|который|для|о|об|к|от|до|из|за|при)\b)[\w-]+){0,3}"
)
_KOREAN_ORG = re.compile(
    r"[가-힣A-Za-z]{1,20}(?:공사|은행|재단|협회|센터|위원회|진흥원|연구원|공단|기구|대학교|협력단|기금|항공|그룹|국회)"
)


@dataclass(frozen=True)
class Passage:
    """A paragraph of the interview, with where it stands and who says it."""

    part: int  # 0 the intro, 1 a question, 2 an answer
    turn: int  # 1-based; 0 for the intro
    text: str
    speaker: str

    def where(self, language: str) -> str:
        return _wording(language)["places"][self.part].format(self.turn)


def _wording(language: str) -> dict:
    return _WORDING.get(language.split("-")[0], _WORDING["en"])


def suggest_figures(passages: list[Passage], language: str) -> tuple[list[dict], int]:
    """Figure candidates in order of kind (money first), and how many more were left out."""
    found: dict[str, dict] = {}
    for kind in ("money", "percent", "anniversary", "count"):
        for passage in passages:
            for sentence in _sentences(passage.text):
                _figures_in(sentence, kind, passage, language, found)
    figures = list(found.values())
    return figures[:MAX_FIGURES], max(len(figures) - MAX_FIGURES, 0)


def _figures_in(sentence: str, kind: str, passage: Passage, language: str, found: dict) -> None:
    taken: list[tuple[int, int]] = []
    for pattern_kind, pattern in _FIGURE_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            if pattern_kind != kind or match.group() in found:
                continue
            if figure := _figure(match, kind, sentence, passage, language):
                found[match.group()] = figure


def _figure(
    match: re.Match, kind: str, sentence: str, passage: Passage, language: str
) -> dict | None:
    value = _number(match["num"], language)
    unit = _unit(match, kind, language)
    if value is None or unit is None:
        return None
    return {
        "status": "suggested",
        "label": match.group(),
        "value": value,
        "unit": unit,
        "approximate": bool(_APPROXIMATE.search(sentence[: match.start()])),
        "period": _period(sentence, match) or _wording(language)["not stated"],
        "stated_by": passage.speaker,
        "source_sentence": sentence,
        "note": _wording(language)["figure"].format(passage.where(language)),
    }


def _unit(match: re.Match, kind: str, language: str) -> str | None:
    if kind == "money":
        scale = match["scale"]
        scale = _SCALE_WORDS.get(scale.casefold(), scale) if scale else None
        return " ".join(part for part in (scale, _currency_code(match["cur"])) if part)
    if kind == "percent":
        return "%"
    if kind == "anniversary":
        return _ANNIVERSARY_UNIT.get(language, "years")
    unit = match["unit"]
    if unit.casefold() in _NOT_UNITS or _YEAR.fullmatch(match["num"]):
        return None
    scale = match.groupdict().get("scale")
    return f"{scale} {unit}" if scale else unit


def _currency_code(written: str) -> str:
    key = written.casefold().rstrip(".")
    if key.upper() in {"USD", "EUR", "GBP", "KGS", "KZT", "RUB", "KRW", "CNY"}:
        return key.upper()
    for stem, code in _CURRENCY_CODES.items():
        if key.startswith(stem):
            return code
    return written


def _number(written: str, language: str) -> Decimal | None:
    text = re.sub(r"[ \u00a0\u202f]", "", written)
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text:
        decimal_comma = language in {"ru", "ky", "kk"} or not re.fullmatch(
            r"\d{1,3}(?:,\d{3})+", text
        )
        text = text.replace(",", "." if decimal_comma else "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _period(sentence: str, match: re.Match) -> str | None:
    for period in _RELATIVE_PERIOD.finditer(sentence):
        if not (match.start() <= period.start() < match.end()):
            return period.group()
    return None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def suggest_organisations(passages: list[Passage], known: set[str], language: str) -> list[dict]:
    """Organisation candidates in order of first mention, less the `known` ones (the outlet)."""
    names: dict[str, str] = {}  # name -> where first seen
    for passage in passages:
        for name in _organisations_in(passage.text):
            if name not in known:
                names.setdefault(name, passage.where(language))
    kept = [name for name in names if not _inside_another(name, names)]
    return [
        {
            "status": "suggested",
            "name": name,
            "description": _wording(language)["organisation"].format(names[name]),
        }
        for name in kept[:MAX_ORGANISATIONS]
    ]


def _organisations_in(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for match in _QUOTED.finditer(text):
        if _quoted_name(match[1]):
            found.append((match.start(), match[1].strip()))
    for pattern in (_KOREAN_QUOTED, _RUSSIAN_ORG, _KOREAN_ORG):
        found += [
            (m.start(), (m[1] if m.groups() else m.group()).strip()) for m in pattern.finditer(text)
        ]
    found += _capitalised_names(text)
    found += _acronyms(text)
    return [name for _, name in sorted(found)]


def _quoted_name(text: str) -> bool:
    words = text.split()
    return (
        len(words) <= 6
        and (text[0].isupper() or text[0].isdigit() or "가" <= text[0] <= "힣")
        and not text.rstrip().endswith((".", ",", "!", "?"))
    )


def _acronyms(text: str) -> list[tuple[int, str]]:
    if sum(c.isupper() for c in text) > len(text) / 3:  # a paragraph in capitals
        return []
    found = []
    for match in _ACRONYM.finditer(text):
        acronym = match.group()
        if (
            acronym in _NOT_ORGANISATIONS
            or _ROMAN_NUMERAL.fullmatch(acronym)
            or sum(c.isalpha() for c in acronym) < 2
        ):
            continue
        found.append((match.start(), _expanded(text, match) or acronym))
    return found


def _expanded(text: str, match: re.Match) -> str | None:
    """`Official Development Assistance (ODA)` when capitalised words before the bracket spell it."""
    if text[match.start() - 1 : match.start()] != "(" or text[match.end() : match.end() + 1] != ")":
        return None
    run = _runs(text[: match.start() - 1].rstrip())
    words = [m.group() for m in run[-1]] if run else []
    initials = "".join(w[0] for w in words if w.casefold() not in _CONNECTORS).upper()
    if not initials.endswith(match.group()):
        return None
    name = text[run[-1][0].start() : run[-1][-1].end()]
    return f"{name} ({match.group()})"


def _capitalised_names(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised words joined by of/for/and that include a word like Fund or Centre."""
    found = []
    for run in _runs(text):
        words = [_POSSESSIVE.sub("", m.group()).rstrip(".") for m in run]
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) >= 2 and any(w.casefold() in _ORG_WORDS for w in words):
            name = _POSSESSIVE.sub("", text[run[0].start() : run[-1].end()]).rstrip(".")
            found.append((run[0].start(), name))
    return found


def _runs(text: str) -> list[list[re.Match]]:
    """Runs of capitalised words, with lower-case connectors inside, not crossing punctuation.

    A possessive ends a run without its 's: "the National Gugak Center's ensemble".
    """
    runs: list[list[re.Match]] = [[]]
    previous_end = 0
    for match in _TOKEN.finditer(text):
        word, gap = match.group(), text[previous_end : match.start()]
        previous_end = match.end()
        if gap.strip() or _joins_two_names(runs[-1], word):
            runs.append([])
        run = runs[-1]
        if word[:1].isupper() or (run and word in _CONNECTORS):
            run.append(match)
            if _POSSESSIVE.search(word):
                runs.append([])
        elif run:
            runs.append([])
    return [trimmed for run in runs if (trimmed := _trim(run))]


def _joins_two_names(run: list[re.Match], word: str) -> bool:
    """ "Center and the Fund", "KOPIA Center and National Bank": two names, not one."""
    if not run or word not in _CONNECTORS:
        return False
    last = run[-1].group()
    return last in _CONNECTORS or (word == "and" and last.casefold().rstrip(".") in _ORG_WORDS)


def _trim(run: list[re.Match]) -> list[re.Match]:
    while run and run[0].group().casefold() in _CONNECTORS | {"a", "an"}:
        run = run[1:]
    while run and run[-1].group() in _CONNECTORS:
        run = run[:-1]
    return run


def _inside_another(name: str, names: dict[str, str]) -> bool:
    return any(
        other != name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", other) for other in names
    )
