"""HTML tags a site prints as text are taken out (with a warning), captions in angle brackets
stay; a date stamp with its time zone (`(UTC +04:00)`) is a date line."""

from __future__ import annotations

from pipeline.importer.chrome import Kept
from pipeline.importer.emphasis import starred_bold
from pipeline.importer.headerlines import find_date, is_date_line
from pipeline.importer.markup import strip_markup
from pipeline.importer.report import Report


def test_inline_tags_go_and_the_line_is_warned_about():
    report = Report()
    text = 'Minister: "Ports are open" - <font color=red>INTERVIEW</font>\nA <b>bold</b> word'
    assert strip_markup(text, report) == 'Minister: "Ports are open" - INTERVIEW\nA bold word'
    assert [note.line for note in report.warnings] == [1, 2]


def test_a_caption_or_a_comparison_in_angle_brackets_stays():
    report = Report()
    text = "<제품실물사진>\n<The reading room on the second floor>\nif a < b and c > d"
    assert strip_markup(text, report) == text
    assert not report.warnings


def test_a_stamp_with_its_time_zone_is_a_date_line():
    for line in ("# 30 September 2011 11:22 (UTC +04:00)", "5 January 2026 16:58 (UTC+04:00)"):
        assert is_date_line(line), line
    assert find_date("5 January 2026 16:58 (UTC+04:00)").isoformat() == "2026-01-05"


def test_lines_wrapped_in_asterisks_are_bold_and_lose_their_marks():
    report = Report()
    kept = Kept([(1, "**Is it new?**"), (2, ""), (3, "Yes."), (4, ""), (5, "*And then?*")], None)
    unmarked, bold = starred_bold(kept, report)
    assert [line for _, line in unmarked.lines] == ["Is it new?", "", "Yes.", "", "And then?"]
    assert bold == {1, 5}


def test_one_starred_line_or_marks_inside_a_line_are_no_bold():
    report = Report()
    one = Kept([(1, "*Note*"), (2, "It rained.")], None)
    assert starred_bold(one, report) == (one, frozenset())
    inside = Kept([(1, "A *big* year."), (2, "The file_name_here stays.")], None)
    assert starred_bold(inside, report)[1] == frozenset()
