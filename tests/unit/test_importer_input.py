"""Bad input gets one clear error; odd but readable input is normalised and reported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.importer import RawTextError, import_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
RUSSIAN = (FIXTURES / "ru-both-dashed" / "raw.txt").read_text(encoding="utf-8")
ENGLISH = (FIXTURES / "en-no-markers" / "raw.txt").read_text(encoding="utf-8")


def _turns(result) -> list:
    return result.data["turns"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  ", "empty"),
        (b"\x00\x01\x02binary\x00stuff", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        ("Some text".encode("utf-16"), "UTF-16"),
        (
            "Café au lait, déjà vu?\n\nOui, très bien.".encode("latin-1"),
            "tried UTF-8, UTF-8 with BOM, cp1251",
        ),
    ],
)
def test_unreadable_input_is_refused_with_a_reason(raw: bytes, message: str):
    with pytest.raises(RawTextError, match=message) as caught:
        import_text(raw)
    assert caught.value.exit_code == 2


def test_a_text_without_questions_says_what_was_looked_for():
    text = "A headline\n\nOne paragraph of news.\n\nAnother paragraph, still no question."
    with pytest.raises(RawTextError) as caught:
        import_text(text.encode())
    message = str(caught.value)
    assert message.startswith("no question found")
    for looked_for in ("Q:", "Вопрос:", "기자:", "Name:", "dashes", "'?'"):
        assert looked_for in message


def test_questions_without_answers_are_refused():
    with pytest.raises(RawTextError, match="no answer"):
        import_text(b"A headline\n\nWhy?\n\nAnd why not?")


def test_utf8_with_bom_is_read_and_named():
    result = import_text(b"\xef\xbb\xbf" + ENGLISH.encode())
    assert result.encoding == "UTF-8 with BOM"
    assert _turns(result) == _turns(import_text(ENGLISH.encode()))


def test_cp1251_is_read_and_reported():
    result = import_text(RUSSIAN.encode("cp1251"))
    assert result.encoding == "cp1251"
    assert any("read it as cp1251" in note.message for note in result.report.warnings)
    assert _turns(result) == _turns(import_text(RUSSIAN.encode()))


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_line_endings_do_not_matter(newline: str):
    assert _turns(import_text(ENGLISH.replace("\n", newline).encode())) == _turns(
        import_text(ENGLISH.encode())
    )


def test_text_is_nfc_and_loses_only_invisible_characters():
    decomposed = unicodedata.normalize("NFD", RUSSIAN).replace("Работы", "Ра\u200bбо\u00adты")
    result = import_text(decomposed.encode())
    assert _turns(result) == _turns(import_text(RUSSIAN.encode()))
    assert any("invisible" in note.message for note in result.report.warnings)


def test_typos_are_kept_and_listed():
    text = ENGLISH.replace("About forty.", "About forty.Ten in aGlobal Кыргызстaн hive.")
    result = import_text(text.encode())
    answer = _turns(result)[0]["answer"][0]
    assert "forty.Ten in aGlobal Кыргызстaн" in answer
    messages = [(note.line, note.message) for note in result.report.warnings]
    assert any(line == 7 and "'aGlobal'" in message for line, message in messages)
    assert any("'y.Te'" in message or "no space after" in message for _, message in messages)
    assert any("Latin and Cyrillic" in message for _, message in messages)


def test_site_chrome_around_the_article_is_dropped_and_listed():
    text = (
        "Share\nTweet\nPhoto: Anna Lee\n\n"
        + ENGLISH
        + "\n\nRead more\n© 2024 Valley News\nhttps://example.org/beekeeper\n"
    )
    result = import_text(text.encode())
    assert _turns(result) == _turns(import_text(ENGLISH.encode()))
    dropped = [note.message for note in result.report.dropped]
    assert len(dropped) == 6
    assert "'Photo: Anna Lee' (site chrome: photo credit)" in dropped
    assert result.data["source"]["url"] == "https://example.org/beekeeper"


def test_prose_that_mentions_chrome_words_stays():
    text = ENGLISH.replace("My nephew helps in summer.", "Share the work, I say. Read more books.")
    assert (
        "Share the work, I say. Read more books." in _turns(import_text(text.encode()))[0]["answer"]
    )


def test_wrapped_lines_are_joined_into_paragraphs():
    wrapped = (
        "Beekeeper in the valley\n\nHow many hives do you keep now, and how many did you\n"
        "keep ten years ago?\n\nAbout forty. Ten years ago I had twice as many, but the\n"
        "work is hard for one person.\nMy nephew helps in summer.\n"
    )
    turn = _turns(import_text(wrapped.encode()))[0]
    assert turn["question"].endswith("how many did you keep ten years ago?")
    assert turn["answer"] == [
        "About forty. Ten years ago I had twice as many, but the work is hard for one person.",
        "My nephew helps in summer.",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "en"),
        (RUSSIAN, "ru"),
        ((FIXTURES / "ko-no-markers" / "raw.txt").read_text(encoding="utf-8"), "ko"),
        (
            "Өкмөттүн жыйыны\n\nСиз кандай ойлойсуз? Бүгүн өкмөт жыйын өткөрдү?\n\nМен ойлойм, бул маанилүү өңүттөн каралат.",
            "ky",
        ),
    ],
)
def test_language_follows_the_script(text: str, language: str):
    assert import_text(text.encode()).data["language"] == language


def test_options_override_detection_and_are_checked():
    result = import_text(ENGLISH.encode(), name="raw.txt", slug="bees-2024", language="en-GB")
    assert (result.slug, result.data["language"]) == ("bees-2024", "en-GB")
    with pytest.raises(UsageError, match="--slug"):
        import_text(ENGLISH.encode(), slug="Bees 2024")
    with pytest.raises(UsageError, match="--lang"):
        import_text(ENGLISH.encode(), language="english!")


def test_slug_comes_from_the_file_name_or_else_the_headline():
    assert import_text(ENGLISH.encode(), name="Valley Bees.txt").slug == "valley-bees"
    assert import_text(RUSSIAN.encode()).slug == "direktor-muzeya-my-otkroem-novyy-zal-k-oseni"


def test_long_headline_gets_a_short_title_within_the_limit():
    text = ENGLISH.replace("Beekeeper in the valley", "Beekeeper " * 12 + "in the valley")
    short = import_text(text.encode()).data["short_title"]
    assert len(short) <= 60 and short.endswith("…")


# Page chrome around real headlines, datelines where agencies put them ----------------------

HEADLINE = "Minister: the new bridge opens in May"
BODY = "\n\nHow long did it take?\n\n– Three years.\n\nAnd the cost?\n\n– On budget.\n"


@pytest.mark.parametrize(
    "chrome",
    [
        "Interview",
        "All news",
        "Все новости",
        "← Back",
        "Назад",
        "00:13",
        "USD 84.22",
        "USD/KZT 383.01  -0.42",
        "• НБУ:USD 41.90",
        "EN | RU | KG",
        "RU  UA  EN",
        "Home › Politics › Interview",
        "1. Главная страница",
        "Skip to content",
        "본문 바로가기",
        "[image: the minister]",
        "photo.jpg",
        "Share",
        "© 2025 Kabar. All rights reserved.",
        "Kazinform",
        "среда, 22 января",
        "Post navigation",
        "220",
        "Last minute",
        "조선어",
        "新華網韓國語>>핫 TV",
        "朴槿惠访华",
        "피플닷컴을 시작페이지로즐겨찾기",
        "Бишкек +12°C USD 87,45 EUR 94,10",
        "Курс валют: USD 87,45",
        "Вход Регистрация",
        "16+",
        "Arzuw NEWS - Turkmenistan news",
        "0:00 0:44:03 0:00",
    ],
)
def test_a_chrome_line_above_the_headline_never_becomes_the_headline(chrome: str):
    result = import_text(f"{chrome}\n{chrome}\n\n{HEADLINE}{BODY}".encode())
    assert result.data["title"] == HEADLINE
    assert result.data["intro"] == []
    assert any(note.line == 1 for note in result.report.dropped)


@pytest.mark.parametrize(
    ("opening", "dateline", "outlet"),
    [
        ("ASTANA. KAZINFORM - The minister spoke.", "ASTANA", "KAZINFORM"),
        ("Москва. 31 января. INTERFAX.RU - Министр рассказал.", "Москва, 31 января", "INTERFAX.RU"),
        ("Astana. March 13. KazTAG - The minister spoke.", "Astana, March 13", "KazTAG"),
        ("БИШКЕК, 12 марта — Sputnik. Министр рассказал.", "БИШКЕК, 12 марта", "Sputnik"),
        ("Бишкек, 5 апр. /Кабар/. Министр рассказал.", "Бишкек, 5 апр", "Кабар"),
        ("BISHKEK (Kabar) - The minister spoke.", "BISHKEK", "Kabar"),
        ("10:34, 05 July 2015 ASTANA. KAZINFORM - The minister spoke.", "ASTANA", "KAZINFORM"),
        ("AKIPRESS.COM – The minister spoke.", None, "AKIpress"),
    ],
)
def test_the_dateline_and_its_agency_are_found_even_after_a_standfirst(
    opening: str, dateline: str, outlet: str
):
    for text in (
        f"{HEADLINE}\n\n{opening}{BODY}",
        f"{HEADLINE}\n\nA short standfirst.\n\n{opening}{BODY}",
    ):
        result = import_text(text.encode())
        assert (result.data["dateline"], result.data["outlet"]) == (dateline, outlet), text


@pytest.mark.parametrize(
    ("standfirst", "name", "role", "outlet"),
    [
        (
            "Ambassador of Korea to Kyrgyzstan Lee Wonjae, in an interview with Kabar Agency, spoke.",
            "Lee Wonjae", "Ambassador of Korea to Kyrgyzstan", "Kabar Agency",
        ),
        (
            "Lee Wonjae, Ambassador of Korea to Kyrgyzstan, told Kabar about the plans.",
            "Lee Wonjae", "Ambassador of Korea to Kyrgyzstan", "Kabar",
        ),
        (
            "Посол Кореи в Кыргызстане Ли Вон Джэ в интервью агентству «Кабар» рассказал о планах.",
            "Ли Вон Джэ", "Посол Кореи в Кыргызстане", "Кабар",
        ),
        (
            "Замглавы МИД России Сергей Рябков рассказал «Интерфаксу» о переговорах.",
            "Сергей Рябков", "Замглавы МИД России", "Интерфакс",
        ),
        (
            "Кореянын Кыргызстандагы элчиси Ли Вонжэ «Кабар» агенттигине берген маегинде айтты.",
            "Ли Вонжэ", "Кореянын Кыргызстандагы элчиси", "Кабар",
        ),
        (
            "이원재 주키르기스스탄 한국대사는 최근 연합뉴스와의 인터뷰에서 이같이 밝혔다.",
            "이원재", "주키르기스스탄 한국대사", "연합뉴스",
        ),
        (
            "바야르 몽골 문화부 장관은 서울신문과의 인터뷰에서 계획을 밝혔다.",
            "바야르", "몽골 문화부 장관", "서울신문",
        ),
        (
            "Trend's interview with Igor Chudin, the Prime Minister of Kyrgyzstan, before his visit.",
            "Igor Chudin", "Prime Minister of Kyrgyzstan", "Trend",
        ),
        (
            "The full text of the interview of Ambassador of Kyrgyzstan to Oman H.E. Mr. Daniyar"
            " Ilyasov with the Gulf Review.",
            "Daniyar Ilyasov", "Ambassador of Kyrgyzstan to Oman", "Gulf Review",
        ),
    ],
)  # fmt: skip
def test_the_interviewee_role_and_outlet_come_from_the_standfirst(
    standfirst: str, name: str, role: str, outlet: str
):
    result = import_text(f"{HEADLINE}\n\n{standfirst}{BODY}".encode())
    assert result.data["interviewee"] == {"name": name, "role": role}
    assert result.data["outlet"] == outlet


def test_a_short_line_above_a_full_headline_is_not_the_headline_and_the_choice_is_listed():
    text = f"Interviews of Ambassador\n\n{HEADLINE}\n\nA standfirst of the interview.{BODY}"
    result = import_text(text.encode())
    assert result.data["title"] == HEADLINE
    assert result.doubts and "below a short line" in result.doubts[0]


def test_a_short_headline_with_nothing_fuller_below_is_kept_and_listed():
    result = import_text(f"Bridge talk{BODY}".encode())
    assert result.data["title"] == "Bridge talk"
    assert result.doubts == ["a short headline ('Bridge talk'): is it the page's?"]


def test_a_person_the_interviewer_talked_to_is_no_outlet():
    text = f"{HEADLINE}\n\nMira Olsen talked to the conductor Pavel Dvorak.{BODY}"
    assert import_text(text.encode()).data["outlet"] == "Outlet (to confirm)"
