"""Language by script, and slugs from titles or file names.

Scripts tell apart the languages the desk receives (English, Russian, Kyrgyz,
Kazakh, Korean) without a model: Kyrgyz and Kazakh write Cyrillic with letters
Russian lacks. Latin text is taken as English, with a warning when it does
not read like English.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.importer.report import Report
from pipeline.importer.wordlist import words

MAX_SLUG_CHARS = 60
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_KAZAKH_ONLY = re.compile("[әғқұһіӘҒҚҰҺІ]")
_KYRGYZ_AND_KAZAKH = re.compile("[өүңӨҮҢ]")
# Russian quoting one Kyrgyz name ("Жогорку Кеңеш") stays Russian: the letters must be common.
MIN_NATIONAL_LETTERS = 0.003
_ENGLISH_WORDS = words("the and of to in is that for with on was are")
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяөүңәғқұһі",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya o u ng a gh q u h i".replace(
            "_", ""
        ).split(" "),
        strict=True,
    )
)


def detect_language(text: str, report: Report) -> str:
    hangul, cyrillic, latin = (len(p.findall(text)) for p in (_HANGUL, _CYRILLIC, _LATIN))
    letters = hangul + cyrillic + latin
    if hangul and hangul >= 0.2 * letters:
        language, why = "ko", "Hangul script"
    elif cyrillic > latin:
        language, why = _cyrillic_language(text, cyrillic)
    else:
        language, why = "en", "Latin script"
        words = re.findall(r"[a-z]+", text.casefold())
        if sum(word in _ENGLISH_WORDS for word in words) < 0.03 * len(words):
            report.warn(
                None, "Latin script but few common English words; give --lang if it is not English"
            )
    report.guess(None, f"language '{language}' ({why}); give --lang to change it")
    return language


def _cyrillic_language(text: str, cyrillic: int) -> tuple[str, str]:
    if len(_KAZAKH_ONLY.findall(text)) >= MIN_NATIONAL_LETTERS * cyrillic:
        return "kk", "Cyrillic with Kazakh letters (ә ғ қ ұ һ і)"
    if len(_KYRGYZ_AND_KAZAKH.findall(text)) >= MIN_NATIONAL_LETTERS * cyrillic:
        return "ky", "Cyrillic with Kyrgyz letters (ө ү ң)"
    return "ru", "Cyrillic script"


def slugify(text: str) -> str:
    """`Посол Кореи: «Кабар»` -> `posol-korei-kabar`; Hangul has no slug letters and is left out."""
    folded = "".join(_TRANSLIT.get(char, char) for char in text.casefold())
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("-", " ")).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[: MAX_SLUG_CHARS + 1].rsplit("-", 1)[0]
    return slug
