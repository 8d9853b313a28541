"""Unattended safety: one run at a time (two real processes), stale locks taken over, and a
run killed with SIGKILL while rendering leaves the published pack as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.errors import ALREADY_RUNNING
from tests.conftest import ROOT
from tests.pack_support import DATE, briefing_process, files_of, invoke, write_note

pytestmark = pytest.mark.slow

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipeline.packs.lock import RunLock
    with RunLock(Path(sys.argv[1]), "test holder"):
        print("held", flush=True)
        time.sleep(60)
    """
)


def hold_lock(root: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def stop(process: subprocess.Popen) -> None:
    process.kill()
    process.communicate()


def test_a_second_run_skips_at_once_naming_the_holder(tmp_path):
    note = write_note(tmp_path / "content", "a-note")
    root = tmp_path / "packs"
    holder = hold_lock(root)
    try:
        started = time.perf_counter()
        second = briefing_process("pack", note, "-l", "en", "-f", "html", "--out", root, "--json")
        stdout, stderr = second.communicate(timeout=30)
        assert second.returncode == ALREADY_RUNNING
        assert json.loads(stdout)["exit_code"] == ALREADY_RUNNING
        assert time.perf_counter() - started < 5
        assert f"pid {holder.pid}" in stderr and "test holder" in stderr
        assert not (root / DATE).exists()
    finally:
        stop(holder)

    # The holder died without releasing anything: the next run takes the lock over.
    third = invoke("pack", note, "-l", "en", "-f", "html", "--out", root)
    assert third.exit_code == 0, third.output
    assert "taking over the lock" in third.stderr and f"pid {holder.pid}" in third.stderr
    assert (root / DATE / "index.html").is_file()
    assert (root / ".lock").read_text() == "", "released in order"


def test_deliver_takes_the_same_lock(tmp_path):
    root = tmp_path / "packs"
    holder = hold_lock(root)
    try:
        (root / DATE).mkdir()
        result = invoke("deliver", root / DATE, "--to", f"dir:{tmp_path / 'share'}")
        assert result.exit_code == ALREADY_RUNNING and "test holder" in result.stderr
    finally:
        stop(holder)


def test_sigkill_while_rendering_leaves_the_previous_pack_intact(tmp_path):
    notes = [write_note(tmp_path / "content", f"note-{n}") for n in range(8)]
    root = tmp_path / "packs"
    first = invoke("pack", *notes, "-l", "en", "-f", "html", "--out", root)
    assert first.exit_code == 0, first.output
    published = files_of(root / DATE)
    target = os.readlink(root / DATE)
    entries = set((root / ".cache").rglob("*.json"))

    # Now PDFs too, one at a time, and kill the run (and its workers) once the first is cached.
    run = briefing_process("pack", *notes, "-l", "en", "-f", "html,pdf", "--out", root, "-j", 1)
    try:
        deadline = time.monotonic() + 60
        while set((root / ".cache").rglob("*.json")) == entries:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "no PDF was rendered within a minute"
            time.sleep(0.02)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
    assert run.returncode == -signal.SIGKILL

    assert os.readlink(root / DATE) == target and os.readlink(root / "latest") == target
    assert files_of(root / DATE) == published
    assert invoke("verify", root / DATE).exit_code == 0
    leftovers = [path for path in (root / ".builds").iterdir() if path.name != Path(target).name]
    assert leftovers, "the killed run left its unfinished pack behind"

    again = invoke("pack", *notes, "-l", "en", "-f", "html", "--out", root)
    assert again.exit_code == 0 and "up to date" in again.stdout
    assert "left by an earlier run" in again.stderr
    assert [path.name for path in (root / ".builds").iterdir()] == [Path(target).name]
    assert json.loads((root / DATE / "manifest.json").read_text())["complete"] is True
