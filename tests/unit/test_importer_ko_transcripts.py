"""Korean transcripts and briefings the round-4 Korean pages showed (issue 12, imp-ko2)."""

from __future__ import annotations

import pytest

from pipeline.importer.copyrightowner import copyright_owner
from pipeline.importer.core import import_text
from pipeline.importer.envoys import with_korean_clues
from pipeline.importer.inline import split_inline
from pipeline.importer.items import Item
from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import parse_marker
from pipeline.importer.officelabel import has_office
from pipeline.importer.paragraphs import paragraphs
from pipeline.importer.standfirst import read_standfirst
from pipeline.importer.turndoubts import among_unanswered, lone_turn, marked_twice


@pytest.mark.parametrize("label", ["진행자", "사회자"])
def test_a_host_label_before_a_bracket_asks(label: str) -> None:
    marker = parse_marker(f"◎ {label} > 주민들 반응은 어떻습니까?")
    assert marker is not None
    assert (marker.kind, marker.rest) == ("question", "주민들 반응은 어떻습니까?")


@pytest.mark.parametrize("pointer", ["▶", "▷", "◉"])
def test_a_pointer_before_a_name_label_is_the_speakers_label(pointer: str) -> None:
    marker = parse_marker(f"{pointer}하윤재 : 네, 안녕하세요.")
    assert marker is not None
    assert (marker.kind, marker.label, marker.rest) == ("label", "하윤재", "네, 안녕하세요.")


def test_questions_after_two_hyphens_and_answers_after_triangles_are_split() -> None:
    text = "다음은 일문일답. --언제 정했나. ▲지난주에 정했다. --기준은... ▲전문성이다."
    pieces = split_inline([Paragraph(text, 3)])
    assert [(p.role, p.paragraph.text) for p in pieces] == [
        (None, "다음은 일문일답."),
        ("question", "언제 정했나."),
        ("answer", "지난주에 정했다."),
        ("question", "기준은..."),
        ("answer", "전문성이다."),
    ]


def test_a_hyphenated_word_is_no_question_dash() -> None:
    text = "남-북 회담은 --없다. 다만 ▲표시가 있다."
    assert [p.role for p in split_inline([Paragraph(text, 1)])] == [None]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("박서준(朴書俊) 청와대 비서실장은 11일 개각을 발표했다.", "박서준", "청와대 비서실장"),
        ("「金東哲 기자」 柳宗夏신임외무장관은 6일 기자실을 찾았다.", "柳宗夏", "신임외무장관"),
    ],
)
def test_a_name_with_its_hanja_opening_the_standfirst_is_the_interviewee(
    text: str, name: str, role: str
) -> None:
    found = with_korean_clues(None, text, 1)
    assert found is not None
    assert (found.name, found.role) == (name, role)


def test_hanja_in_brackets_later_in_the_text_names_no_one() -> None:
    assert with_korean_clues(None, "정부는 무신불립(無信不立)을 강조했다.", 1) is None


@pytest.mark.parametrize(
    ("text", "name", "role", "outlet"),
    [
        (
            "■ 방송 : MBC 라디오 (월~금) ■ 진행 : 문가람 기자 ■ 대담 : 오세린 해양연구원장(전 교수)",
            "오세린",
            "해양연구원장",
            "MBC",
        ),
        (
            "■ 방송 : 샘플TV <핫스팟>■ 대담 : 문태양 / 산림청장◎ 한여름 > 안녕하십니까?",
            "문태양",
            "산림청장",
            "샘플TV",
        ),
    ],
)
def test_a_broadcasts_credits_line_names_the_guest_and_the_channel(
    text: str, name: str, role: str, outlet: str
) -> None:
    found = with_korean_clues(None, text, 1)
    assert found is not None
    assert (found.name, found.role, found.outlet) == (name, role, outlet)


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "연합뉴스"),
        ("Copyright Ⓒ 채널A. All rights reserved. 무단 전재, 재배포 금지", "채널A"),
        ("저작권자 © 뉴스1코리아 무단전재 및 재배포 금지", "뉴스1"),
        ("© 2024 KBS. All rights reserved.", "KBS"),
        ("Copyright © 2020 All rights reserved", None),
        ("© Акимат города", None),
        ("(c) The author", None),
    ],
)
def test_a_copyright_lines_owner_is_the_outlet_when_written_as_one(
    line: str, owner: str | None
) -> None:
    assert copyright_owner(line) == owner


def _item(text: str, line: int) -> Item:
    return Item(Paragraph(text, line), parse_marker(text), text)


def test_two_marked_questions_joined_leave_the_first_unanswered() -> None:
    joined = [_item("Q1> 소감은 어떻습니까?", 1), _item("Q2> 예산은 어디에 씁니까?", 2)]
    assert marked_twice(joined) != []
    continued = [_item("Q1> 예산이 늘었습니다.", 1), _item("어디에 먼저 씁니까?", 2)]
    assert marked_twice(continued) == []


def test_the_other_turns_of_a_page_with_an_unanswered_question_are_doubted() -> None:
    unanswered = tuple(marked_twice([_item("Q1> 소감은?", 1), _item("Q2> 계획은?", 2)]))
    assert among_unanswered([unanswered, ()], ()) != []
    assert among_unanswered([unanswered, ()], unanswered) == []
    assert among_unanswered([(), ()], ()) == []


@pytest.mark.parametrize(
    ("questions", "doubted"),
    [
        (["주한 대사가 오늘 인터뷰를 했습니다."], True),
        (["올해 목표는?"], False),
        (["a.", "b."], False),
    ],
)
def test_a_lone_turn_that_asks_nothing_is_doubted(questions: list[str], doubted: bool) -> None:
    assert bool(lone_turn(questions)) is doubted


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("한다솜 초대 해양안전청장은 2일 취임했다.", "한다솜", "초대 해양안전청장"),
        ("그러고 나서 초대 해양안전청장이 되셨는데요.", None, None),
    ],
)
def test_a_word_opening_the_office_is_no_name(
    text: str, name: str | None, role: str | None
) -> None:
    found = with_korean_clues(read_standfirst(text, 1), text, 1)
    got = (found.name, found.role) if found else (None, None)
    assert got == (name, role)


@pytest.mark.parametrize(
    ("label", "office"),
    [("최광식 장관", True), ("Ambassador Lee", True), ("박미영", False), ("장관님", False)],
)
def test_a_label_with_an_office(label: str, office: bool) -> None:
    assert has_office(label) is office


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "■ 방송 : 샘플FM (07:20~09:00)\n■ 진행 : 문가람 기자\n■ 대담 : 오세린 (해양연구원장)\n오늘의 주제",
            "해양연구원장",
        ),
        ("■ 대담 : 오세린", None),
    ],
)
def test_a_credited_guests_office_in_brackets_alone_or_none(text: str, role: str | None) -> None:
    found = with_korean_clues(None, text, 1)
    assert found is not None
    assert (found.name, found.role) == ("오세린", role)


def test_a_guest_credited_with_the_office_in_brackets_imports() -> None:
    raw = (
        "■ 방송 : 샘플FM 아침 (07:20~09:00)\n■ 진행 : 문가람 기자\n■ 대담 : 오세린 (해양연구원장)\n\n"
        "◇ 문가람> 갯벌 복원은 어떻게 됩니까?\n\n◆ 오세린> 철새가 돌아왔습니다.\n\n"
        "◇ 문가람> 주민 반응은요?\n\n◆ 오세린> 반기십니다.\n"
    )
    result = import_text(raw.encode(), name="sample.txt")
    assert result.data["interviewee"] == {"name": "오세린", "role": "해양연구원장"}


@pytest.mark.parametrize("label", ["[앵커]", "[리포트]", "<질문>"])
def test_a_line_wholly_in_brackets_does_not_join_the_line_above(label: str) -> None:
    lines = [(1, "윤 대통령, 방송사와 특별 대담…잠시 후 10시부터 방송"), (2, label)]
    assert [p.text for p in paragraphs(lines)] == [lines[0][1], label]
