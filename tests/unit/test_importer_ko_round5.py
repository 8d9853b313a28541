"""Korean transcript and page shapes found on real pages in round 5 (samples are the team's own)."""

from __future__ import annotations

import pytest

from pipeline.importer.agencytail import drop_captions_and_tail
from pipeline.importer.core import import_text
from pipeline.importer.headerlines import is_header_line
from pipeline.importer.markers import parse_marker
from pipeline.importer.postplace import with_place_in_post
from pipeline.importer.report import Report
from pipeline.importer.standfirst import Standfirst
from pipeline.importer.viewerchrome import drop_viewer_chrome


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("◀ 앵커 ▶ 오늘은 무엇을 여쭙겠습니다?", "question", "앵커"),
        ("☎ 진행자 > 어떻게 보십니까?", "question", "진행자"),
        ("▷ 강하준/앵커: 어서 오십시오.", "label", "강하준/앵커"),
        ("▶ 윤가람/보건복지부 차관: 안녕하세요.", "label", "윤가람/보건복지부 차관"),
    ],
)
def test_broadcasters_labels_are_read(text: str, kind: str, label: str) -> None:
    marker = parse_marker(text)
    assert marker is not None and (marker.kind, marker.label) == (kind, label)


def test_a_slash_in_a_sentence_is_no_label() -> None:
    marker = parse_marker("2019/2020 시즌: 우승")
    assert marker is None or marker.kind != "label"


@pytest.mark.parametrize(
    "line", ["입력 | 1999-04-18 19:52:00", "등록일 : 2022.09.13", "작성일 2020-06-11"]
)
def test_labelled_korean_date_lines_are_header_lines(line: str) -> None:
    assert is_header_line(line)


def test_viewer_tools_and_the_government_banner_go_above_the_text_only() -> None:
    prose = "장관은 오늘 정부서울청사에서 재외국민 보호 대책을 길게 설명했다. " * 4
    lines = [
        (1, "이 누리집은 대한민국 공식 전자정부 누리집입니다."),
        (2, "음성재생 설정"),
        (3, "SBS 뉴스 상단 메뉴"),
        (4, "제목이 여기 있습니다"),
        (5, prose.strip()),
        (6, "음성재생 설정"),
    ]
    kept = drop_viewer_chrome(lines, Report())
    assert [number for number, _ in kept] == [4, 5, 6]


def _turns(text: str) -> list[dict]:
    return import_text(text.encode(), name="sample.txt").data["turns"]


def test_a_second_guests_one_reply_makes_its_turn_unsure() -> None:
    text = (
        "제목 한 줄입니다\n\n☎ 진행자 > 두 분 연결돼 있습니다. 안녕하십니까?\n\n☎ 박도윤 > 안녕하세요.\n\n"
        "☎ 최민서 > 네, 안녕하세요.\n\n☎ 진행자 > 이유는 무엇입니까?\n\n☎ 박도윤 > 사고를 줄이기 위해서입니다.\n\n"
        "☎ 진행자 > 언제 시행합니까?\n\n☎ 박도윤 > 내년입니다.\n"
    )
    turns = _turns(text)
    unsure = [turn for turn in turns if turn.get("status") == "unsure"]
    assert any("☎ 최민서 >" in " ".join(turn["answer"]) for turn in unsure)


def test_two_dash_signs_taking_turns_mark_questions_and_answers() -> None:
    text = (
        "제목 한 줄입니다\n\n다음은 일문일답.\n\n-- 언제 부임했나.\n\n▲ 지난달이다.\n\n"
        "-- 첫 일정은.\n\n▲ 동포 간담회다.\n"
    )
    turns = _turns(text)
    assert [turn["question"] for turn in turns] == ["언제 부임했나.", "첫 일정은."]
    assert [turn["answer"] for turn in turns] == [["지난달이다."], ["동포 간담회다."]]


def test_triangle_bullets_inside_answers_are_no_answer_marker() -> None:
    # `▲` lists inside an answer do not take turns with the dashed questions.
    text = (
        "제목 한 줄입니다\n\n- 올해 중점 과제는 무엇입니까?\n\n세 가지입니다.\n\n▲ 물류\n\n▲ 에너지\n\n"
        "▲ 인력\n\n- 예산은 충분합니까?\n\n충분합니다.\n"
    )
    shapes = import_text(text.encode(), name="sample.txt").shapes
    assert not any(shape.startswith("Q/A labels") for shape in shapes)


def test_wire_captions_and_the_articles_tail_go() -> None:
    lines = [
        (1, "-- 첫 질문인가."),
        (2, "▲ 그렇다. 2024.5.2 에 발표한다."),
        (3, "인터뷰하는 대사"),
        (4, "(서울=연합뉴스) 이사진 기자 = 대사가 2일 서울에서 인터뷰하고 있다. 2024.5.2"),
        (5, "hana@yna.co.kr"),
        (6, "2024/05/02 06:00 송고"),
        (7, "관련 뉴스"),
        (8, "다른 기사 제목"),
    ]
    kept = drop_captions_and_tail(lines, Report())
    assert [number for number, _ in kept] == [1, 2]


def test_a_place_between_the_name_and_a_post_abroad_joins_the_office() -> None:
    found = with_place_in_post(
        Standfirst("워싱턴", "총영사"), "부임한 조기중 워싱턴 총영사가 간담회를 열었다."
    )
    assert found is not None and (found.name, found.role) == ("조기중", "워싱턴 총영사")


def test_a_korean_name_before_the_post_stays() -> None:
    found = with_place_in_post(Standfirst("김민수", "대사"), "한국에 온 김민수 대사가 말했다.")
    assert found is not None and found.name == "김민수"
