"""The interviewee and the outlet, as the standfirst names them.

"Ambassador of Korea to Kyrgyzstan Lee Wonjae, in an interview with Kabar Agency,
spoke about...", "Lee Wonjae, Ambassador of Korea, told Kabar...", "Посол Кореи
Ли Вон Джэ в интервью агентству «Кабар» рассказал...", "Кореянын элчиси Ли Вонжэ
«Кабар» агенттигине берген маегинде...", "이원재 주키르기스스탄 한국대사는
연합뉴스와의 인터뷰에서...". The person is the run of capitalised words that ends
right before the interview phrase; what stands before it, from a word for an
office, is the role. Nothing is guessed beyond what the sentence says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.importer.agencies import KNOWN, OUTLET_WORDS, known
from pipeline.importer.cases import after_preposition, oblique
from pipeline.importer.creditline import board_credit
from pipeline.importer.notnames import NOT_NAMES as _NOT_NAMES
from pipeline.importer.outletoffice import checked_outlet, had_interview_with
from pipeline.importer.outletpossessive import outlet_owning_journalist
from pipeline.importer.wordlist import words

MAX_NAME_WORDS = 3
MIN_CAPS_NAME_CHARS = 4  # `ТУКА` is a name in capitals; `МИД`, `КР` are not
MAX_ROLE_WORDS = 14
MAX_HEAD_FINAL_WORDS = 8  # Kyrgyz: the words before the office that it governs
ROLE_WORDS = words(
    "ambassador minister president chairman chairwoman chair director governor mayor ceo "
    "spokesperson spokesman deputy secretary professor expert envoy consul head speaker rector "
    "founder commissioner representative adviser advisor premier chancellor "
    "посол министр президент председатель директор глава губернатор мэр заместитель эксперт "
    "профессор спикер замглавы замминистра постпред спецпредставитель пресс-секретарь "
    "руководитель вице-премьер премьер-министр аким ректор основатель представитель советник "
    "лидер депутат секретарь сенатор омбудсмен генсек "
    "элчиси элчи министри төрагасы башчысы президенти жетекчиси мэри директору орун басары "
    "премьер-министри өкүлү фермер farmer artist writer coach doctor художник писатель тренер "
    "врач сүрөтчү жазуучу машыктыруучу машыктыруучусу дарыгер мэр ректору"
)
# Kyrgyz puts the office last, after the words it governs: "Билим берүү жана илим министри".
_HEAD_FINAL = words(
    "элчиси министри төрагасы башчысы президенти жетекчиси мэри директору басары өкүлү ректору "
    "машыктыруучусу"
)
_FORMER = re.compile(r"^(?:экс|ex|former)-")
_NAME_CONNECTORS = words("of for to the at in de")
# `U.S.`, `U.K.`: dots that end no role (`ambassador to the U.S.`).
_COUNTRY_INITIALS = re.compile(r"\b(?:U\.S|U\.K|U\.N|E\.U)\.")
# `H.E. Mr. Turdakun Sydykov`, `U.S.`: the dots are not sentence ends.
_ABBREVIATION = re.compile(r"\b(?:H\.E\.|(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr)\.)")
_HONORIFICS = re.compile(r"(?:\s+(?:HE|Mr|Mrs|Ms|Dr|господин|госпожа))+$")
_CAP_WORD = re.compile(r"[A-ZА-ЯЁ][\w'’.-]*$")
_OUTLET_NAME = r"[A-ZА-ЯЁ0-9][\w.'’-]*(?:\s+[A-ZА-ЯЁ0-9][\w.'’-]*){0,3}"
_QUOTED = r"[«“\"„](?P<quoted>[^»”\"“]{2,40})[»”\"“]"
# `интервью Сергея Лаврова`, `интервью Канделаки`: a person's, not an outlet's dative (`Кабару`).
_GENITIVE_PERSON = (
    r"(?:[А-ЯЁ][а-яё]+[ая]\s+)?[А-ЯЁ][а-яё]+(?:ова|ева|ёва|ина|ына|ого|ской)(?![\w.-])"
    r"|[А-ЯЁ][а-яё]+[аеиоыэяю](?![\w.-])"
)
_EN_CLUE = re.compile(
    r"(?:,\s*)?\b(?:has\s+|have\s+)?(?:in an? (?:exclusive |recent |special )?interview|"
    r"told|said|spoke|shared|talked|answered|gave|granted|agreed|discussed|explained|noted|"
    r"commented|outlined|reflected|sat down|(?:was|has been|have been|had been) interviewed|"
    r"had an? (?:exclusive )?interview)\b"
)
_RU_CLUE = re.compile(
    r"\s(?:в (?:эксклюзивном |большом |специальном |своем |своём )?интервью|рассказал[аи]?|"
    r"обсудил[аи]?|высказал[аи]?ся|"
    r"заявил[аи]?|сообщил[аи]?|ответил[аи]?|дал[аи]? (?:эксклюзивное )?интервью|поделил[аи]сь|"
    r"«[^»]{2,30}»\s+(?:агенттиг|гезит|сайт|телеканал)\w*|берген маегинде|курган маегинде|"
    r"маегинде|интервьюсунда|маек берди|билдирди|айтты)"
)
_INTERVIEW_OF = re.compile(
    rf"[Ii]nterview (?:of (?P<who>[^.;:!?]{{5,200}}) (?:with|to|for)|with (?P<guest>[^.;:!?]{{5,200}}) for)"
    rf" (?:the\s+)?(?P<name>{_OUTLET_NAME})"
)
_ROLE_PHRASE = re.compile(
    r"\b(?:the\s+)?(?P<role>(?:[A-Z][\w-]*\s+){0,2}(?i:%s)\b[^,.;:()]{0,90}?)"
    r"(?=\s+(?:about|on|in an|for|at|,)\b|[,.;:]|$)"
)
# `Kabar Agency talked to ...`: the subject is the outlet only when it reads as one.
_OUTLET_SUBJECT = re.compile(
    rf"^(?:the\s+)?(?P<name>{_OUTLET_NAME})\s+(?:talked|spoke|met)\s+(?:to|with)\b"
)
# A standfirst that opens on the office and the name: `Фермер Бакыт Осмонов выращивает ...`.
_OPENING_PERSON = re.compile(
    r"(?P<role>[A-ZА-ЯЁ][\w-]+)\s+(?P<name>[A-ZА-ЯЁ][\w'’-]+\s+[A-ZА-ЯЁ][\w'’-]+)\s+[a-zа-яё]"
)
_POSSESSIVE = re.compile(
    rf"(?P<owner>{_OUTLET_NAME})\s?['’]s [Ii]nterview with (?:the\s+)?(?P<other>{_OUTLET_NAME})"
    r"(?:,\s+(?:the\s+)?(?P<role>[^,.;]{3,100}))?"
)
_OUTLETS = [
    _INTERVIEW_OF,
    # "in an interview with Kabar", "gave an interview to Kabar"; "Trend's interview with Igor
    # Chudin" names the guest, and is read below only when the name reads as an outlet's.
    re.compile(
        rf"(?:[Ii]n an? (?:exclusive |recent |special |extensive )?interview with|[Ii]nterview to)"
        rf" (?:the\s+)?(?:{_QUOTED}|(?P<name>{_OUTLET_NAME}))"
    ),
    re.compile(
        rf"\b(?i:told|spoke to|speaks to|talks to|talked to|spoke with|talked with|interviewed by)"
        rf" (?:the\s+)?(?:{_QUOTED}|(?P<name>{_OUTLET_NAME}))"
    ),
    # `questions from Vecherniy Bishkek`; not `questions from Chinese and foreign journalists`.
    re.compile(
        rf"\bquestions (?:from|of) (?:the\s+)?(?P<name>{_OUTLET_NAME})"
        r"(?!\s+(?:and|journalists|reporters|media|correspondents)\b)(?=[\s,.;]|$)"
    ),
    # `an exclusive interview for the Azeri Observer Magazine`, `The newspaper “Ana Tili” published`.
    re.compile(
        rf"\b[Ii]nterview (?:for|to) (?:the\s+)?(?P<name>{_OUTLET_NAME})(?=\s+(?:magazine|newspaper|"
        rf"agency|portal|channel|Magazine|Newspaper|Agency)\b|[,.;])"
    ),
    re.compile(
        rf"\b(?:newspaper|magazine|agency|portal|channel|газета|журнал|агентство)\s+{_QUOTED}"
    ),
    re.compile(
        r"интервью\s+(?:(?:информационному\s+)?(?:агентству|изданию|газете|порталу|телеканалу|"
        r"радио|корреспонденту|журналу|информагентству|КНИА|ИА|МИА)\s+)*"
        # Not a person in the genitive: `интервью Сергея Лаврова` is his, not an outlet's.
        rf"(?!{_GENITIVE_PERSON})"
        rf"(?:{_QUOTED}|(?P<name>[А-ЯЁA-Z0-9][\w.-]*(?:\s[А-ЯЁA-Z][\w.-]+)?))"
    ),
    re.compile(
        rf"(?:рассказал[аи]?|заявил[аи]?|сообщил[аи]?|корреспонденту|корреспондента)\s+{_QUOTED}"
    ),
    # `Корреспондент TUT.BY расспросил ...`: an outlet written as its address or in capitals.
    re.compile(
        r"[Кк]орреспондент(?:у|а)?\s+(?:(?:ИА|МИА|КНИА)\s+)?(?P<name>[A-Za-z0-9-]+\.[A-Za-z]{2,6}\b|[A-ZА-ЯЁ]{2,}\b)"
    ),
    re.compile(rf"{_QUOTED}\s+(?:маалымат\s+)?(?:агенттиг|гезит|сайт|телеканал)\w*"),
    # `연합뉴스와의 인터뷰`: only a name that reads as an outlet's; `임시완과의 인터뷰` is a person.
    re.compile(
        r"(?P<name>[가-힣A-Za-z0-9]{0,16}(?:뉴스|일보|신문|방송|경제|통신|타임스|매일|TV|티비|"
        r"저널|투데이|미디어|포스트|헤럴드|데일리|프레스|Times|News|Post))(?:와|과)의? (?:단독 |서면 |화상 )?인터뷰"
    ),
]
# The guest after the verb: `We spoke about this with the Ambassador ... Daniyar Sydykov, who`,
# `an extensive interview with President of Kazakhstan Kassym-Jomart Tokayev, in which`.
_GUEST_AFTER = re.compile(
    r"\b(?:spoke|speaks|talked|talks|met|sat down|[Ii]nterview|[Cc]onversation)(?: about (?:this|it))? with (?:the\s+)?"
    r"(?P<who>[^,.;:()]{5,160}?)(?=,|\s+(?:for|in which|about|on)\b|[.;:]|$)"
)
# Russian puts the speaker after the verb at the end of a standfirst.
_RU_VERB_FIRST = re.compile(
    r"\b(?:рассказал[аи]?|заявил[аи]?|сообщил[аи]?|поделил[аи]сь)\s+(?!(?:о|об|про|с|со|в|на)\s)"
    r"(?P<who>[^.,;:!?]{3,140}?)\s*(?:\.|$)"  # not `рассказал о работе мэра Name`: what, not who
)
_NAME_FIRST = re.compile(
    r"(?P<name>(?:[A-ZА-ЯЁ][\w'’-]+\s+){1,2}[A-ZА-ЯЁ][\w'’-]+),\s+(?P<role>[^,]{3,160}?),?\s*$"
)
_KOREAN_ROLE = (
    r"(?:대사|장관|대통령|총리|회장|사장|대표|위원장|시장|지사|교수|총장|이사장|원장|차관|의장|"
    r"차장|국장|부장|실장|단장|소장|의원|사무총장|영사|공사|서리|청장)"
)
_KOREAN_ROLE_WORDS = rf"(?:[가-힣A-Za-z·]+\s){{0,2}}[가-힣A-Za-z·]*?{_KOREAN_ROLE}"
# Words that stand where a name would and are places or offices: `주한`, `몽골`.
_KOREAN_NOT_NAMES = words(
    "주한 주미 주일 주중 주러 한국 중국 일본 미국 러시아 몽골 북한 정부 외교부 대한민국 우리 현지"
)
_KOREAN_GUEST_CREDIT = re.compile(
    rf"^[■□◆◇●○<\s]*출연\s*:\s*(?P<name>[가-힣]{{2,4}})\s+(?P<role>[^>,]{{0,30}}?{_KOREAN_ROLE})\s*>?$"
)
_KOREAN_WHO = re.compile(
    rf"(?P<name>[가-힣]{{2,5}})\s+(?P<role>{_KOREAN_ROLE_WORDS})(?:는|은|이|가|을|를)\s"
)
_KOREAN_ROLE_FIRST = re.compile(
    rf"(?P<role>[가-힣A-Za-z ]{{0,30}}?{_KOREAN_ROLE})\s+(?P<name>[가-힣]{{2,4}})(?:는|은|이|가)\s"
)


@dataclass(frozen=True)
class Standfirst:
    name: str | None = None
    role: str | None = None
    outlet: str | None = None
    line: int | None = None


def read_standfirst(text: str, line: int) -> Standfirst | None:
    """Who is interviewed, in which office, and by which outlet, if this paragraph says so."""
    # A board's credit line: `최연충 주우루과이대사 / 2011.9.22 / Monte Carlo TV`.
    if credit := board_credit(text, is_role):
        return Standfirst(*credit, line)
    text = _ABBREVIATION.sub(lambda match: match.group().replace(".", ""), text)
    outlet = _outlet(text)
    person = _korean(text) or _person(text)
    if person is None and outlet is None:
        return None
    name, role = person or (None, None)
    return Standfirst(name, role, outlet, line)


def _outlet(text: str) -> str | None:
    if (owner := outlet_owning_journalist(text)) and not any(map(is_role, owner.split())):
        return _uninflected(owner)
    if (match := _OUTLET_SUBJECT.search(text)) and _reads_as_outlet(match["name"]):
        return _uninflected(match["name"])
    if match := _POSSESSIVE.search(text):
        # "Trend's interview with Igor Chudin"; "Ambassador Kosnett's Interview with TV Opinion".
        owner, other = match["owner"].strip(), match["other"].strip().rstrip(".,")
        owner = re.split(r"\.\s", owner)[-1]  # `August 28. Trend's interview`: after the stop
        return owner if _reads_as_outlet(owner) else other
    for pattern in _OUTLETS:
        if match := pattern.search(text):
            written = (
                match.groupdict().get("quoted") or match.groupdict().get("name") or ""
            ).strip()
            written = re.split(r"\.\s", written)[0].rstrip(".,;:")  # `Courier. The text`
            written = re.sub(r"\s+(?:news\s+)?(?:agency|newspaper|portal|channel)$", "", written)
            if found := checked_outlet(written, text, is_role, _uninflected, _reads_as_outlet):
                return found
    return had_interview_with(text, _reads_as_outlet)


def _reads_as_outlet(name: str) -> bool:
    """`Kabar Agency`, `24.kg`, `Steppe TV`; not `Mira Olsen`."""
    last = name.split()[-1].casefold()
    return (
        bool(known(name))
        or last in OUTLET_WORDS
        or last in ("tv", "radio", "times", "news")
        or "." in name
    )


def _uninflected(written: str) -> str:
    """`Интерфаксу` -> `Интерфакс`, `Апострофу` -> `Апостроф`; `Kabar Agency` stays."""
    usual = known(written)
    if usual and written.casefold() != usual.casefold() and written.casefold() in KNOWN:
        return usual
    if re.fullmatch(r"(?:\d{1,3}\s)?[А-ЯЁ][а-яё]{3,}[бвгджзклмнпрстфхцчшщ][ую]", written):
        return written[:-1]  # one word in the dative, after "в интервью": `24 Каналу`
    return written


def _korean_name(word: str, role: str = "") -> bool:
    """`박정훈`, not `몽골` (a country) or `문화부` (a ministry: 부, 청, 처, 원, 회, 국); nor `있는` in
    `총괄하고 있는 원 장관이`, where a surname stands before the office."""
    if re.search(r"(?:^|\s)(?![전현]\s)[가-힣]\s", role):  # but `김진표 전 장관은`: former
        return False
    if re.fullmatch(_KOREAN_ROLE, word) or word in ("신임", "전임", "현직"):
        return False  # `총리 서리는`: an office, not a name
    return word not in _KOREAN_NOT_NAMES and not (len(word) >= 3 and word[-1] in "부청처원회국")


def _korean(text: str) -> tuple[str, str] | None:
    if not re.search("[가-힣]", text):
        return None
    if credit := _KOREAN_GUEST_CREDIT.search(text):  # `■ 출연 : 김정관 산업통상부 장관`
        return credit["name"], credit["role"].strip()
    # `원세훈 행정안전부 장관을 ... 인터뷰했다`: the object of the interview, too.
    objects = "|을|를" if re.search("인터뷰|만나|만났", text) else ""
    for ending in re.finditer(rf"{_KOREAN_ROLE}(?:는|은|이|가{objects})\s", text):
        # Of the names that could stand before this office, the nearest one that is a name.
        starts = [m.start() for m in re.finditer(r"(?<![가-힣])[가-힣]", text[: ending.start()])]
        for start in reversed(starts):
            match = _KOREAN_WHO.match(text, start)
            if match and match.end() == ending.end() and _korean_name(match["name"], match["role"]):
                return match["name"], match["role"].strip()
    match = _KOREAN_ROLE_FIRST.search(text)
    return (match["name"], match["role"].strip()) if match else None


def role_phrase(text: str) -> str | None:
    """`the rector of the Kyrgyz State Technical University`, for a name only a label gave."""
    text = _COUNTRY_INITIALS.sub(lambda m: m.group().replace(".", "\0"), text)
    match = re.compile(_ROLE_PHRASE.pattern % "|".join(sorted(ROLE_WORDS))).search(text)
    return match["role"].strip().replace("\0", ".") if match else None


def _possessive_guest(text: str) -> tuple[str, str | None] | None:
    """ "Trend's interview with Igor Chudin, the Prime Minister of Kyrgyzstan"."""
    match = _POSSESSIVE.search(text)
    if not match or not _reads_as_outlet(match["owner"].strip()):
        return None
    name = match["other"].strip()
    return (name, match["role"].strip()) if _is_name(name.split()) else None


def _person(text: str) -> tuple[str, str | None] | None:
    if found := _possessive_guest(text):
        return found
    if (match := _INTERVIEW_OF.search(text)) and (
        found := role_first(match["who"] or match["guest"])
    ):
        return found
    if (
        (match := _OPENING_PERSON.match(text))
        and is_role(match["role"])
        and _is_name(match["name"].split())
    ):
        return match["name"], match["role"]  # `Фермер Бакыт Осмонов выращивает ...`
    for match in _GUEST_AFTER.finditer(text):  # `We spoke with the Ambassador ... Daniyar Sydykov,`
        if found := role_first(match["who"]):
            return found
        # `Interview with Suzan Jamil, Ambassador of Egypt to Azerbaijan`: the name, then the office.
        clause = re.split(r"(?<=[a-zа-яё])[.;:]\s", text[match.start("who") :])[0]
        if found := _name_first(clause.rstrip(".")):
            return found
    for match in _RU_VERB_FIRST.finditer(
        text
    ):  # `... рассказал главный редактор Алексей ВЕНЕДИКТОВ.`
        if found := role_first(match["who"]) or _trailing_name(match["who"]):
            return found
    for clue in (*_EN_CLUE.finditer(text), *_RU_CLUE.finditer(text)):
        before = text[: clue.start()].rstrip(" ,")
        sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
        if found := _name_first(sentence) or role_first(sentence, bare=True):
            return found
    return None


def _name_first(sentence: str) -> tuple[str, str] | None:
    """`Lee Wonjae, Ambassador of Korea to Kyrgyzstan`."""
    match = _NAME_FIRST.search(sentence)
    if match and is_role(match["role"].split()[0]) and _is_name(match["name"].split()):
        return match["name"], match["role"].strip()
    return None


def role_first(sentence: str, *, bare: bool = False) -> tuple[str, str | None] | None:
    """`Ambassador of Korea to Kyrgyzstan Lee Wonjae`: the name is the capitalised run at the end."""
    tokens = sentence.split()
    name: list[str] = []
    while (
        tokens
        and len(name) < MAX_NAME_WORDS
        and name_word(tokens[-1])
        and not after_preposition(tokens)  # `... в Узбекистане Владимир Тюрденев`
    ):
        name.insert(0, tokens.pop())
    if len(name) == MAX_NAME_WORDS and tokens and tokens[-1] in _NAME_CONNECTORS:
        tokens.append(name.pop(0))  # "Minister of Agriculture Aidar Serikov"
    if len(name) < 2 or oblique(name):
        return None
    if not tokens and bare and not _reads_as_outlet(" ".join(name)):
        return " ".join(name), None  # `Светлана Бронникова рассказала ...`: the subject is a name
    shouted = all(word.isupper() for word in name)
    # `ГЕОРГИЙ ТУКА`, `Нурлан ОСМОНОВ`: a surname set in capitals is written as a name.
    name = [
        word.title() if word.isupper() and len(word) >= MIN_CAPS_NAME_CHARS else word
        for word in name
    ]
    if shouted:
        name = [word.title() for word in name]
    roles = [i for i, token in enumerate(tokens) if is_role(token)]
    if not roles:
        # `ГЕОРГИЙ ТУКА рассказал...`: a name set in capitals is the one the piece is about.
        return (" ".join(name), None) if shouted else None
    start = roles[0]
    if len(tokens) - start > MAX_ROLE_WORDS or "," in " ".join(tokens[start:-1]):
        start = roles[-1]  # a long clause: the office is the one right before the name
    head_final = tokens[roles[-1]].casefold().strip(",") in _HEAD_FINAL
    if head_final:
        start = max(0, roles[-1] - MAX_HEAD_FINAL_WORDS + 1)
        commas = [i for i in range(start, roles[-1]) if tokens[i].endswith(",")]
        start = commas[-1] + 1 if commas else start
    while start > 0 and not head_final and not tokens[start - 1].endswith(","):
        if _CAP_WORD.match(tokens[start - 1]):
            start -= 1
        elif start > 1 and tokens[start - 1] in ("и", "and") and _CAP_WORD.match(tokens[start - 2]):
            start -= 2  # "Чрезвычайный и Полномочный Посол"
        else:
            break
    role = " ".join(tokens[start:]).strip(" ,")
    role = re.sub(r"^(?:the|The)\s+", "", _HONORIFICS.sub("", role)).strip(" ,")
    return " ".join(name), role or None


def _trailing_name(words: str) -> tuple[str, None] | None:
    tokens = words.split()
    name: list[str] = []
    while tokens and len(name) < MAX_NAME_WORDS and name_word(tokens[-1]):
        name.insert(0, tokens.pop())
    if len(name) < 2 or oblique(name):
        return None  # `... главному редактору Кириллу Альтману`: the interviewer, in the dative
    return " ".join(word.title() if word.isupper() else word for word in name), None


def name_word(token: str) -> bool:
    return (
        bool(_CAP_WORD.match(token))
        and not token.endswith((",", ":", ";"))
        and not (token.isupper() and len(token) < MIN_CAPS_NAME_CHARS)
        and token.casefold().strip(".") not in _NOT_NAMES
        and not is_role(token)
        and not known(token)  # `... Sputnik Кыргызстанга маек берди`: the outlet, not the guest
    )


def _is_name(tokens: list[str]) -> bool:
    return all(name_word(token) for token in tokens)


def is_role(word: str) -> bool:
    word = _FORMER.sub("", word.casefold().strip(",."))  # `экс-министр`, `ex-minister`
    return word in ROLE_WORDS or bool(re.fullmatch(rf"[가-힣]*{_KOREAN_ROLE}", word))
