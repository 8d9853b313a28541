"""No traceback reaches a user: every command, every reader fed garbage, every OS failure.

Each case runs one `briefing` command in this process (Click's CliRunner) inside a
sandbox project: its own content/, locales/ (every module's default locales folder is
pointed at the copy), packs, settings and delivery log. A case passes when the command
ends with a documented exit status, prints no traceback, raises nothing but SystemExit,
and does not fall through to the CLI's last-resort "internal error" line (which would
mean an exception nobody anticipated: a bug, even if it is reported politely).
"""

from __future__ import annotations

import errno
import os

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main

DOCUMENTED_STATUSES = {0, 1, 2, 3, 75}


def invoke(*arguments: object, env: dict | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in arguments], env=env)


def assert_clean(result: Result) -> None:
    """A documented status, no traceback, nothing but SystemExit, no last-resort line."""
    assert result.exit_code in DOCUMENTED_STATUSES, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "internal error" not in result.output, result.output


# --- The CLI's last resort: OS errors and unexpected exceptions ----------------------------


def _raise(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


def test_an_os_error_nobody_caught_is_one_line_naming_the_file_and_exits_1(monkeypatch):
    from pipeline import content

    error = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "content/x.yaml")
    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: content/x.yaml: Permission denied"
        " (check the permissions of the file and of its folder)\n"
    )
    assert isinstance(result.exception, SystemExit)


def test_an_os_error_with_two_files_names_both(monkeypatch):
    from pipeline import content

    error = OSError(errno.EXDEV, os.strerror(errno.EXDEV), "a.tmp", None, "b.yaml")
    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == f"error: a.tmp -> b.yaml: {os.strerror(errno.EXDEV)}\n"


def test_an_os_error_without_a_file_still_says_what_failed(monkeypatch):
    from pipeline import content

    monkeypatch.setattr(content, "load_all", _raise(OSError(errno.ENOSPC, "No space left")))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == "error: No space left (free some space and run again)\n"


def test_an_unexpected_exception_is_one_line_with_a_hint_and_exit_1(monkeypatch):
    from pipeline import content

    monkeypatch.setattr(content, "load_all", _raise(ZeroDivisionError("boom\nsecond line")))
    result = invoke("validate", __file__)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: internal error: ZeroDivisionError: boom second line"
        " (a bug: rerun with -v for the traceback, and report it)\n"
    )
    assert "Traceback" not in result.output


def test_verbose_shows_the_traceback_of_an_unexpected_exception(monkeypatch):
    from pipeline import content

    monkeypatch.setattr(content, "load_all", _raise(ZeroDivisionError("boom")))
    result = invoke("-v", "validate", __file__)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: boom" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: internal error: ZeroDivisionError")


def test_verbose_shows_the_traceback_of_an_os_error(monkeypatch):
    from pipeline import content

    monkeypatch.setattr(content, "load_all", _raise(OSError(errno.EROFS, "Read-only", "x")))
    result = invoke("-v", "validate", __file__)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: x: Read-only")


def test_usage_errors_and_exits_still_pass_through_unchanged():
    assert invoke("no-such-command").exit_code == 2
    assert invoke("validate", "/no/such/file").exit_code == 2
    assert invoke("--version").exit_code == 0


@pytest.mark.parametrize(
    ("error", "status"),
    [(KeyboardInterrupt(), 1), (SystemExit(3), 3)],
    ids=["interrupt", "system-exit"],
)
def test_interrupts_and_exits_are_not_called_bugs(monkeypatch, error, status):
    from pipeline import content

    monkeypatch.setattr(content, "load_all", _raise(error))
    result = invoke("validate", __file__)
    assert result.exit_code == status
    assert "internal error" not in result.output
