"""Site chrome: the lines a web page puts around an article, which are not part of it.

A line is chrome only when the whole of it matches one of the patterns below
and it is short; a sentence that merely mentions sharing or photos stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.importer.agencies import known
from pipeline.importer.contacts import CONTACTS, is_contact_masthead, masthead_site
from pipeline.importer.copyrightowner import copyright_owner
from pipeline.importer.ratetable import RATE_PATTERNS, RATE_ROW
from pipeline.importer.report import Report

MAX_CHROME_CHARS = 160  # longer lines are prose, whatever they start with

_SOCIAL = (
    r"share|share this|share on \w+|tweet|facebook|twitter|x|telegram|whatsapp|viber|vk|"
    r"vkontakte|ok|odnoklassniki|linkedin|e-?mail|print|copy link|copy|"
    r"поделиться|печать|вконтакте|одноклассники|телеграм|бөлүшүү|басып чыгаруу|"
    r"공유|공유하기|카카오톡|카카오스토리|페이스북|트위터|인쇄|스크랩|url ?복사|url ?줄이기|"
    r"프린트|메일|크게|작게"
)
_NEWS = r"news|новости|жаңылыктары|жаңылыктар|뉴스"
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|понедельник|вторник|среда|"
    r"четверг|пятница|суббота|воскресенье|дүйшөмбү|шейшемби|шаршемби|бейшемби|жума|ишемби|жекшемби"
)
_SECTIONS = (
    r"home|main|news|all news|latest news|top news|news feed|interview|interviews|exclusive|"
    r"politics|economy|business|society|world|region|regions|culture|sport|sports|opinion|"
    r"analytics|analysis|video|photo|photos|multimedia|diplomacy|kyrgyzstan|kazakhstan|"
    r"last minute|breaking news|breaking|latest|latest news|"
    r"главная|главная страница|архив|archive|новости|все новости|срочно|последние новости|лента новостей|главное|главные новости|последние новости|"
    r"интервью|эксклюзив|политика|экономика|общество|в мире|мир|регионы|культура|спорт|"
    r"мнения|мнение|аналитика|видео|фото|фоторепортаж|дипломатия|кыргызстан|казахстан|"
    r"башкы бет|жаңылыктар|бардык жаңылыктар|маек|саясат|коом|маданият|дүйнө|"
    r"홈|뉴스|전체기사|전체 기사|최신기사|주요뉴스|인터뷰|정치|경제|사회|국제|세계|문화|대학|"
    r"기고|칼럼|인물|피플|기획|연재|"
    r"스포츠|오피니언|외교|북한|영상|포토"
)
# A clock (`00:13`, `15:40 GMT`), a weather reading, or a currency rate (`USD 84.22 -0.3`).
_TICK = (
    r"(?:(?:today|сегодня|бүгүн|오늘)\s*,?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:gmt|utc|мск|kst|[ap]m))?|"
    r"[+-−]?\d{1,2}\s*°\s*[cс]?|"
    r"(?:[A-ZА-ЯЁ]{2,4}\s*:\s*)?(?:[A-Z]{3}(?:/[A-Z]{3})?|[$€₽₸£¥₩]|доллар|евро|рубль)\s*[:=]?\s*"
    r"\d{1,6}[.,]\d{1,4}(?:\s*[-+−▲▼↑↓]\s*\d{1,4}(?:[.,]\d{1,4})?%?)?|" + RATE_ROW
)
_LANGUAGES = (
    r"en|eng|english|ru|rus|рус|русский|ky|kg|kgz|кыр|кыргызча|kz|kk|қаз|қазақша|uz|ўзб|"
    r"tj|ko|kor|한국어|조선어|中文|cn|zh|日本語|ja|jp|de|fr|es|tr|ar|ua|укр|українська|"
    r"english version|русская версия|кыргызча версия|қазақша нұсқа"
)
# The Q/A labels a broadcaster sets alone in angle brackets: `<질문>`, `<답변>`.
_QA_WORDS = r"질문|답변|답|문|q|a|question|answer|вопрос|ответ|суроо|жооп"
# What may follow a "Read more"-style link label: a separator, then the linked headline.
_LINK_TAIL = r"\s*[:»>→|.…-].*"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:(?:{_SOCIAL})[\s|·•,/]*)+", re.I), "share buttons"),
    (
        re.compile(
            r"search(?: in site| the site)?|поиск(?: по сайту)?|검색|"
            r"home|menu|главная|меню|back to top|наверх|맨 ?위로|"
            r"advertisement|реклама|광고|loading\.*|загрузка\.*|"
            r"comments?(?: \(\d+\))?|комментари\w*(?: \(\d+\))?|댓글(?: ?\d+)?|"
            r"subscribe\b.*|подпи(?:шитесь|сывайтесь)\b.*|구독\w*",
            re.I,
        ),
        "site navigation",
    ),
    (
        re.compile(
            rf"(?:(?:read|see) (?:more|also)|related(?: articles| news| stories)?|"
            rf"читайте (?:также|еще|ещё)|смотрите также|подробнее|관련 ?기사|더 ?보기)"
            rf"(?:{_LINK_TAIL})?",
            re.I,
        ),
        "link to other articles",
    ),
    (
        re.compile(
            r"[\[(]?(?:photo|photos|photo credit|picture|image|фото|фотография|снимок|сүрөт|사진)"
            r"(?:\s+by\s+|\s*제공\s*=?\s*|\s*[:=©/|]\s*|\s+-\s+).*",
            re.I,
        ),
        "photo credit",
    ),
    (re.compile(r"[\[(]?(?:©|\(c\)|copyright\b).*", re.I), "copyright line"),
    # The credit and caption lines a broadcaster's page sets under a photo, each word then a
    # comma: `Сүрөттүн булагы, Kabar.kg`, `Автор фото, Getty Images`, `Image caption, ...`.
    (
        re.compile(r"(?:image source|автор фото|источник фото|сүрөттүн булагы),\s.{1,80}", re.I),
        "photo credit",
    ),
    (
        re.compile(r"(?:image caption|подпись к фото|сүрөттүн түшүндүрмөсү),\s.*", re.I),
        "photo caption",
    ),
    # A link with no separator before the headline it names: `Не пропустите По воле Кремля`.
    (
        re.compile(
            r"(?:не пропустите|don'?t miss|также по теме|по теме|read (?:it )?on (?:the )?"
            r"(?:website|site)|читать (?:на|в)|читайте на)\s.*",
            re.I,
        ),
        "link to other articles",
    ),
    # A broadcaster's notes and contact lines: `* 아래 텍스트는 실제 방송 내용과 차이가 ...`,
    # `[카카오톡] YTN 검색해 채널 추가`, `#Y녹취록`, `대담 발췌 : ...`.
    (
        re.compile(
            r".{0,20}실제 (?:방송 )?내용과 차이.*|\[(?:카카오톡|전화|메일|이메일|제보)\].*|#\S+|"
            # `■ 방송 : JTBC 뉴스룸 / 진행 : ...■ 저작권은 ...※ 아래 텍스트는 실제 내용과 차이가 ...`
            r"■ 방송\s*:.{0,150}실제 (?:방송 )?내용과 차이.*|"
            r"대담 발췌\s*:.*|글자 ?크기 ?설정|인쇄하기|top ?버튼|팝업창 닫기|더 ?보기|ad|관련 ?기사|"
            r"\(끝\)|.{0,40}기사문의 및 제보.*|▶.{0,60}(?:구독하세요|만나보기|다운받기|바로가기)|"
            r"기사 ?스크랩|클린뷰|프린트",
            re.I,
        ),
        "the broadcaster's notes",
    ),
    # A student paper's credits: `취재기자 : 홍나윤 학생기자`, `취재날짜 : 2017. 9. 2. 토`.
    (
        re.compile(r"(?:취재기자|취재날짜|인터뷰 대상|사진기자|상단여백)(?:\s*:\s*.{1,60})?"),
        "the page's credits",
    ),
    # A caption that ends in its photo credit: `Денис Миронюк. Фото: Юлия Власова / Новый Калининград`.
    (
        re.compile(r".{0,80}?[.,]\s*(?:фото|photo|사진)\s*[:=]\s*[^.]{2,80}", re.I),
        "photo credit",
    ),
    # A Korean paper's photo caption, its credit after a slash or in brackets at the end:
    # `... 답하고 있다. /연합뉴스`, `... 모습. 2017.06.20. (사진=청와대 제공)`.
    (
        re.compile(
            r".{10,150}?[.)\d]\s*(?:/\s?(?:연합뉴스|뉴스1|뉴시스|사진공동취재단|[가-힣A-Za-z]{1,20}\s?제공)"
            r"|[(\[]사진\s?=\s?[^)\]]{1,40}[)\]])(?:\s+\S+@\S+)?"
        ),
        "photo caption",
    ),
    # A photo's caption in angle brackets: `<제품실물사진>`, `<The reading room on the second floor>`;
    # a speaker's label line has a colon or a slash in it (`<출연 : ...>`, `<Lee / Ambassador>`),
    # or is a Q/A label alone (`<질문>`, `<답변>`, as KBS sets them).
    (
        re.compile(rf"<(?!\s*(?:{_QA_WORDS})\s*>)[^<>:/]{{2,80}}>", re.I),
        "a caption in angle brackets",
    ),
    # A hyphen alone on its line, between page tools: `-`, `기사 스크랩`, `-`, `공유`.
    (re.compile(r"-"), "a separator"),
    # A board's notice to its writers, above the post: `* [인터뷰] 해당국가가 없는 경우, ...`.
    (re.compile(r"(?:※|\*\s?\[).*"), "a notice of the site"),
    (
        re.compile(
            r".{0,120}\((?:left|right|center|centre|from left|слева|справа|в центре|왼쪽|오른쪽|"
            r"가운데|солдо|оңдо)\).{0,120}",
            re.I,
        ),
        "photo caption",
    ),
    (re.compile(r"(?:tags|теги|метки|태그|keywords|ключевые слова)\s*:.*", re.I), "tags"),
    (re.compile(r"\d[\d\s,.]*\s*(?:views?|просмотр\w*|조회(?:수)?)", re.I), "view counter"),
    (
        re.compile(r"(?:views?|просмотр\w*|조회수?)\s*:?\s*\d[\d\s,.]*|\d{1,6}", re.I),
        "view counter",
    ),
    (
        re.compile(
            rf"(?:{_WEEKDAYS}),?\s+\d{{1,2}}\s+[^\W\d]+|(?:{_WEEKDAYS}),?\s+[^\W\d]+\s+\d{{1,2}}",
            re.I,
        ),
        "date without a year",
    ),
    (
        re.compile(r"post navigation|навигация по записям|breadcrumbs?|хлебные крошки", re.I),
        "site navigation",
    ),
    # A notice addressed to the reader (`Если вы нашли ошибку, ... Ctrl+Enter.`, `Читайте нас в
    # Telegram`), never an answer's own `Нашли ошибку в расчётах...` or `Следите за новостями`.
    (
        re.compile(
            r".{0,80}ctrl\s*\+\s*enter.{0,60}|если вы (?:нашли|заметили) (?:ошибку|опечатку)\b.*|"
            r"(?:читайте|смотрите) нас\b.*|следите за нами\b.*|"
            r"if you (?:found|spotted|see) a (?:typo|mistake|error)\b.*",
            re.I,
        ),
        "a notice to readers",
    ),
    # When a video or post went up, counted back from today: `• 3개월 전`, `2 hours ago`.
    (
        re.compile(
            r"\d{1,3}\s*(?:초|분|시간|일|주|개월|달|년)\s*전|"
            r"\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago|"
            r"\d{1,3}\s+(?:секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s+назад",
            re.I,
        ),
        "a time counted back from today",
    ),
    # A masthead: `Arzuw NEWS - Turkmenistan news`, `Кабар - новости Кыргызстана`.
    (
        re.compile(
            rf"(?:\S+\s+){{0,2}}\S+\s+[-–—|]\s+(?:(?:{_NEWS})(?:\s+\S+)?|\S+(?:\s+\S+)?\s+(?:{_NEWS}))"
            rf"|(?:{_NEWS})\s+\S+",
            re.I,
        ),
        "the site's name",
    ),
    # `新華網韓國語>>핫 TV`, `Home / News`: short pieces between separators; no `■` credit.
    (re.compile(r"(?!■)[^.!?。]{1,24}(?:\s*(?:>>|›|>)\s*[^.!?。]{1,24}){1,4}"), "breadcrumbs"),
    (
        re.compile(
            r".{0,40}(?:시작페이지|즐겨찾기|make (?:this )?(?:my )?homepage|bookmark|"
            r"сделать стартовой|в избранное).{0,40}",
            re.I,
        ),
        "site tools",
    ),
    # A tag in Chinese characters alone: `朴槿惠访华` above a Korean or Russian text.
    (re.compile(r"[\u4e00-\u9fff\s·、|]{1,20}"), "a tag in another script"),
    (re.compile(rf"(?:{_SECTIONS})(?:\s*[›»>/|·•]\s*(?:{_SECTIONS}))*", re.I), "section name"),
    (
        re.compile(
            r"(?:[←<«]\s*)?(?:back|go back|back to (?:list|news|top)|назад|вернуться|артка|"
            r"뒤로|목록|이전|다음|previous|next|предыдущая|следующая)(?:\s*[→>»])?",
            re.I,
        ),
        "back or next link",
    ),
    (re.compile(rf"(?:{_TICK}\s*[|·•,;]?\s*)+", re.I), "clock or currency ticker"),
    *RATE_PATTERNS,
    (re.compile(rf"(?:{_LANGUAGES})(?:\s*[|/·•,]?\s*(?:{_LANGUAGES}))*", re.I), "language menu"),
    (
        re.compile(
            r"skip to (?:main )?content|skip navigation|перейти к (?:основному )?содержанию|"
            r"к содержанию|본문(?:으로)? ?바로 ?가기.*|바로가기 메뉴.*|주메뉴 바로가기.*|"
            # `서비스 메뉴 바로가기 본문 바로가기 ...`, `헤더 바로가기 푸터 바로가기`: a row of them.
            r"(?:(?:\S+\s){0,2}\S+\s?바로\s?가기\s*){2,}",
            re.I,
        ),
        "skip link",
    ),
    (
        re.compile(
            r"!\[[^\]]{0,80}\]\([^)]*\)|\[(?:image|img|photo|picture|фото|изображение|사진|이미지)"
            r"[^\]]{0,60}\](?:\([^)]*\))?|"
            r"(?:image|img|photo|фото|사진|이미지)|[^.]{0,80}\.(?:jpe?g|png|gif|webp)|"
            r"увеличить(?: фото)?|enlarge|zoom",
            re.I,
        ),
        "image link",
    ),
    (
        re.compile(
            r".*(?:all rights reserved|все права защищены|бардык укуктар корголгон|무단\s?전재|재배포 금지|"
            r"при (?:полном или частичном )?(?:использовании|копировании|цитировании)).*",
            re.I,
        ),
        "copyright line",
    ),
    (
        re.compile(
            r"(?:print(?:able)? version|версия для печати|font size|размер шрифта|글자 ?크기|"
            r"a\s?a\s?a|a-|a\+|listen|слушать|прослушать|듣기|follow us.*|"
            r"мы в (?:telegram|телеграм|соцсетях).*|\d+\s*(?:comments?|комментари\w*))",
            re.I,
        ),
        "page tools",
    ),
]
_URL = re.compile(r"https?://\S+")
_ACCOUNT = (
    r"вход|войти|регистрация|sign in|sign up|log in|register|contact us|contacts|контакты|"
    r"о нас|about us|about|rss|кирүү|로그인|회원가입|курс валют|exchange rates|нбкр|нбу|нбрк|"
    r"\d{1,2}\+"
)
_WEATHER = r"(?:[A-ZА-ЯЁ][\w-]+\s*)?[+-−]?\d{1,2}\s*°\s*[CСF]?"
_RATE = r"\d\s*(?:USD|EUR|RUB|KZT|CNY)\s*=\s*\d{1,6}[.,]\d{1,4}\s*(?:KGS|KZT|RUB|сом)?"
# A top bar pasted as one line: each piece chrome, `Бишкек +12°C USD 87,45 EUR 94,10 Вход`.
_MENU_PIECE = re.compile(
    rf"(?<![\w.,])(?:{_RATE}|{_TICK}|{_WEATHER}|(?:{_SECTIONS}|{_LANGUAGES}|{_ACCOUNT})(?![\w]))",
    re.I,
)
_SEPARATORS = re.compile(r"[\s|·•,;:/=]*")
MAX_MENU_LINE_CHARS = 120
_MENU_ITEM = re.compile(r"^(?:[•·▪►*]|\d{1,2}\.)\s+")
MAX_MENU_ITEM_CHARS = 60
# A board's post details, each name on its line with its value under it: `출처`, `외교부`.
_BOARD_FIELD = re.compile(
    r"(?:출처|작성일|등록일|게시일|작성자|글쓴이|원본 ?url|조회수|담당부서|담당자|источник|"
    r"категория|рубрика|т[эе]ги|category|tags|"
    r"дата публикации|автор|source|posted by)\s*:?",
    re.I,
)
MAX_CAPTION_CHARS = 100
_LINKED = "the headline a 'Read also:' line links to"
# A headline quoting its speaker (`Name: «...»`, `«...»`), not a caption naming who is pictured.
_QUOTING_HEADLINE = re.compile(r"\S:\s|[«“„]")
_PROSE = re.compile(r".{80,}[.!?][»”\"']?$")  # a paragraph of the text: the caption is below it
_CREDITED_CAPTION = re.compile(
    r".{0,300}?,\s(?:left|right|center|centre|second from (?:left|right)),\s.{0,300}"
    r"(?:photo courtesy of|photo by|courtesy of)\s[^.]{2,60}\.?",
    re.I,
)
_STAMP = re.compile(r"\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b")
# `date 2025-02-20 ASTANA. KAZINFORM ...`: a stamp in front of the first line of the text.
_DATE_STAMP = re.compile(r"date (?P<date>\d{4}-\d{2}-\d{2})\s+(?P<rest>\S.*)")


@dataclass(frozen=True)
class Kept:
    """The lines of the article, numbered as in the raw file, and a page address if one stood alone."""

    lines: list[tuple[int, str]]
    url: str | None
    site: str | None = None  # an agency's name standing alone, as a masthead


def drop_chrome(text: str, report: Report) -> Kept:
    kept: list[tuple[int, str]] = []
    url = site = None
    under: str | None = None  # what the line above was, when the next line belongs to it
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        linked = under == _LINKED and len(stripped) <= MAX_CAPTION_CHARS  # `Читайте также:`
        if stripped and under and (_belongs_to(stripped) or linked):
            report.drop(number, f"'{stripped}' (site chrome: {under})")
            under = None
            continue
        under = under if not stripped else None
        if not stripped:
            kept.append((number, ""))
        elif _BOARD_FIELD.fullmatch(stripped):
            report.drop(number, f"'{stripped}' (site chrome: the board's post details)")
            under = "the board's post details"
        elif _URL.fullmatch(stripped):
            url = url or stripped
            report.drop(number, f"'{stripped}' (the page address; kept as source.url)")
        elif stamp := _DATE_STAMP.fullmatch(stripped):
            kept += [(number, stamp["date"]), (number, ""), (number, stamp["rest"])]
        elif name := known(stripped):
            site = site or name
            report.drop(number, f"'{stripped}' (the site's name; kept as the outlet)")
        elif reason := chrome_reason(stripped):
            owner = (masthead_site if reason == CONTACTS else copyright_owner)(stripped)
            kept_as = "; kept as the outlet" if owner and not site else ""
            report.drop(number, f"'{stripped}' (site chrome: {reason}{kept_as})")
            site = site or owner
            under = "the caption under an image" if reason == "image link" else None
            if reason == "link to other articles" and stripped.endswith(":"):
                under = _LINKED  # the headline it links to stands on the next line
            if reason in ("photo credit", "copyright line") and _caption_above(kept, number):
                at, caption = kept.pop()
                report.drop(
                    at, f"'{caption}' (site chrome: the caption of a photo credited below it)"
                )
        else:
            kept.append((number, stripped))
    return Kept(kept, url, site)


def is_board_field(line: str) -> bool:
    """`출처`, `작성일`, `원본URL`: a field's name in a board's post details."""
    return bool(_BOARD_FIELD.fullmatch(line))


def _caption_above(kept: list[tuple[int, str]], number: int) -> bool:
    """`Ambassador Hong Seok Hyun` right above `©2005 Kwon W.S.`: a photo's caption."""
    if not kept or kept[-1][0] != number - 1 or not kept[-1][1]:
        return False
    above = kept[-1][1]
    if _QUOTING_HEADLINE.search(above) and not any(_PROSE.search(text) for _, text in kept[:-1]):
        return False  # `Министр: «Тарифы не вырастут»` over its photo's credit: the headline
    return _belongs_to(above) and not _STAMP.search(above)  # `10:34, 18 February 2025` stays


def _belongs_to(line: str) -> bool:
    """The value under a board's field name, or a caption under an image: short, no sentence."""
    return len(line) <= MAX_CAPTION_CHARS and not line.rstrip("\"'”»)").endswith(
        (".", "?", "!", "…")
    )


def chrome_reason(line: str) -> str | None:
    """Why `line` is site chrome, or None when it is (or may be) part of the article."""
    if _CREDITED_CAPTION.fullmatch(line):
        return "photo caption"  # `..., right, poses with ... Photo courtesy of National Assembly`
    if is_contact_masthead(line):
        return CONTACTS
    if len(line) > MAX_CHROME_CHARS:
        return None
    # A menu item keeps its bullet or number: `• НБУ:USD 41.90`, `1. Главная страница`.
    bare = _MENU_ITEM.sub("", line) if len(line) <= MAX_MENU_ITEM_CHARS else line
    for pattern, reason in _PATTERNS:
        if pattern.fullmatch(line) or (bare != line and pattern.fullmatch(bare)):
            return reason
    if len(line) <= MAX_MENU_LINE_CHARS and _SEPARATORS.fullmatch(_MENU_PIECE.sub(" ", line)):
        return "a top bar (menu, tickers, weather, account links)"
    return None
