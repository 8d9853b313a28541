"""News agencies and outlets the desks receive interviews from, as their datelines write them.

A name here is believed as an outlet wherever it stands: in a dateline
(`ASTANA. KAZINFORM -`), alone on a line of page chrome, in a byline, or in the
standfirst ("in an interview with Kabar Agency").
"""

from __future__ import annotations

import re

from pipeline.importer.wordlist import words

# Lower-cased as written in datelines and mastheads; the value is the outlet's usual name.
KNOWN = {
    "kabar": "Kabar", "кабар": "Кабар", "кабара": "Кабар", "кабару": "Кабар", "кабарга": "Кабар",
    "kazinform": "Kazinform", "казинформ": "Казинформ", "akipress": "AKIpress",
    "акипресс": "АКИpress", "акиpress": "АКИpress", "24.kg": "24.kg", "sputnik": "Sputnik",
    "tass": "TASS", "тасс": "ТАСС", "interfax": "Interfax", "interfax.ru": "Interfax",
    "интерфакс": "Интерфакс", "интерфакса": "Интерфакс", "интерфаксу": "Интерфакс",
    "ria novosti": "RIA Novosti", "риа новости": "РИА Новости", "yonhap": "Yonhap",
    "연합뉴스": "연합뉴스", "kaztag": "KazTAG", "report.az": "Report.az", "report": "Report",
    "trend": "Trend", "xinhua": "Xinhua", "синьхуа": "Синьхуа", "uza": "UzA", "уза": "УзА",
    "kun.uz": "Kun.uz", "tengrinews": "Tengrinews", "reuters": "Reuters", "afp": "AFP",
    "knews": "Knews", "economist.kg": "Economist.kg", "kaktus.media": "Kaktus.media",
    "belta": "BelTA", "белта": "БелТА", "armenpress": "Armenpress", "azertac": "AZERTAC",
    "news.kg": "News.kg", "аки": "АКИpress", "vesti.kg": "Vesti.kg", "kyrtag": "Kyrtag",
    "кыртаг": "Кыртаг", "kabar.kg": "Kabar", "inform.kz": "Kazinform",
    "akipress.com": "AKIpress", "akipress.org": "AKIpress", "tengrinews.kz": "Tengrinews",
    "sputnik.kg": "Sputnik", "knews.kg": "Knews", "trend.az": "Trend", "azattyk.org": "Azattyk",
    "kaktus.kg": "Kaktus.media", "tazabek": "Tazabek", "tazabek.kg": "Tazabek",
    "азаттык": "Азаттык", "радио азаттык": "Азаттык", "азаттыкка": "Азаттык",
    "вечерний бишкек": "Вечерний Бишкек", "vecherniy bishkek": "Vecherniy Bishkek",
    "deutsche welle": "Deutsche Welle", "dw": "DW", "би-би-си": "Би-Би-Си", "bbc": "BBC",
    "뉴스1": "뉴스1", "news1": "뉴스1", "뉴시스": "뉴시스", "newsis": "뉴시스", "kbs": "KBS", "mbc": "MBC",
    "sbs": "SBS", "jtbc": "JTBC", "ytn": "YTN", "연합뉴스tv": "연합뉴스TV", "mbn": "MBN", "채널a": "채널A",
    "중앙일보": "중앙일보", "조선일보": "조선일보", "동아일보": "동아일보", "한국일보": "한국일보",
    "한겨레": "한겨레", "경향신문": "경향신문", "서울신문": "서울신문", "국민일보": "국민일보",
    "세계일보": "세계일보", "문화일보": "문화일보", "한국경제": "한국경제", "매일경제": "매일경제",
    "이데일리": "이데일리", "머니투데이": "머니투데이", "오마이뉴스": "오마이뉴스", "ktv": "KTV",
    "cbs": "CBS", "tbs": "TBS", "voa": "VOA", "아리랑tv": "아리랑TV", "인민망": "인민망",
}  # fmt: skip
# What follows an outlet's name in a masthead or a standfirst.
OUTLET_WORDS = words(
    "agency news newspaper portal channel tv radio service информагентство агентство "
    "агентства агентству издание портал газета телеканал агенттиги агенттигине 통신 신문 방송"
)
_TOKEN = re.compile(r"[«»\"“”/()]")


def known(name: str) -> str | None:
    """The outlet's usual name when `name` is a known agency (`KAZINFORM`, `«Кабара»`)."""
    key = (
        _TOKEN.sub("", name).strip().casefold().removesuffix(" news agency").removesuffix(" agency")
    )
    key = key.removeprefix("книа ").removeprefix("кни ").removeprefix("ниа ")
    return KNOWN.get(key)
