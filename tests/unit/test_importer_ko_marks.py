"""Korean broadcasters' and papers' marks read as marks, not as chrome (issue 12, imp-ko)."""

from __future__ import annotations

import pytest

from pipeline.importer.chrome import chrome_reason
from pipeline.importer.headerlines import find_date, is_date_line
from pipeline.importer.markers import parse_marker


def test_a_speech_set_whole_in_brackets_is_a_speaker_label() -> None:
    marker = parse_marker("[송미령/농림축산식품부 장관 : 정말 대단하다는 생각이 듭니다.]")
    assert marker is not None
    assert (marker.kind, marker.label) == ("label", "송미령/농림축산식품부 장관")
    assert marker.rest == "정말 대단하다는 생각이 듭니다."
    assert marker.written == "[송미령/농림축산식품부 장관 :"


def test_a_bracketed_credit_naming_someone_is_no_speech() -> None:
    marker = parse_marker("[Reporter : Kang Che-ry]")
    assert marker is None or marker.rest != "Kang Che-ry"


@pytest.mark.parametrize("line", ["<질문>", "<답변>", "<Q>", "< 답 >"])
def test_a_qa_label_in_angle_brackets_is_not_a_caption(line: str) -> None:
    assert chrome_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "<앵커 멘트>",
        "서비스 메뉴 바로가기 본문 바로가기 아티클 바로가기 프로그램 목록 바로가기",
        "헤더 바로가기 푸터 바로가기",
        "크게 작게 프린트 메일",
        "URL 줄이기 페이스북 X",
    ],
)
def test_page_tools_and_skip_links_are_chrome(line: str) -> None:
    assert chrome_reason(line)


def test_a_sentence_about_a_shortcut_stays() -> None:
    assert chrome_reason("정부는 민원 서비스 바로가기 메뉴를 새로 만들었다고 밝혔다.") is None


def test_a_date_line_with_its_update_is_a_date_line() -> None:
    line = "입력 2019-02-01 19:29 수정 2019-02-07 10:51"
    assert is_date_line(line)
    assert str(find_date(line)) == "2019-02-01"


def test_a_box_drawing_line_opens_a_dashed_question() -> None:
    marker = parse_marker("─대통령님, 파업에 대해서는 어떻게 보십니까?")
    assert marker is not None and marker.kind == "dash"
    assert marker.rest.startswith("대통령님")
