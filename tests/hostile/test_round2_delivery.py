"""Hostile replies, faults and crashes in delivery (issue 10, round two, items 22 to 31).

A real SMTP server on 127.0.0.1 (aiosmtpd) scripts each reply; a raw socket server trickles
its greeting; the delivery log is damaged, or the disk fills, at every step; and `briefing
deliver` runs as its own process, killed with SIGKILL at each step of a delivery
(BRIEFING_CRASH_AT, inert unless set), then runs again without the kill: every recipient
has exactly one copy, or, killed between handing a message over and recording the reply,
at most one and the operator is told. Settings that could only fail at send time fail at
load instead.
"""

from __future__ import annotations

import collections
import datetime as dt
import errno
import json
import os
import re
import signal
import smtplib
import socket
import subprocess
import threading
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline import atomic
from pipeline.delivery import mail
from pipeline.delivery.log import DeliveryError, DeliveryLog
from pipeline.errors import TEMPORARY_FAILURE
from pipeline.packs import manifest, targets
from pipeline.packs import settings as config
from pipeline.project import find
from tests.conftest import SEED_SLUG
from tests.hostile.strategies import hostile_settings, hostile_text
from tests.pack_support import (
    DATE,
    briefing_process,
    copy_packs,
    environment,
    invoke,
    report,
    write_note,
)

SENDER = "Briefings <briefings@example.org>"
CRASH_ENV = "BRIEFING_CRASH_AT"  # names the step at which the crash hook kills the process
POLICY = ["ana@example.org", "ben@example.org"]
MOSCOW = ["olga@example.org"]


# --- A scripted SMTP server, a trickling one, the pack and the settings ---------------------


class Mailbox:
    """An SMTP server's replies, scripted per test; every message it accepted is kept."""

    def __init__(self) -> None:
        self.messages: list = []
        self.data_replies: list[str] = []  # replies to the end of the message, then 250
        self.quit_reply = "221 Bye"
        self.drop_at_rcpt = 0  # connections dropped at RCPT, before the message is sent
        self.accept_then_drop = False  # keeps the message, but its 250 never reaches the client

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.drop_at_rcpt:
            self.drop_at_rcpt -= 1
            server.transport.close()
            return "421 gone"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append(envelope)
        if self.accept_then_drop:
            server.transport.abort()
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        return self.quit_reply

    def copies(self) -> dict[str, int]:
        return dict(collections.Counter(a for m in self.messages for a in m.rcpt_tos))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


class Trickler:
    """Sends `220-` continuation lines every `interval` seconds and never finishes its
    greeting (at most `lines` of them, so that a client without a deadline still ends)."""

    def __init__(self, interval: float = 0.05, lines: int = 2000) -> None:
        self.interval, self.lines, self.connections = interval, lines, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._trickle, args=(connection,), daemon=True).start()

    def _trickle(self, connection: socket.socket) -> None:
        with connection:
            for _ in range(self.lines):
                if self.stopped.wait(self.interval):
                    return
                try:
                    connection.sendall(b"220-still saying hello\r\n")
                except OSError:
                    return

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()


@pytest.fixture
def trickler():
    server = Trickler()
    yield server
    server.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seed in English, PDF and HTML."""
    content = write_note(tmp_path_factory.mktemp("content"), SEED_SLUG)
    root = tmp_path_factory.mktemp("built") / "packs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        result = invoke("pack", content, "-l", "en", "-f", "pdf,html", "--out", root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def packs(built, tmp_path) -> Path:
    return copy_packs(built, tmp_path / "packs")


def settings(tmp_path: Path, port: int, extra: str = "", lists: dict | None = None) -> Path:
    lists = lists or {"policy": POLICY}
    tables = "".join(
        f"\n[targets.desk.lists.{name}]\nto = {json.dumps(to)}\n" for name, to in lists.items()
    )
    given = {line.split("=")[0].strip() for line in extra.splitlines()}
    defaults = {"retries": "3", "backoff_seconds": "0.01", "timeout_seconds": "10"}
    values = "\n".join(f"{k} = {v}" for k, v in defaults.items() if k not in given)
    path = tmp_path / "briefing.toml"
    path.write_text(
        f"""
[targets.share]
url = "dir:{tmp_path / "share"}"

[targets.desk]
url = "smtp://127.0.0.1:{port}"
sender = "{SENDER}"
{values}
{extra}
{tables}""",
        encoding="utf-8",
    )
    return path


def deliver(packs: Path, settings_file: Path, *more: str):
    return invoke("deliver", packs / DATE, "--to", "desk", "--config", settings_file, *more)


def log_states(packs: Path) -> dict[str, list[str]]:
    """Each delivery's `to`, with the status of each of its records in order."""
    states: dict[str, list[str]] = {}
    for record in json.loads((packs / "deliveries.json").read_text())["deliveries"]:
        states.setdefault(record["to"], []).append(record.get("status", "delivered"))
    return states


def delivered(*keys: str) -> dict[str, list[str]]:
    return {key: ["delivered"] for key in keys}


# --- 22: replies after the message was accepted --------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("reply", ["421 4.3.2 Shutting down", "554 5.3.0 Closing with an error"])
def test_a_failing_reply_to_quit_after_the_message_was_accepted_counts_as_delivered(
    mailbox, packs, tmp_path, reply
):
    mailbox.quit_reply = reply
    config_file = settings(tmp_path, mailbox.port)
    result = deliver(packs, config_file)
    assert result.exit_code == 0, result.output
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}
    assert log_states(packs) == delivered("policy/ana@example.org", "policy/ben@example.org")
    again = deliver(packs, config_file)
    assert again.exit_code == 0 and "already delivered" in again.output
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}


@pytest.mark.slow
def test_no_reply_after_the_message_was_handed_over_is_in_doubt_and_never_sent_twice(
    mailbox, packs, tmp_path
):
    mailbox.accept_then_drop = True
    config_file = settings(tmp_path, mailbox.port)
    result = deliver(packs, config_file)
    assert result.exit_code == 1
    assert "policy/ana@example.org in doubt" in result.stderr and "--force" in result.stderr
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}
    mailbox.accept_then_drop = False
    again = deliver(packs, config_file)
    assert again.exit_code == 1 and "in doubt" in again.stderr
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}
    forced = deliver(packs, config_file, "--force")
    assert forced.exit_code == 0 and mailbox.copies()["ana@example.org"] == 2


@pytest.mark.slow
def test_a_connection_dropped_before_the_message_was_handed_over_is_retried(
    mailbox, packs, tmp_path
):
    mailbox.drop_at_rcpt = 1
    result = deliver(packs, settings(tmp_path, mailbox.port))
    assert result.exit_code == 0, result.output
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}


@pytest.mark.slow
def test_a_4xx_reply_to_the_message_rolls_its_intent_back_and_retries(mailbox, packs, tmp_path):
    mailbox.data_replies = ["451 4.3.0 Try again later"]
    result = deliver(packs, settings(tmp_path, mailbox.port))
    assert result.exit_code == 0, result.output
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}
    assert log_states(packs) == delivered("policy/ana@example.org", "policy/ben@example.org")


# --- 23: deadlines -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_server_that_trickles_its_greeting_is_left_at_the_message_deadline(
    trickler, packs, tmp_path
):
    extra = "retries = 0\nmessage_deadline_seconds = 0.5"
    result = deliver(packs, settings(tmp_path, trickler.port, extra))
    assert result.exit_code == TEMPORARY_FAILURE, result.output
    assert "message_deadline_seconds = 0.5" in result.stderr


@pytest.mark.slow
def test_the_run_deadline_cuts_the_retries_short(trickler, packs, tmp_path):
    extra = (
        "retries = 20\nbackoff_seconds = 0\nmessage_deadline_seconds = 0.3\n"
        "run_deadline_seconds = 1"
    )
    result = deliver(packs, settings(tmp_path, trickler.port, extra))
    assert result.exit_code == TEMPORARY_FAILURE, result.output
    assert "run_deadline_seconds = 1" in result.stderr
    # Each attempt lasts its whole message deadline, so at most four fit in the run's.
    assert trickler.connections < 21


@pytest.mark.slow
def test_a_backoff_that_would_pass_the_run_deadline_is_not_slept(mailbox, packs, tmp_path):
    mailbox.data_replies = ["451 4.7.1 Greylisted"]
    extra = "retries = 4\nbackoff_seconds = 3600\nrun_deadline_seconds = 60"
    result = deliver(packs, settings(tmp_path, mailbox.port, extra))
    assert result.exit_code == TEMPORARY_FAILURE
    assert "run_deadline_seconds = 60" in result.stderr and not mailbox.messages


# --- 24: one target failing alone ----------------------------------------------------------


@pytest.mark.slow
def test_a_failing_folder_target_does_not_stop_the_mail_target(mailbox, packs, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = invoke(
        "deliver", packs / DATE, "--to", f"dir:{blocker}/share", "--to", "desk",
        "--config", settings(tmp_path, mailbox.port),
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"error: dir:{blocker}/share: cannot write to {blocker}/share" in result.stderr
    assert mailbox.copies() == {"ana@example.org": 1, "ben@example.org": 1}
    assert "delivered to desk: policy/ana@example.org" in result.stdout


@pytest.mark.slow
def test_pack_json_reports_the_pack_and_each_target_when_one_fails(mailbox, packs, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    content = write_note(tmp_path / "content", SEED_SLUG)
    result = invoke(
        "pack", content, "-l", "en", "-f", "pdf,html", "--out", packs, "--json",
        "--deliver", f"dir:{blocker}/share", "--deliver", "desk",
        "--config", settings(tmp_path, mailbox.port),
    )  # fmt: skip
    assert result.exit_code == 1
    run = report(result)
    assert run["exit_code"] == 1 and run["date"] == DATE and run["complete"] is True
    folder, desk = run["deliveries"]
    assert folder["target"] == f"dir:{blocker}/share" and "cannot write to" in folder["error"]
    assert desk["error"] is None and desk["sent"] == [f"policy/{a}" for a in POLICY]


# --- 25: a delivery log of the wrong shape -------------------------------------------------


WRONG_LOGS = [
    b'{"deliveries": null}',
    b"[{}]",
    b"[1]",
    b'"abc"',
    b"{}",
    b'{"deliveries": [{}]}',
    b'{"deliveries": [1]}',
    b'{"deliveries": {"date": "2026-11-27"}}',
    b'{"deliveries": [{"date": "2026-11-27", "target": "desk", "to": 5}]}',
    b'{"deliveries": [{"date": "2026-11-27", "target": "desk", "to": "x", "status": "maybe"}]}',
    b"[" * 100_000,
    b"\xff\xfe",
    b"",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", WRONG_LOGS, ids=lambda text: repr(text[:40]))
def test_a_delivery_log_of_the_wrong_shape_is_refused_naming_it(packs, tmp_path, text):
    log = packs / "deliveries.json"
    log.write_bytes(text)
    result = invoke("deliver", packs / DATE, "--to", f"dir:{tmp_path / 'share'}")
    assert result.exit_code == 1
    assert f"{log}: the delivery log" in result.stderr and "fix or move it away" in result.stderr
    assert not (tmp_path / "share" / DATE).exists() and log.read_bytes() == text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["deliveries", "date", "target", "to", "status"]), inner)
    ),
    max_leaves=12,
)


@hostile_settings(examples=150)
@given(st.one_of(json_values, st.builds(lambda v: {"deliveries": v}, json_values)))
def test_any_json_in_the_delivery_log_loads_or_is_refused_naming_the_file(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("log") / "deliveries.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    try:
        log = DeliveryLog(path)
    except DeliveryError as error:
        assert str(error).startswith(f"{path}: the delivery log")
        return
    log.state(DATE, "desk", "policy/ana@example.org")


def test_what_a_log_write_killed_half_way_left_is_ignored_and_removed(tmp_path):
    """A temporary file not yet renamed, and prepared versions never used: the log is whole."""
    path = tmp_path / "deliveries.json"
    record = {"date": DATE, "target": "desk", "to": "policy/ana@example.org", "status": "sending"}
    path.write_text(json.dumps({"deliveries": [record]}))
    for leftover in (".deliveries.json.x1y2.tmp", ".deliveries.json.commit"):
        (tmp_path / leftover).write_text('{"deliveries": [')
    assert DeliveryLog(path).state(DATE, "desk", "policy/ana@example.org") == "sending"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deliveries.json"]


# --- 26: a full disk, and a log that cannot be updated --------------------------------------


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.slow
def test_a_full_disk_before_sending_sends_nothing_and_names_the_log(
    mailbox, packs, tmp_path, monkeypatch
):
    monkeypatch.setattr(atomic, "write_bytes", enospc)
    config_file = settings(tmp_path, mailbox.port)
    result = deliver(packs, config_file)
    assert result.exit_code == 1
    assert f"cannot write the delivery log {packs / 'deliveries.json'}" in result.stderr
    assert "No space left on device" in result.stderr and "nothing was sent" in result.stderr
    assert not mailbox.messages
    monkeypatch.undo()
    later = deliver(packs, config_file)
    assert later.exit_code == 0 and mailbox.copies() == {a: 1 for a in POLICY}


@pytest.mark.slow
def test_a_disk_that_fills_once_the_server_accepted_loses_nothing(
    mailbox, packs, tmp_path, monkeypatch
):
    write = atomic.write_bytes
    monkeypatch.setattr(
        atomic, "write_bytes", lambda *a, **k: enospc() if mailbox.messages else write(*a, **k)
    )
    config_file = settings(tmp_path, mailbox.port)
    result = deliver(packs, config_file)
    assert result.exit_code == 0, result.output
    assert log_states(packs) == delivered("policy/ana@example.org", "policy/ben@example.org")
    again = deliver(packs, config_file)
    assert again.exit_code == 0 and mailbox.copies() == {a: 1 for a in POLICY}


@pytest.mark.slow
def test_a_log_that_cannot_be_updated_after_acceptance_says_so_and_is_not_resent(
    mailbox, packs, tmp_path, monkeypatch
):
    replace = os.replace
    monkeypatch.setattr(
        os, "replace", lambda *a, **k: enospc() if mailbox.messages else replace(*a, **k)
    )
    config_file = settings(tmp_path, mailbox.port)
    result = deliver(packs, config_file)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "the server accepted the message, but the delivery log" in result.stderr
    assert "not sent again" in result.stderr
    again = deliver(packs, config_file)
    assert again.exit_code == 1 and "policy/ana@example.org in doubt" in again.stderr
    assert mailbox.copies() == {a: 1 for a in POLICY}


# --- 26, 28: a kill at every step ----------------------------------------------------------


def run(*arguments: object, crash: str | None = None) -> subprocess.CompletedProcess:
    extra = {CRASH_ENV: crash} if crash else {}
    process = briefing_process(*arguments, env=environment(**extra))
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def killed(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == -signal.SIGKILL


MAIL_STEPS = [
    "smtp:connected",
    "smtp:mail",
    "smtp:rcpt",
    "smtp:rcpt#2",
    "smtp:data",
    "smtp:body",
    "log:prepared",
    "log:committed",
    "smtp:quit",
    "smtp:connected#2",
    "log:intent#2",
    "smtp:accepted#2",
    "log:committed#2",
]
"""Steps after which the process is killed; `#2`: the second time, in the second list."""

IN_DOUBT = {"log:intent": 0, "smtp:accepted": 1}
"""Killed between recording the intent and recording the reply: the copies the policy list
has (none if killed before the end of the message was sent, one after)."""

TWO_LISTS = {"policy": POLICY, "moscow": MOSCOW}


@pytest.mark.slow
@pytest.mark.parametrize("step", MAIL_STEPS)
def test_a_kill_at_any_step_of_a_mail_delivery_neither_loses_nor_duplicates(
    mailbox, packs, tmp_path, step
):
    arguments = ["deliver", packs / DATE, "--to", "desk"]
    arguments += ["--config", settings(tmp_path, mailbox.port, lists=TWO_LISTS)]
    first = run(*arguments, crash=step)
    assert killed(first), first.stderr
    second = run(*arguments)
    in_doubt = "#2" in step and step.split("#")[0] in IN_DOUBT
    assert second.returncode == (1 if in_doubt else 0), second.stderr
    everyone = POLICY + MOSCOW
    if in_doubt:
        assert "moscow/olga@example.org in doubt" in second.stderr
        copies = IN_DOUBT[step.split("#")[0]]
        assert mailbox.copies() == {a: 1 for a in POLICY + MOSCOW[:copies]}
        return
    assert mailbox.copies() == {a: 1 for a in everyone}
    keys = [f"policy/{a}" for a in POLICY] + [f"moscow/{a}" for a in MOSCOW]
    assert log_states(packs) == delivered(*keys)
    assert sorted(p.name for p in packs.iterdir() if p.name.startswith(".deliveries")) == []


@pytest.mark.slow
@pytest.mark.parametrize("step, copies", IN_DOUBT.items())
def test_a_kill_between_handing_over_and_recording_is_reported_and_never_sent_twice(
    mailbox, packs, tmp_path, step, copies
):
    arguments = ["deliver", packs / DATE, "--to", "desk"]
    arguments += ["--config", settings(tmp_path, mailbox.port)]
    assert killed(run(*arguments, crash=step))
    second = run(*arguments)
    assert second.returncode == 1
    assert "policy/ana@example.org in doubt" in second.stderr and "--force" in second.stderr
    assert mailbox.copies() == ({a: copies for a in POLICY} if copies else {})
    assert log_states(packs) == {f"policy/{a}": ["sending"] for a in POLICY}
    forced = run(*arguments, "--force")
    assert forced.returncode == 0 and mailbox.copies() == {a: copies + 1 for a in POLICY}


FOLDER_STEPS = ["dir:incoming", "dir:copied", "dir:in-place", "dir:done", "log:written"]


FOLDER_KILLS = [
    *[pytest.param(step, False, id=f"first-{step}") for step in FOLDER_STEPS],
    *[pytest.param(step, True, id=f"force-{step}") for step in [*FOLDER_STEPS, "dir:moved-aside"]],
]
"""A first delivery, and one with --force over a copy already there (moved aside first)."""


@pytest.mark.slow
@pytest.mark.parametrize("step, force", FOLDER_KILLS)
def test_a_kill_at_any_step_of_a_folder_delivery_leaves_the_share_whole(
    packs, tmp_path, step, force
):
    share = tmp_path / "share"
    arguments = ["deliver", packs / DATE, "--to", f"dir:{share}"]
    if force:
        assert invoke(*arguments).exit_code == 0
    first = run(*arguments, *(["--force"] if force else []), crash=step)
    assert killed(first), first.stderr
    second = run(*arguments)
    assert second.returncode == 0, second.stderr
    assert invoke("verify", share / DATE).exit_code == 0
    assert sorted(path.name for path in share.iterdir()) == [DATE]
    records = log_states(packs)[str(share / DATE)]
    assert records == ["delivered"] * (len(records) if force else 1)


@pytest.mark.slow
def test_a_share_copy_removed_since_its_delivery_is_delivered_again(packs, tmp_path):
    share = tmp_path / "share"
    assert invoke("deliver", packs / DATE, "--to", f"dir:{share}").exit_code == 0
    (share / DATE / "index.html").unlink()
    (share / DATE / "manifest.json").unlink()
    again = invoke("deliver", packs / DATE, "--to", f"dir:{share}")
    assert again.exit_code == 0 and "delivered to" in again.stdout
    assert invoke("verify", share / DATE).exit_code == 0


# --- 27: an incomplete pack ----------------------------------------------------------------


def incomplete_copy(pack: Path, folder: Path) -> Path:
    """A copy of `pack` whose manifest says a note failed, and whose zip agrees."""
    copy = copy_packs(pack.resolve(), folder)
    document = json.loads((copy / manifest.MANIFEST).read_bytes())
    failure = {"path": "en/other.pdf", "slug": "other", "locale": "en", "format": "pdf"}
    document.update(complete=False, failures=[{**failure, "message": "render timed out"}])
    text = manifest.dumps(document)
    (copy / manifest.MANIFEST).write_bytes(text)
    members = [(e["path"], (copy / e["path"]).read_bytes()) for e in document["files"]]
    built_at = dt.datetime.fromisoformat(document["built_at"])
    archive = copy / document["archive"]["path"]
    archive.write_bytes(manifest.zip_bytes([*members, (manifest.MANIFEST, text)], built_at))
    return copy


@pytest.mark.slow
def test_an_incomplete_pack_is_not_delivered_and_the_complete_one_is_later(
    mailbox, packs, tmp_path
):
    partial = incomplete_copy(packs / DATE, packs / ".builds" / f"{DATE}.partial")
    assert invoke("verify", partial).exit_code == 0
    config_file = settings(tmp_path, mailbox.port)
    result = invoke("deliver", partial, "--to", "desk", "--config", config_file)
    assert result.exit_code == 1
    assert "incomplete" in result.stderr and "en/other.pdf" in result.stderr
    assert not mailbox.messages
    complete = deliver(packs, config_file)
    assert complete.exit_code == 0 and mailbox.copies() == {a: 1 for a in POLICY}


# --- 29, 30, 31: settings refused at load --------------------------------------------------


def settings_file(tmp_path: Path, desk: dict, lists: str = "") -> Path:
    lines = [f"{key} = {toml_value(value)}" for key, value in desk.items()]
    path = tmp_path / "briefing.toml"
    body = "\n".join(lines)
    policy = lists or '[targets.desk.lists.policy]\nto = ["ana@example.org"]'
    path.write_text(f"[targets.desk]\n{body}\n{policy}\n", encoding="utf-8")
    return path


def toml_value(value: object) -> str:
    return "inf" if value == float("inf") else json.dumps(value)


DESK = {"url": "smtp://127.0.0.1:2525", "sender": SENDER}


def refused(path: Path) -> str:
    with pytest.raises(targets.ConfigError) as error:
        config.load(path)
    assert error.value.exit_code == 2
    return str(error.value)


@pytest.mark.parametrize(
    "url",
    [
        "smtp://127.0.0.1:99999",
        "smtp://127.0.0.1:0",
        "smtp://127.0.0.1:",
        "smtps://:465",
        "smtp://user@mail.example.org:25",
        "smtp://mail.example.org:25/path",
        "smtp://mail.example.org:25?x=1",
        "smtp://[::1]:99999",
        "smtp://mail example.org:25",
        "smtp://mail.example.org:+25",
        "smtp://mail.example.org:２５",
    ],
)
def test_an_smtp_url_that_cannot_be_connected_to_is_refused_at_load(tmp_path, url):
    path = settings_file(tmp_path, {**DESK, "url": url})
    assert f"{path}: targets.desk.url:" in refused(path)


@pytest.mark.parametrize(
    "url, host, port",
    [("smtp://[::1]:2525", "::1", 2525), ("smtps://mail.example.org", "mail.example.org", 465)],
)
def test_smtp_urls_give_their_host_and_port(tmp_path, url, host, port):
    target = config.load(settings_file(tmp_path, {**DESK, "url": url})).targets["desk"]
    assert (target.host, target.port) == (host, port)


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", "Pack {day}"),
        ("subject", "{0}"),
        ("subject", "{}"),
        ("subject", "{date.year}"),
        ("subject", "{date!r}"),
        ("subject", "{date:%Y}"),
        ("subject", "Pack {"),
        ("subject", "Pack }"),
        ("subject", "Pack\nBcc: eve@example.org"),
        ("subject", "Pack\r"),
        ("subject", "Pack\x00"),
        ("sender", "Briefings\n<briefings@example.org>"),
        ("sender", "a;b@example.org"),
        ("sender", "A, B <briefings@example.org>"),
        ("sender", "nobody"),
        ("sender", "x@example.org, y@example.org"),
        ("link_base", "javascript:alert(1)"),
        ("link_base", "https://intranet.example.org/a b/"),
        ("username_env", "BRIEFING USER"),
        ("timeout_seconds", float("inf")),
        ("backoff_seconds", 1e300),
    ],
)
def test_a_value_that_could_only_fail_at_send_time_is_refused_at_load(tmp_path, field, value):
    path = settings_file(tmp_path, {**DESK, field: value})
    assert f"{path}: targets.desk.{field}:" in refused(path)


@pytest.mark.parametrize("name", ["a b", "x\ny", "a>b", "", "é"])
def test_a_list_name_that_cannot_be_a_message_id_part_is_refused_at_load(tmp_path, name):
    lists = f'[targets.desk.lists.{json.dumps(name)}]\nto = ["ana@example.org"]'
    path = settings_file(tmp_path, DESK, lists)
    assert f"{path}: targets.desk.lists" in refused(path)


def test_attaching_nothing_without_a_link_base_is_refused_at_load(tmp_path):
    path = settings_file(tmp_path, {**DESK, "attach_limit_mb": 0})
    assert "link_base" in refused(path)


def test_the_subject_is_checked_before_the_pack_is_built(tmp_path):
    content = write_note(tmp_path / "content", SEED_SLUG)
    path = settings_file(tmp_path, {**DESK, "subject": "Pack {day}"})
    root = tmp_path / "packs"
    result = invoke("pack", content, "--out", root, "--deliver", "desk", "--config", path)
    assert result.exit_code == 2
    assert f"{path}: targets.desk.subject: " in result.stderr and "{date}" in result.stderr
    assert not root.exists()


@pytest.mark.parametrize(
    "address",
    [
        "a;b@example.org",
        "a,b@example.org",
        "a b@example.org",
        "<a@example.org>",
        "a@b@example.org",
        '"a"@example.org',
        '"a;b"@example.org',
        "a..b@example.org",
        ".a@example.org",
        "a@example.org.",
        "ä@example.org",
        "a@exämple.org",
        "a@",
        "@example.org",
        "a@example.org (Ana)",
        "a(x)@example.org",
        "Ana <a@example.org>",
    ],
)
def test_a_recipient_that_does_not_round_trip_is_refused_at_load(tmp_path, address):
    lists = f'[targets.desk.lists.policy]\nto = ["ana@example.org", {json.dumps(address)}]'
    path = settings_file(tmp_path, DESK, lists)
    assert f"{path}: targets.desk.lists.policy.to[1]:" in refused(path)


def _target(**fields) -> targets.SmtpTarget | None:
    data = {**DESK, "lists": {"policy": {"to": ["ana@example.org"]}}, **fields}
    try:
        return config.Config.model_validate({"targets": {"desk": data}}).targets["desk"]
    except ValidationError:
        return None


near_addresses = st.from_regex(
    r"[a-z0-9.;,<>\"() !#$%&'*+/=?^_`{|}~\[\]\\-]{1,8}@[a-z0-9.;,\[\] -]{1,8}", fullmatch=True
)
near_senders = st.from_regex(
    r'[A-Za-z ,;:"<>()\\.@=?\n]{0,10}<?[a-z;,.\n]{1,5}@[a-z.]{1,6}>?', fullmatch=True
)


@hostile_settings(examples=200)
@given(st.one_of(hostile_text, st.text(), near_addresses))
def test_any_recipient_is_refused_at_load_or_sent_exactly_as_written(address):
    target = _target(lists={"policy": {"to": [address]}})
    if target is None:
        return
    assert smtplib.quoteaddr(address) == f"<{address}>"
    assert Address(addr_spec=address).addr_spec == address
    message = EmailMessage()
    mail.set_headers(message, target, "policy", target.lists["policy"], DATE)
    assert [a.addr_spec for a in message["To"].addresses] == [address]


@hostile_settings(examples=200)
@given(st.one_of(hostile_text, st.text()), st.one_of(hostile_text, near_senders))
def test_any_subject_and_sender_are_refused_at_load_or_make_valid_headers(subject, sender):
    target = _target(subject=subject, sender=sender)
    if target is None:
        return
    message = EmailMessage()
    mail.set_headers(message, target, "policy", target.lists["policy"], DATE)
    assert "\n" not in message["Subject"] and len(message["From"].addresses) == 1
    assert message.as_bytes()


# --- The crash hook is inert unless asked for ----------------------------------------------


def test_the_crash_hook_needs_its_variable(monkeypatch):
    from pipeline.delivery.log import crash_point

    monkeypatch.delenv(CRASH_ENV, raising=False)
    crash_point("smtp:connected")  # returns: nothing asked for a crash
    monkeypatch.setenv(CRASH_ENV, "smtp:other")
    crash_point("smtp:connected")


# --- The settings file itself, however it is broken ----------------------------------------


def _folder(path: Path) -> None:
    path.mkdir()


def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _huge(path: Path) -> None:
    path.write_text("# padding\n" * 200_000)


def _deep(path: Path) -> None:
    path.write_text("a = " + "[" * 100_000)


@pytest.mark.parametrize("damage", [_folder, _pipe, _huge, _deep], ids=lambda f: f.__name__[1:])
def test_a_settings_file_that_is_no_toml_file_is_named_not_skipped_or_waited_on(
    tmp_path, monkeypatch, damage
):
    monkeypatch.chdir(tmp_path)
    damage(tmp_path / "briefing.toml")
    assert refused(Path("briefing.toml")).startswith("briefing.toml: ")
    project = find()  # a damaged briefing.toml still marks the project, whose settings it is
    assert project.settings_file == tmp_path.resolve() / "briefing.toml"
    with pytest.raises(targets.ConfigError, match=rf"^{re.escape(str(project.settings_file))}: "):
        config.load(project.settings_file)


def test_a_pyproject_whose_tool_is_not_a_table_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('tool = "briefing"\n')
    with pytest.raises(targets.ConfigError, match=r"^pyproject\.toml: tool must be a table"):
        config.load(Path("pyproject.toml"))


def test_without_settings_an_unknown_target_says_where_settings_were_looked_for(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(
        targets.ConfigError, match=r"pyproject\.toml \(it has no \[tool\.briefing\]"
    ):
        config.load(Path("pyproject.toml")).target("share")


def test_a_folder_target_holding_a_nul_is_a_settings_error():
    with pytest.raises(targets.ConfigError, match="NUL"):
        config.Config().target("dir:/srv/a\x00b")
