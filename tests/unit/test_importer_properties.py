"""Property tests: any input imports or fails with the clear error; turns survive a round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.content.loader import load
from pipeline.importer import RawTextError, import_text
from pipeline.importer.wordlist import ordered

# Bounded so the whole file runs in seconds; no example database is written to the repository.
BOUNDED = settings(
    max_examples=200,
    deadline=2000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Words that cannot start a marker, a byline, a date, chrome or a request on their own.
VOCABULARY = {
    "en": ordered(
        "river bridge harvest winter grain market school teacher village water road "
        "small green early later often quiet north south farmers families prices stone"
    ),
    "ru": ordered(
        "река мост урожай зима зерно рынок школа учитель деревня вода дорога "
        "маленький зелёный рано поздно часто тихо север юг фермеры семьи цены"
    ),
    "ko": ordered(
        "강 다리 수확 겨울 곡식 시장 학교 선생님 마을 물 길 작은 초록 일찍 나중 자주 조용히"
    ),
}
RAW_PIECES = st.sampled_from(
    [
        "Q:", "A:", "Q.", "A.", "Question:", "Answer:", "Вопрос:", "Ответ:", "기자:", "답:", "【기자】",
        "–", "—", "-", "Anna Berg:", "OMAR HADDAD:", "Посол:", "?", "？", "By Anna Berg", "Share",
        "Read more", "Photo: X", "BISHKEK:", "МОСКВА, 5 мая. /ТАСС/.", "(서울=연합뉴스)", "12 May 2024",
        "USD 5 million", "30%", "“KT Corporation”", "EDCF", "aGlobal", "\n", "\r", " ", "\t",
        "\u200b", "\ufeff", "Tell us about it.", "word", "Слово", "단어", ".", ",", ":",
        "What now?", "Почему?", "왜 그렇습니까?", "It grew.", "Так и есть.", "그렇습니다.",
    ]
)  # fmt: skip


def _imports_or_fails_clearly(raw: bytes) -> None:
    try:
        result = import_text(raw, name="sample.txt")
    except RawTextError as error:
        assert str(error) and "would not make a valid content file" not in str(error)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{result.slug}.yaml"
        path.write_text(result.to_yaml(), encoding="utf-8")
        assert load(path).interview.turns


@BOUNDED
@given(st.binary(max_size=600))
def test_any_bytes_import_or_fail_clearly(raw: bytes):
    _imports_or_fails_clearly(raw)


@BOUNDED
@given(st.text(max_size=600))
def test_any_text_imports_or_fails_clearly(text: str):
    _imports_or_fails_clearly(text.encode("utf-8", "surrogatepass"))


PARAGRAPHS = st.lists(
    st.lists(st.one_of(RAW_PIECES, RAW_PIECES, st.text(max_size=12)), min_size=1, max_size=8).map(
        " ".join
    ),
    max_size=16,
)


@BOUNDED
@given(PARAGRAPHS, st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_interview_like_text_imports_or_fails_clearly(paragraphs: list[str], newline: str):
    _imports_or_fails_clearly(newline.join(paragraphs).encode("utf-8", "surrogatepass"))


# Round trips ---------------------------------------------------------------------------


@st.composite
def interviews(draw) -> tuple[str, list[str], list[dict]]:
    language = draw(st.sampled_from(sorted(VOCABULARY)))
    words = st.sampled_from(VOCABULARY[language])

    def sentence(end: str) -> str:
        chosen = draw(st.lists(words, min_size=2, max_size=8))
        text = " ".join(chosen)
        return text[0].upper() + text[1:] + end

    def paragraph(last_end: str) -> str:
        lead = [sentence(".") for _ in range(draw(st.integers(0, 2)))]
        return " ".join([*lead, sentence(last_end)])

    intro = [paragraph(".") for _ in range(draw(st.integers(0, 2)))]
    turns = [
        {
            "question": paragraph("?"),
            "answer": [paragraph(".") for _ in range(draw(st.integers(1, 3)))],
        }
        for _ in range(draw(st.integers(1, 5)))
    ]
    return language, intro, turns


def render(intro: list[str], turns: list[dict], shape: str) -> str:
    """The turns as a raw text in one of the shapes the importer reads."""
    blocks = ["Interview on the record", *intro]
    for turn in turns:
        question, (first, *rest) = turn["question"], turn["answer"]
        if shape == "answers dashed":
            blocks += [question, f"– {first}", *rest]
        elif shape == "both dashed":
            blocks += [f"— {question}", f"— {first}", *rest]
        elif shape == "questions dashed":
            blocks += [f"- {question}", first, *rest]
        elif shape == "labels":
            blocks += [f"Q: {question}", f"A: {first}", *rest]
        elif shape == "speakers":
            blocks += [f"Anna Berg: {question}", f"Omar Haddad: {first}", *rest]
        else:
            blocks += [question, first, *rest]
    return "\n\n".join(blocks) + "\n"


SHAPES = st.sampled_from(
    ["answers dashed", "both dashed", "questions dashed", "labels", "speakers", "no markers"]
)


@BOUNDED
@given(interviews(), SHAPES)
def test_rendered_turns_import_back_the_same(interview, shape: str):
    _, intro, turns = interview
    result = import_text(render(intro, turns, shape).encode())
    assert _content(result.data["turns"]) == turns
    assert result.data["intro"] == intro


def _content(turns: list[dict]) -> list[dict]:
    """Question and answer; an `unsure` flag asks an editor to look, it changes no text."""
    return [{"question": t["question"], "answer": t["answer"]} for t in turns]


@BOUNDED
@given(interviews(), SHAPES, SHAPES)
def test_the_files_own_turns_rendered_again_import_the_same(interview, first: str, second: str):
    _, intro, turns = interview
    result = import_text(render(intro, turns, first).encode())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{result.slug}.yaml"
        path.write_text(result.to_yaml(), encoding="utf-8")
        loaded = load(path).interview
    again = [{"question": t.question, "answer": list(t.answer)} for t in loaded.turns]
    assert (
        _content(import_text(render(list(loaded.intro), again, second).encode()).data["turns"])
        == again
    )


def render_changing(intro: list[str], turns: list[dict]) -> str:
    """The first turn labelled, the rest plain: markers that stop midway, as real pages do."""
    blocks = ["Interview on the record", *intro]
    for number, turn in enumerate(turns):
        question, (first, *rest) = turn["question"], turn["answer"]
        blocks += (
            [f"Q: {question}", f"A: {first}", *rest] if number == 0 else [question, first, *rest]
        )
    return "\n\n".join(blocks) + "\n"


@BOUNDED
@given(interviews())
def test_markers_that_stop_midway_come_out_right_or_flagged(interview):
    """Never silently wrong: a turn the importer cannot be sure of is written unsure."""
    _, intro, turns = interview
    result = import_text(render_changing(intro, turns).encode())
    assert _content(result.data["turns"]) == turns or result.unsure
