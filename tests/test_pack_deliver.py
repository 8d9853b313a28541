"""Delivery against a real SMTP server on 127.0.0.1 (aiosmtpd) and into a folder: retries on
4xx, a refused recipient named, a dropped connection retried, exactly once, settings errors."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from pipeline.errors import TEMPORARY_FAILURE
from pipeline.packs import settings as config
from tests.conftest import ROOT
from tests.pack_support import DATE, copy_packs, invoke, report, write_note

pytestmark = pytest.mark.slow
SENDER = "Briefings <briefings@example.org>"


class Mailbox:
    """An SMTP server's behaviour, scripted per test; accepted messages are kept."""

    def __init__(self) -> None:
        self.messages: list = []
        self.data_replies: list[str] = []  # replies to DATA, in order, then 250
        self.refuse: dict[str, str] = {}  # recipient -> reply to RCPT
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse.get(address) == "disconnect":
            del self.refuse[address]
            server.transport.close()  # gone before the message was sent, this once
            return "421 gone"
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if reply == "disconnect":
                server.transport.close()  # gone in the middle of the transfer
            return reply
        self.messages.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        user, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((user, password))
        return AuthResult(success=password == "s3cret-pass", handled=False)

    def parsed(self, index: int = -1):
        return email.message_from_bytes(self.messages[index].content, policy=email.policy.default)


@pytest.fixture
def mailbox():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        authenticator=box.authenticate,
        auth_require_tls=False,
        auth_exclude_mechanism=["LOGIN"],  # smtplib's LOGIN exchange stalls with aiosmtpd
    )
    controller.start()
    box.port = port
    yield box
    controller.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seed in English and Russian, PDF and HTML."""
    content = write_note(tmp_path_factory.mktemp("content"), "kabar-korea-ambassador-interview")
    root = tmp_path_factory.mktemp("built") / "packs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        result = invoke("pack", content, "-l", "en,ru", "-f", "pdf,html", "--out", root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def packs(built, tmp_path) -> Path:
    return copy_packs(built, tmp_path / "packs")


def settings(tmp_path: Path, port: int, recipients: list[str], extra: str = "") -> Path:
    path = tmp_path / "briefing.toml"
    path.write_text(
        f"""
[schedule]
deliver = ["desk", "share"]

[targets.share]
url = "dir:{tmp_path / "share"}"

[targets.desk]
url = "smtp://127.0.0.1:{port}"
sender = "{SENDER}"
retries = 3
backoff_seconds = 0.01
timeout_seconds = 10
{extra}

[targets.desk.lists.policy]
to = {json.dumps(recipients)}
""",
        encoding="utf-8",
    )
    return path


def deliver(packs: Path, config: Path, *more: str):
    return invoke("deliver", packs / DATE, "--to", "desk", "--config", config, *more)


def test_451_then_250_delivers_exactly_one_message(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org", "ben@example.org"])
    mailbox.data_replies = ["451 4.3.0 Try again later"]
    result = deliver(packs, config)
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0].rcpt_tos == ["ana@example.org", "ben@example.org"]
    assert "delivered to desk: policy/ana@example.org" in result.output

    again = deliver(packs, config)
    assert again.exit_code == 0 and "already delivered" in again.output
    assert len(mailbox.messages) == 1, "a rerun for the same date sends nothing"
    forced = deliver(packs, config, "--force")
    assert forced.exit_code == 0 and len(mailbox.messages) == 2


def test_the_message_carries_the_pdfs_and_the_index(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    assert deliver(packs, config).exit_code == 0
    message = mailbox.parsed()
    assert (
        message["Subject"] == f"Briefing pack {DATE}" and "briefings@example.org" in message["From"]
    )
    names = sorted(part.get_filename() for part in message.iter_attachments())
    assert names == [
        f"{DATE}-briefing-book-en.pdf",
        f"{DATE}-briefing-book-ru.pdf",
        "kabar-korea-ambassador-interview.en.pdf",
        "kabar-korea-ambassador-interview.ru.pdf",
    ]
    attachment = next(message.iter_attachments()).get_content()
    assert attachment.startswith(b"%PDF")
    html = message.get_body(("html",)).get_content()
    assert "Briefing pack, November 27, 2026" in html and "The PDFs are attached." in html
    assert 'href="en/' not in html, "no links that only work inside the pack folder"
    assert "attached" in message.get_body(("plain",)).get_content()


def test_pdfs_over_the_size_limit_are_linked(mailbox, packs, tmp_path):
    extra = 'attach_limit_mb = 0.01\nlink_base = "https://intranet.example.org/packs/"'
    config = settings(tmp_path, mailbox.port, ["ana@example.org"], extra)
    assert deliver(packs, config).exit_code == 0
    message = mailbox.parsed()
    assert not list(message.iter_attachments())
    html = message.get_body(("html",)).get_content()
    link = f"https://intranet.example.org/packs/{DATE}/ru/kabar-korea-ambassador-interview.pdf"
    assert f'href="{link}"' in html


def test_550_for_one_recipient_is_named_and_the_others_get_it(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org", "nobody@example.org"])
    mailbox.refuse["nobody@example.org"] = "550 5.1.1 No such user"
    result = deliver(packs, config)
    assert result.exit_code == 1
    assert "policy/nobody@example.org refused: 550 5.1.1 No such user" in result.stderr
    assert [m.rcpt_tos for m in mailbox.messages] == [["ana@example.org"]]

    again = deliver(packs, config)
    assert again.exit_code == 1 and "nobody@example.org" in again.stderr
    assert len(mailbox.messages) == 1, "ana is not sent the pack twice"


def test_a_connection_dropped_mid_transfer_is_retried(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    mailbox.refuse["ana@example.org"] = "disconnect"
    result = deliver(packs, config)
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1


def test_a_connection_dropped_once_the_message_was_whole_is_in_doubt_not_resent(
    mailbox, packs, tmp_path
):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    mailbox.data_replies = ["disconnect"]  # whether the server kept it, the client cannot know
    result = deliver(packs, config)
    assert result.exit_code == 1 and "policy/ana@example.org in doubt" in result.stderr
    again = deliver(packs, config)
    assert again.exit_code == 1 and not mailbox.messages, "never sent a second time by itself"


def test_temporary_failures_past_the_retries_exit_75_and_a_later_run_delivers(
    mailbox, packs, tmp_path
):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    mailbox.data_replies = ["451 4.7.1 Greylisted"] * 4  # one try and three retries
    result = deliver(packs, config)
    assert result.exit_code == TEMPORARY_FAILURE
    assert "not delivered yet (451 4.7.1 Greylisted)" in result.stderr
    assert not mailbox.messages
    later = deliver(packs, config)
    assert later.exit_code == 0 and len(mailbox.messages) == 1


def test_an_unreachable_server_is_a_temporary_failure(packs, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    config = settings(tmp_path, closed_port, ["ana@example.org"])
    result = deliver(packs, config)
    assert result.exit_code == TEMPORARY_FAILURE and "connection failed" in result.stderr


def test_credentials_come_from_the_environment_and_are_never_printed(
    mailbox, packs, tmp_path, monkeypatch
):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    monkeypatch.setenv("BRIEFING_SMTP_USER", "desk-robot")
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "wrong-pass")
    refused = deliver(packs, config)
    assert refused.exit_code == 1 and "535" in refused.stderr
    assert "wrong-pass" not in refused.output and not mailbox.messages

    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "s3cret-pass")
    result = deliver(packs, config)
    assert result.exit_code == 0 and "s3cret-pass" not in result.output
    assert mailbox.logins[-1] == ("desk-robot", "s3cret-pass") and len(mailbox.messages) == 1


def test_a_damaged_pack_is_not_delivered(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    pdf = (packs / DATE / "en" / "kabar-korea-ambassador-interview.pdf").resolve()
    pdf.write_bytes(pdf.read_bytes()[:-10])
    result = deliver(packs, config)
    assert result.exit_code == 1 and "fails verification" in result.stderr
    assert not mailbox.messages


def test_a_folder_target_gets_a_verified_copy_once(packs, tmp_path):
    share = tmp_path / "share"
    (share / f".{DATE}.incoming-x1").mkdir(parents=True)  # a copy killed half-way
    result = invoke("deliver", packs / DATE, "--to", f"dir:{share}")
    assert result.exit_code == 0, result.output
    assert invoke("verify", share / DATE).exit_code == 0
    assert sorted(path.name for path in share.iterdir()) == [DATE]

    again = invoke("deliver", packs / DATE, "--to", f"dir:{share}")
    assert again.exit_code == 0 and "already delivered" in again.output
    (share / DATE / "index.html").write_text("edited by hand")
    forced = invoke("deliver", packs / DATE, "--to", f"dir:{share}", "--force")
    assert forced.exit_code == 0 and invoke("verify", share / DATE).exit_code == 0
    log = json.loads((packs / "deliveries.json").read_text())["deliveries"]
    assert [entry["to"] for entry in log] == [str(share / DATE)] * 2


def test_pack_scheduled_builds_and_delivers_to_every_scheduled_target(mailbox, packs, tmp_path):
    config = settings(tmp_path, mailbox.port, ["ana@example.org"])
    content = write_note(tmp_path / "content", "kabar-korea-ambassador-interview")
    arguments = ["pack", content, "-l", "en,ru", "-f", "pdf,html", "--out", packs]
    result = invoke(*arguments, "--scheduled", "--config", config, "--json")
    assert result.exit_code == 0, result.output
    run = report(result)
    assert run["exit_code"] == 0
    assert [d["target"] for d in run["deliveries"]] == ["desk", "share"]
    assert len(mailbox.messages) == 1 and (tmp_path / "share" / DATE / "manifest.json").is_file()
    again = report(invoke(*arguments, "--scheduled", "--config", config, "--json"))
    assert [d["sent"] for d in again["deliveries"]] == [[], []] and len(mailbox.messages) == 1


def test_settings_problems_exit_2_naming_each_key(packs, tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text(
        """
[pack]
locales = ["en", "xx"]
jobs = 0
[schedule]
deliver = ["missing"]
[targets.desk]
url = "smtp://mail.example.org:587"
sender = "briefings@example.org"
lists.policy = { to = ["not-an-address"] }
[targets.old]
url = "ftp://example.org/"
""",
        encoding="utf-8",
    )
    result = invoke("deliver", packs / DATE, "--to", "desk", "--config", config)
    assert result.exit_code == 2
    for expected in (
        "pack.locales: unknown locale xx",
        "pack.jobs: Input should be greater than or equal to 1",
        "targets.desk.lists.policy.to[0]: 'not-an-address' does not look right",
        "targets.old: needs url = 'dir:/path', 'smtp://host:port'",
    ):
        assert f"{config}: {expected}" in result.stderr, result.stderr

    config.write_text('[schedule]\ndeliver = ["missing"]\n', encoding="utf-8")
    result = invoke("deliver", packs / DATE, "--to", "desk", "--config", config)
    assert result.exit_code == 2 and "no [targets.NAME] defines" in result.stderr


def test_settings_in_pyproject(packs, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.briefing.targets.share]\nurl = "dir:{tmp_path / "elsewhere"}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = invoke("deliver", packs / DATE, "--to", "share")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / DATE / "index.html").is_file()
    shutil.rmtree(tmp_path / "elsewhere")


def test_the_example_settings_are_valid():
    loaded = config.load(ROOT / "deploy" / "briefing.example.toml")
    assert loaded.schedule.deliver == ["desk", "share"]
    assert loaded.target("desk")[1].port == 587


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl makes the test certificate")
def test_starttls_is_used_when_offered_and_the_password_travels_inside_it(
    packs, tmp_path, monkeypatch
):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,  # refuses MAIL and AUTH until the session is encrypted
        authenticator=box.authenticate,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))  # trust the test CA
        monkeypatch.setenv("BRIEFING_SMTP_USER", "desk-robot")
        monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "s3cret-pass")
        result = deliver(packs, settings(tmp_path, port, ["ana@example.org"]))
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert len(box.messages) == 1 and box.logins == [("desk-robot", "s3cret-pass")]
