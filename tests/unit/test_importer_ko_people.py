"""Who the Korean standfirsts and board credit lines name (issue 12, imp-ko)."""

from __future__ import annotations

import pytest

from pipeline.importer.chrome import chrome_reason
from pipeline.importer.creditline import board_credit
from pipeline.importer.envoys import with_korean_clues
from pipeline.importer.labellines import _label_alone
from pipeline.importer.speakers import _aliases
from pipeline.importer.standfirst import Standfirst, is_role, read_standfirst


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "최연충 주우루과이대사 / 2011.9.22 / Monte Carlo TV",
            ("최연충", "주우루과이대사", "Monte Carlo TV"),
        ),
        (
            "신각수 주 일본대사 / 2012. 3. 7(수) / 아사히 신문",
            ("신각수", "주 일본대사", "아사히 신문"),
        ),
        ("신각수 주 일본대사 / 아사히 신문 / 2012. 3. 7", ("신각수", "주 일본대사", "아사히 신문")),
    ],
)
def test_a_board_credit_line_names_the_speaker_the_office_and_the_outlet(
    line: str, expected: tuple[str, str, str]
) -> None:
    assert board_credit(line, is_role) == expected


@pytest.mark.parametrize(
    "line",
    [
        "[우루과이] 최연충 대사 / Monte Carlo TV / 인터뷰",  # no date: the post's title
        "정치 / 2024.6.3 / 외교",  # no person with an office
        "홍길동 / 2024.6.3 / 연합뉴스",  # a name without an office
    ],
)
def test_other_slashed_lines_are_no_credit_line(line: str) -> None:
    assert board_credit(line, is_role) is None


def test_the_interviewed_object_of_the_standfirst_is_the_interviewee() -> None:
    found = read_standfirst("원세훈 행정안전부 장관을 주간지가 단독 인터뷰했다.", 1)
    assert found is not None and (found.name, found.role) == ("원세훈", "행정안전부 장관")


def test_an_object_without_an_interview_names_nobody() -> None:
    assert read_standfirst("경찰은 김민수 시장을 불러 조사했다.", 1) is None


def test_a_surname_before_the_office_leaves_no_name_before_it() -> None:
    assert read_standfirst("업무를 총괄하고 있는 원 장관이 말했다.", 1) is None


def test_a_former_office_keeps_its_name() -> None:
    found = read_standfirst("김진표 전 장관은 인터뷰에서 말했다.", 1)
    assert found is not None and (found.name, found.role) == ("김진표", "전 장관")


@pytest.mark.parametrize("line", ["• 3개월 전", "2 hours ago", "5 дней назад", "1시간 전"])
def test_a_time_counted_back_from_today_is_chrome(line: str) -> None:
    assert chrome_reason(line)


def test_a_sentence_with_a_time_ago_stays() -> None:
    assert (
        chrome_reason("3개월 전 부임한 대사는 첫 인터뷰에서 교민 사회를 먼저 찾겠다고 말했다.")
        is None
    )


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "라파엘 하르파즈 주한 이스라엘 대사는 27일 말했다.",
            "라파엘 하르파즈",
            "주한 이스라엘 대사",
        ),
        (
            "이에 대해 라파엘 하르파즈 주한 이스라엘 대사는 말했다.",
            "라파엘 하르파즈",
            "주한 이스라엘 대사",
        ),
        ("지난달 부임한 싱하이밍 주한 중국대사는 말했다.", "싱하이밍", "주한 중국대사"),
    ],
)
def test_a_foreign_envoy_in_korea_is_named_before_the_office(
    text: str, name: str, role: str
) -> None:
    found = with_korean_clues(None, text, 1)
    assert found is not None and (found.name, found.role) == (name, role)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("그는 뉴스1과 진행한 인터뷰에서 말했다.", "뉴스1"),
        ("대사는 KBS와 가진 단독 인터뷰에서 말했다.", "KBS"),
        ("영화 변호인 임시완과의 인터뷰를 마치고 돌아왔다.", None),
    ],
)
def test_the_outlet_an_interview_was_given_to(text: str, outlet: str | None) -> None:
    found = with_korean_clues(None, text, 1)
    assert (found.outlet if found else None) == outlet


def test_a_title_after_the_office_is_no_name() -> None:
    found = with_korean_clues(Standfirst("당선인", "윤석열 대통령", None, 1), "", 1)
    assert found is not None and (found.name, found.role) == ("윤석열", "대통령 당선인")


def test_a_surname_with_the_office_is_the_speaker_named_before() -> None:
    names = _aliases(["서지훈 총영사", "서 총영사", "교민소식"])
    assert names["서 총영사"] == "서지훈 총영사"
    assert _aliases(["김 총영사", "서지훈 총영사"])["김 총영사"] == "김 총영사"


def test_a_guest_credit_in_angle_brackets_is_no_speaker_label() -> None:
    assert _label_alone("<출연: 박진 외교부 장관>", 1) is None
    assert _label_alone("[앵커]", 1) == "앵커"
